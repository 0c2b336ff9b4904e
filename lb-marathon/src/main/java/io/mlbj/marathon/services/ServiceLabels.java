package io.mlbj.marathon.services;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Applies the per-port labels {@code HAPROXY_{n}_*} of an app to a service, with marathon-lb's parsing rules. */
public final class ServiceLabels {
    private final Map<String, Integer> orderByShortName = new HashMap<>();
    private final Map<String, LabelDefinition> byShortName = new HashMap<>();

    /** Uses the given label table. */
    public ServiceLabels(LabelTable table) {
        List<LabelDefinition> ordered = table.perPortInApplicationOrder();
        for (int i = 0; i < ordered.size(); i++) {
            orderByShortName.put(ordered.get(i).shortName(), i);
            byShortName.put(ordered.get(i).shortName(), ordered.get(i));
        }
    }

    /** One app's per-port labels, grouped by port index and in marathon-lb's application order. */
    public record PortLabels(Map<Integer, List<String[]>> byPort) {}

    /** Groups an app's {@code HAPROXY_{n}_*} labels by {@code n} (other labels are ignored), once per app. */
    public PortLabels parse(Map<String, String> labels) {
        Map<Integer, List<String[]>> byPort = new HashMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("HAPROXY_") || key.length() < 11) {
                continue;
            }
            int end = 8;
            while (end < key.length() && key.charAt(end) >= '0' && key.charAt(end) <= '9') {
                end++;
            }
            // Python formats n without sign or leading zeros, so only that spelling matches
            if (end == 8 || end - 8 > 6 || (key.charAt(8) == '0' && end > 9) || end >= key.length() || key.charAt(end) != '_') {
                continue;
            }
            String shortName = key.substring(end + 1);
            if (byShortName.containsKey(shortName)) {
                int n = Integer.parseInt(key.substring(8, end));
                byPort.computeIfAbsent(n, k -> new ArrayList<>(4)).add(new String[] {shortName, key, e.getValue()});
            }
        }
        for (List<String[]> entries : byPort.values()) {
            entries.sort(Comparator.comparingInt(x -> orderByShortName.get(x[0])));
        }
        return new PortLabels(byPort);
    }

    /** Applies every label of port {@code n} present in {@code labels}, in marathon-lb's (name-sorted) order. */
    public void apply(Service.Builder service, Map<String, String> labels, int n) throws LabelException {
        apply(service, parse(labels), n);
    }

    /** Applies the parsed labels of port {@code n}. */
    public void apply(Service.Builder service, PortLabels labels, int n) throws LabelException {
        for (String[] entry : labels.byPort().getOrDefault(n, List.of())) {
            set(service, byShortName.get(entry[0]), entry[1], entry[2]);
        }
    }

    private static void set(Service.Builder s, LabelDefinition def, String key, String v) throws LabelException {
        if (def.isTemplateOverride()) {
            s.templateOverride(def.shortName(), v);
            return;
        }
        switch (def.shortName()) {
            case "AUTH" -> {
                String[] parts = v.split(":", -1);
                if (parts.length != 3) {
                    throw new LabelException(key, "expected realm:user:encryptedpassword (3 parts separated by ':'), got "
                            + parts.length + " part(s)");
                }
                s.auth(parts[0], parts[1], parts[2]);
            }
            case "VHOST" -> s.hostname(v.toLowerCase(Locale.ROOT));
            case "GROUP" -> s.haproxyGroups(split(v));
            case "PATH" -> {
                s.path(v);
                if (s.backendWeight == 0) {
                    s.backendWeight(1);
                }
            }
            case "STICKY" -> s.sticky(PythonStrings.toBool(v));
            case "ENABLED" -> s.enabled(PythonStrings.toBool(v));
            case "REDIRECT_TO_HTTPS" -> s.redirectHttpToHttps(PythonStrings.toBool(v));
            case "USE_HSTS" -> s.useHsts(PythonStrings.toBool(v));
            case "SSL_CERT" -> s.sslCert(v);
            case "BIND_OPTIONS" -> s.bindOptions(v);
            case "BIND_ADDR" -> s.bindAddr(v);
            case "PORT" -> s.servicePort(integer(key, v, 0, 65535));
            case "MODE" -> s.mode(v.toLowerCase(Locale.ROOT));
            case "BALANCE" -> s.balance(v);
            case "HTTP_BACKEND_PROXYPASS_PATH" -> s.proxypath(v);
            case "HTTP_BACKEND_REVPROXY_PATH" -> s.revproxypath(v);
            case "HTTP_BACKEND_REDIR" -> s.redirpath(v);
            case "BACKEND_WEIGHT" -> s.backendWeight(integer(key, v, Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "BACKEND_NETWORK_ALLOWED_ACL" -> s.networkAllowed(v);
            case "BACKEND_HEALTHCHECK_PORT_INDEX" ->
                    s.healthcheckPortIndex(integer(key, v, Integer.MIN_VALUE, Integer.MAX_VALUE));
            default -> throw new IllegalStateException("label table entry without a setter: " + def.name());
        }
    }

    /** Python's {@code v.split(',')}: no trimming, empty parts kept. */
    public static List<String> split(String v) {
        return Arrays.asList(v.split(",", -1));
    }

    private static int integer(String key, String v, int min, int max) throws LabelException {
        int value;
        try {
            value = PythonStrings.parseInt(v);
        } catch (NumberFormatException e) {
            throw new LabelException(key, "expected an integer: " + e.getMessage());
        }
        if (value < min || value > max) {
            throw new LabelException(key, "'" + v + "' (expected: " + min + ".." + max + ")");
        }
        return value;
    }
}
