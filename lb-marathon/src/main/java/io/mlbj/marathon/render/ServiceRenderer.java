package io.mlbj.marathon.render;

import static io.mlbj.marathon.render.Fill.fill;
import static io.mlbj.marathon.render.Fill.fillInto;
import static io.mlbj.marathon.render.Fill.truthy;

import io.mlbj.marathon.model.HealthCheck;
import io.mlbj.marathon.services.BackendServer;
import io.mlbj.marathon.services.PythonStrings;
import io.mlbj.marathon.services.ServerNames;
import io.mlbj.marathon.services.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Renders one service (userlist, per-port frontend, backend with servers, app-id and vhost rules) into a stage. */
final class ServiceRenderer {
    private final TemplateSet templates;
    private final RenderOptions options;
    private final String haproxyDir;
    private final Map<String, List<Service>> servicesByApp;

    ServiceRenderer(TemplateSet templates, RenderOptions options, Map<String, List<Service>> servicesByApp) {
        this.templates = templates;
        this.options = options;
        this.haproxyDir = options.haproxyDir();
        this.servicesByApp = servicesByApp;
    }

    void render(Service s, RenderState.Staged out) throws TemplateException {
        String backend = ServerNames.backendName(s.appId(), s.servicePort());
        String mode = s.mode() != null ? s.mode() : truthy(s.hostname()) ? "http" : "tcp";
        if (truthy(s.authUser())) {
            out.userlist = fill(t("USERLIST_HEAD", s), "backend", backend, "user", s.authUser(), "passwd", s.authPasswd());
        }
        StringBuilder frontend = new StringBuilder(128);
        fillInto(frontend, t("FRONTEND_HEAD", s), "bindAddr", s.bindAddr(),
                "backend", backend, "servicePort", s.servicePort(), "mode", mode,
                "sslCert", truthy(s.sslCert()) ? " ssl crt " + s.sslCert() : "",
                "bindOptions", truthy(s.bindOptions()) ? " " + s.bindOptions() : "");
        StringBuilder b = new StringBuilder(256 + 128 * s.backends().size());
        fillInto(b, t("BACKEND_HEAD", s), "backend", backend, "balance", s.balance(), "mode", mode);
        if (options.bindHttpHttps() && truthy(s.hostname())) {
            new VhostRules(templates, s, backend, options.haproxyMap(), haproxyDir, out).render();
        }
        if (mode.equals("http") && !out.hasAppidBackend(s.appId())) {
            out.appId = s.appId();
            if (options.haproxyMap()) {
                if (!out.hasFlag("map_http_frontend_appid_acl")) {
                    out.appidFrontend = fill(t("MAP_HTTP_FRONTEND_APPID_ACL", s), "haproxy_dir", haproxyDir);
                    out.flags.add("map_http_frontend_appid_acl");
                }
                out.appEntry(s.appId(), backend);
            } else {
                out.appidFrontend = fill(t("HTTP_FRONTEND_APPID_ACL", s), "cleanedUpAppId",
                        PythonStrings.sanitize(s.appId()), "hostname", s.hostname(), "appId", s.appId(),
                        "backend", backend);
            }
        }
        if (mode.equals("http")) {
            if (s.useHsts()) {
                b.append(t("BACKEND_HSTS_OPTIONS", s).text());
            }
            b.append(t("BACKEND_HTTP_OPTIONS", s).text());
            if (truthy(s.proxypath())) {
                b.append(fill(t("HTTP_BACKEND_PROXYPASS_GLUE", s), "hostname", s.hostname(), "proxypath", s.proxypath()));
            }
            if (truthy(s.revproxypath())) {
                b.append(fill(t("HTTP_BACKEND_REVPROXY_GLUE", s), "hostname", s.hostname(), "rootpath", s.revproxypath()));
            }
            if (truthy(s.redirpath())) {
                b.append(fill(t("HTTP_BACKEND_REDIR", s), "hostname", s.hostname(), "redirpath", s.redirpath()));
            }
        }
        if (truthy(s.networkAllowed()) && (mode.equals("http") || mode.equals("tcp"))) {
            String kind = mode.equals("http") ? "HTTP" : "TCP";
            String networks = s.networkAllowed().strip();
            // Python's str.split(): runs of whitespace separate, blank text yields no element
            for (String network : networks.isEmpty() ? new String[0] : networks.split("\\s+")) {
                b.append(fill(t(kind + "_BACKEND_NETWORK_ALLOWED_ACL", s), "network_allowed", network));
            }
            b.append(templates.global(kind + "_BACKEND_ACL_ALLOW_DENY"));
        }
        if (s.sticky()) {
            b.append(t("BACKEND_STICKY_OPTIONS", s).text());
        }
        fillInto(frontend, t("FRONTEND_BACKEND_GLUE", s), "backend", backend);
        servers(s, mode, b);
        out.frontend = frontend;
        out.backend = b;
    }

    private void servers(Service s, String mode, StringBuilder b) throws TemplateException {
        HealthCheck hc = s.healthCheck() == null || s.healthCheck().isEmpty() ? null : s.healthCheck();
        boolean tcpCheck = hc != null && (mode.equals("tcp") || "TCP".equals(protocol(s, hc)) || "MESOS_TCP".equals(hc.protocol()));
        boolean httpCheck = hc != null && !tcpCheck && mode.equals("http");
        TemplateSet.Resolved serverCheck = null;
        if (tcpCheck || httpCheck) {
            TemplateSet.Resolved raw = t(tcpCheck ? "BACKEND_SERVER_TCP_HEALTHCHECK_OPTIONS" : "BACKEND_SERVER_HTTP_HEALTHCHECK_OPTIONS", s);
            String stripped = raw.text().strip();
            serverCheck = new TemplateSet.Resolved(stripped.isEmpty() ? "" : " " + stripped, raw.origin());
        }
        Set<Integer> taken = new HashSet<>();
        List<BackendServer> servers = s.backends();
        for (int idx = 0; idx < servers.size(); idx++) {
            BackendServer server = servers.get(idx);
            if (idx == 0 && (tcpCheck || httpCheck)) {
                TemplateSet.Resolved head = t(tcpCheck ? "BACKEND_TCP_HEALTHCHECK_OPTIONS" : "BACKEND_HTTP_HEALTHCHECK_OPTIONS", s);
                if (!head.text().isEmpty()) {
                    b.append(healthCheckText(head, s, hc, backendPort(s, 0)));
                }
            }
            String name = ServerNames.serverName(server);
            int id = ServerNames.serverId(name, taken);
            String checkOptions = "";
            if (serverCheck != null && !serverCheck.text().isEmpty()) {
                Integer port = s.healthcheckPortIndex() != null ? Integer.valueOf(backendPort(s, idx)) : hc.port();
                checkOptions = healthCheckText(serverCheck, s, hc, port);
            }
            fillInto(b, t("BACKEND_SERVER_OPTIONS", s), "host", server.host(), "host_ipv4", server.ip(),
                    "port", server.port(), "serverName", name, "serverId", id,
                    "cookieOptions", s.sticky() ? " check cookie " + ServerNames.cookieValue(name) : "",
                    "healthCheckOptions", checkOptions,
                    "otherOptions", server.draining() ? " disabled" : "");
        }
    }

    private static String protocol(Service s, HealthCheck hc) throws TemplateException {
        if (hc.protocol() == null) {
            throw new TemplateException("healthChecks", "the health check of port index " + s.portIndex() + " has no protocol");
        }
        return hc.protocol();
    }

    private static String healthCheckText(TemplateSet.Resolved t, Service s, HealthCheck hc, Integer port)
            throws TemplateException {
        return fill(t, "healthCheck", healthCheckDict(hc), "healthCheckPortIndex", hc.portIndex(),
                "healthCheckPort", port, "healthCheckProtocol", required(s, "protocol", hc.protocol()),
                "healthCheckPath", hc.path() == null ? "/" : hc.path(),
                "healthCheckTimeoutSeconds", required(s, "timeoutSeconds", hc.timeoutSeconds()),
                "healthCheckIntervalSeconds", required(s, "intervalSeconds", hc.intervalSeconds()),
                "healthCheckGracePeriodSeconds", required(s, "gracePeriodSeconds", hc.gracePeriodSeconds()),
                "healthCheckMaxConsecutiveFailures", required(s, "maxConsecutiveFailures", hc.maxConsecutiveFailures()),
                "healthCheckFalls", hc.maxConsecutiveFailures() + 1,
                "healthCheckPortOptions", port != null && port != 0 ? " port " + port : "");
    }

    private static Object required(Service s, String field, Object value) throws TemplateException {
        if (value == null) {
            throw new TemplateException("healthChecks", "the health check of port index " + s.portIndex()
                    + " has no " + field);
        }
        return value;
    }

    private static Map<String, Object> healthCheckDict(HealthCheck hc) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "path", hc.path());
        putIfSet(m, "protocol", hc.protocol());
        putIfSet(m, "portIndex", hc.portIndex());
        putIfSet(m, "port", hc.port());
        putIfSet(m, "gracePeriodSeconds", hc.gracePeriodSeconds());
        putIfSet(m, "intervalSeconds", hc.intervalSeconds());
        putIfSet(m, "timeoutSeconds", hc.timeoutSeconds());
        putIfSet(m, "maxConsecutiveFailures", hc.maxConsecutiveFailures());
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** marathon-lb's {@code get_backend_port}: port of the idx-th server of the port index named by the label. */
    private int backendPort(Service s, int idx) throws TemplateException {
        Integer index = s.healthcheckPortIndex();
        List<Service> same = index == null ? List.of() : servicesByApp.getOrDefault(s.appId(), List.of());
        if (index == null || Math.abs((long) index) > same.size()) {
            return s.backends().get(idx).port();
        }
        String label = "HAPROXY_" + s.portIndex() + "_BACKEND_HEALTHCHECK_PORT_INDEX";
        List<Service> sorted = new ArrayList<>(same);
        sorted.sort(ConfigRenderer.SERVICE_ORDER);
        int i = index >= 0 ? index : sorted.size() + index;
        if (i >= sorted.size()) {
            throw new TemplateException(label, "index " + index + " names no service port of the app ("
                    + sorted.size() + " service ports)");
        }
        List<BackendServer> other = sorted.get(i).backends();
        if (idx >= other.size()) {
            throw new TemplateException(label, "service port index " + index + " has only " + other.size()
                    + " server(s), server #" + idx + " has no counterpart");
        }
        return other.get(idx).port();
    }

    private TemplateSet.Resolved t(String name, Service s) {
        return templates.forService(name, s);
    }
}
