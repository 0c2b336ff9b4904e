package io.mlbj.marathon.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlbj.marathon.model.HealthCheck;
import io.mlbj.marathon.model.MarathonJson;
import io.mlbj.marathon.services.BackendServer;
import io.mlbj.marathon.services.Service;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the transcribed marathon-lb test cases from {@code conformance/} test resources. */
final class ConformanceCases {
    private ConformanceCases() {}

    static JsonNode json(String resource) {
        try (InputStream in = ConformanceCases.class.getResourceAsStream("/conformance/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource conformance/" + resource);
            }
            return MarathonJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> caseFiles() {
        List<String> out = new ArrayList<>();
        for (JsonNode c : json("index.json").get("cases")) {
            out.add(c.get("file").asText());
        }
        return out;
    }

    static RenderOptions options(JsonNode args) {
        List<String> groups = new ArrayList<>();
        args.get("groups").forEach(g -> groups.add(g.asText()));
        Map<String, String> env = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = args.get("template_env").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            env.put(e.getKey(), e.getValue().asText());
        }
        JsonNode opts = args.get("HAPROXY_GLOBAL_DEFAULT_OPTIONS");
        return RenderOptions.builder(groups)
                .bindHttpHttps(args.get("bind_http_https").asBoolean())
                .sslCerts(args.get("ssl_certs").asText())
                .haproxyMap(args.get("haproxy_map").asBoolean())
                .haproxyConfigPath(args.get("config_file").asText())
                .groupHttpsByVhost(args.get("group_https_by_vhost").asBoolean())
                .templateEnv(env)
                .globalDefaultOptions(opts == null || opts.isNull() ? null : opts.asText())
                .healthCheck(args.path("marathon_health_check").asBoolean(false))
                .strictMode(args.path("strict_mode").asBoolean(false))
                .build();
    }

    /** Builds the services of a {@code marathon_service_objects} case directly, as marathon-lb's tests do. */
    static List<Service> services(JsonNode app) throws IOException {
        List<Service> out = new ArrayList<>();
        Map<String, Integer> indexByApp = new HashMap<>();
        for (JsonNode o : app) {
            String appId = o.get("appId").asText();
            int index = indexByApp.merge(appId, 1, Integer::sum) - 1;
            Service.Builder b = Service.builder(appId, index, o.get("servicePort").asInt());
            for (JsonNode be : o.get("backends")) {
                b.backend(new BackendServer(be.get("host").asText(), be.get("ip").asText(), be.get("port").asInt(),
                        be.get("draining").asBoolean()));
            }
            b.hostname(text(o, "hostname")).path(text(o, "path"))
                    .auth(text(o, "authRealm"), text(o, "authUser"), text(o, "authPasswd"))
                    .sticky(o.get("sticky").asBoolean()).enabled(o.get("enabled").asBoolean())
                    .redirectHttpToHttps(o.get("redirectHttpToHttps").asBoolean())
                    .useHsts(o.get("useHsts").asBoolean()).sslCert(text(o, "sslCert"))
                    .bindOptions(text(o, "bindOptions")).bindAddr(o.get("bindAddr").asText())
                    .groups(strings(o.get("groups"))).haproxyGroups(strings(o.get("haproxy_groups")))
                    .mode(text(o, "mode")).balance(o.get("balance").asText())
                    .proxypath(text(o, "proxypath")).revproxypath(text(o, "revproxypath"))
                    .redirpath(text(o, "redirpath")).backendWeight(o.get("backend_weight").asInt())
                    .networkAllowed(text(o, "network_allowed"))
                    .healthcheckPortIndex(o.get("healthcheck_port_index").isNull() ? null : o.get("healthcheck_port_index").asInt());
            JsonNode hc = o.get("healthCheck");
            if (hc != null && !hc.isNull() && hc.size() > 0) {
                b.healthCheck(MarathonJson.mapper().treeToValue(hc, HealthCheck.class));
            }
            Iterator<Map.Entry<String, JsonNode>> labels = o.get("labels").fields();
            while (labels.hasNext()) {
                Map.Entry<String, JsonNode> e = labels.next();
                b.templateOverride(e.getKey().substring("HAPROXY_{0}_".length()), e.getValue().asText());
            }
            out.add(b.build());
        }
        return out;
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }
}
