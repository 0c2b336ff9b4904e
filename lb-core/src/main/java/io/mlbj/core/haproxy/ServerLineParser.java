package io.mlbj.core.haproxy;

import io.mlbj.core.routing.HealthCheck;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.ServerTls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code server NAME ADDRESS [options]} (after the backend's {@code default-server} options):
 * {@code id weight cookie disabled enabled check no-check inter fastinter downinter rise fall port ssl no-ssl verify
 * ca-file sni maxconn backup no-backup slowstart}; options without runtime effect here are accepted, the rest warned.
 */
final class ServerLineParser {
    /** Options with no effect on routing here, and how many words of argument each takes. */
    private static final Set<String> SILENT_FLAGS = Set.of("check-ssl", "check-send-proxy", "no-sslv3",
            "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "force-sslv3", "force-tlsv10", "force-tlsv11",
            "force-tlsv12", "force-tlsv13", "no-tls-tickets", "tls-tickets", "tfo", "no-send-proxy",
            "no-check-ssl", "allow-0rtt", "no-verifyhost");
    private static final Set<String> SILENT_WITH_ARG = Set.of("maxqueue", "minconn",
            "alpn", "npn", "ciphers", "ciphersuites", "check-sni", "check-alpn", "init-addr", "resolve-prefer",
            "resolve-net", "pool-max-conn", "pool-purge-delay", "pool-low-conn", "max-reuse", "proto",
            "ssl-min-ver", "ssl-max-ver", "verifyhost", "log-proto", "error-limit", "curves", "crl-file", "ws");

    private ServerLineParser() {}

    /** The server of {@code d}, or null after reporting why it cannot be used. */
    static Server parse(Directive d, ProxySettings settings, int spreadChecks, Problems problems) {
        if (d.args().size() < 2) {
            problems.error(d, "expected 'server NAME ADDRESS [options]'");
            return null;
        }
        String name = d.arg(0);
        String address = d.arg(1);
        String host;
        int port;
        if (address.startsWith("abns@")) {
            // An in-process socket (the grouped-TLS loopback of marathon-lb): the name is the address.
            host = address;
            port = 0;
        } else {
            int colon = address.lastIndexOf(':');
            host = colon < 0 ? address : address.substring(0, colon);
            if (host.startsWith("ipv4@") || host.startsWith("ipv6@")) {
                host = host.substring(5);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (colon < 0 || host.isEmpty()) {
                problems.error(d, "server " + name + ": address '" + address + "' needs HOST:PORT");
                return null;
            }
            try {
                port = Durations.integer(address.substring(colon + 1), 1, 65535, "server " + name + " port");
            } catch (CompileError e) {
                problems.error(d, e.getMessage());
                return null;
            }
        }
        List<String> options = d.args().subList(2, d.args().size());
        if (!settings.defaultServer.isEmpty()) {
            options = new ArrayList<>(settings.defaultServer);
            options.addAll(d.args().subList(2, d.args().size()));
        }
        int id = 0;
        int weight = 1;
        String cookie = null;
        boolean disabled = false;
        boolean check = false;
        Duration inter = Duration.ofSeconds(2);
        Duration fastInter = null;
        Duration downInter = null;
        int rise = 2;
        int fall = 3;
        int checkPort = 0;
        boolean ssl = false;
        boolean verify = true;
        String caFile = null;
        String sni = null;
        int maxConnections = 0;
        boolean backup = false;
        Duration slowStart = Duration.ZERO;
        try {
            for (int i = 0; i < options.size(); i++) {
                String o = options.get(i);
                switch (o) {
                    case "id" -> id = Durations.integer(arg(options, ++i, o), 1, Integer.MAX_VALUE, "id");
                    case "weight" -> weight = Durations.integer(arg(options, ++i, o), 0, 256, "weight");
                    case "cookie" -> cookie = arg(options, ++i, o);
                    case "disabled" -> disabled = true;
                    case "enabled" -> disabled = false;
                    case "check" -> check = true;
                    case "no-check" -> check = false;
                    case "inter" -> inter = positive(Durations.parse(arg(options, ++i, o)), o);
                    case "fastinter" -> fastInter = positive(Durations.parse(arg(options, ++i, o)), o);
                    case "downinter" -> downInter = positive(Durations.parse(arg(options, ++i, o)), o);
                    case "rise" -> rise = Durations.integer(arg(options, ++i, o), 1, 1_000_000, "rise");
                    case "fall" -> fall = Durations.integer(arg(options, ++i, o), 1, 1_000_000, "fall");
                    case "port" -> checkPort = Durations.integer(arg(options, ++i, o), 1, 65535, "port");
                    case "ssl" -> ssl = true;
                    case "no-ssl" -> ssl = false;
                    case "verify" -> {
                        String v = arg(options, ++i, o);
                        if (!v.equals("none") && !v.equals("required")) {
                            throw new CompileError("verify: '" + v + "' (expected: none or required)");
                        }
                        verify = v.equals("required");
                    }
                    case "ca-file" -> caFile = arg(options, ++i, o);
                    case "sni" -> sni = arg(options, ++i, o);
                    case "maxconn" -> maxConnections =
                            Durations.integer(arg(options, ++i, o), 0, Integer.MAX_VALUE, "maxconn");
                    case "send-proxy-v2", "send-proxy" -> {
                        if (!host.startsWith("abns@")) {
                            problems.unsupported(d, "server " + name + ": '" + o + "' is not supported (ignored)");
                        }
                    }
                    case "backup" -> backup = true;
                    case "no-backup" -> backup = false;
                    case "slowstart" -> slowStart = Durations.parse(arg(options, ++i, o));
                    default -> {
                        if (SILENT_WITH_ARG.contains(o)) {
                            arg(options, ++i, o);
                        } else if (!SILENT_FLAGS.contains(o)) {
                            problems.unsupported(d, "server " + name + ": option '" + o + "' is not supported (ignored)");
                        }
                    }
                }
            }
        } catch (CompileError e) {
            problems.error(d, "server " + name + ": " + e.getMessage());
            return null;
        }
        HealthCheck hc = null;
        if (check) {
            Duration timeout = settings.timeouts.getOrDefault("check", inter);
            hc = new HealthCheck(inter, rise, fall, checkPort,
                    settings.httpCheck ? settings.checkMethod : null,
                    settings.httpCheck ? settings.checkPath : null, timeout,
                    fastInter == null ? inter : fastInter, downInter == null ? inter : downInter,
                    settings.httpCheck ? settings.checkVersion : null,
                    settings.httpCheck ? settings.checkExpectStatus : 0, spreadChecks,
                    settings.httpCheck ? settings.checkExpect : null, settings.httpCheck && settings.disableOn404);
        }
        ServerTls tls = ssl ? new ServerTls(verify, caFile, sni) : null;
        if (ssl && verify && caFile == null) {
            problems.warn(d, "server " + name + ": 'ssl' verifies the certificate but no ca-file is given;"
                    + " the system trust store is used");
        }
        if (!slowStart.isZero() && !check) {
            problems.warn(d, "server " + name + ": 'slowstart' has no effect without 'check'"
                    + " (it applies only when a failed server comes back up)");
        }
        return new Server(name, host, port, id, weight, cookie, disabled, tls, hc, maxConnections, backup, slowStart);
    }

    private static Duration positive(Duration d, String option) throws CompileError {
        if (d.isZero()) {
            throw new CompileError("'" + option + "' must be greater than 0");
        }
        return d;
    }

    private static String arg(List<String> options, int i, String option) throws CompileError {
        if (i >= options.size()) {
            throw new CompileError("'" + option + "' needs an argument");
        }
        return options.get(i);
    }
}
