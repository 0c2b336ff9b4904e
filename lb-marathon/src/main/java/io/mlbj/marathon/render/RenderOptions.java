package io.mlbj.marathon.render;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.services.ServiceOptions;
import java.util.List;
import java.util.Map;

/**
 * Every flag that shapes the generated config, with marathon-lb's names: {@code --group}, not
 * {@code --dont-bind-http-https}, {@code --ssl-certs}, {@code --haproxy-map}, {@code --group-https-by-vhost},
 * {@code --strict-mode}, {@code --health-check}, the IP-per-task port range, the {@code HAPROXY_<NAME>}
 * environment, template files, {@code HAPROXY_GLOBAL_DEFAULT_OPTIONS} ({@code null} = unset), the
 * {@code --haproxy-config} path (map files live next to it), the global ports, {@code FRAMEWORK_NAME} and the
 * {@code --bind-address} of the global frontends ({@code null} = marathon-lb's {@code *} and {@code 0.0.0.0}).
 */
public record RenderOptions(
        List<String> groups,
        boolean bindHttpHttps,
        String sslCerts,
        boolean haproxyMap,
        boolean groupHttpsByVhost,
        boolean strictMode,
        boolean healthCheck,
        int minServPortIpPerTask,
        int maxServPortIpPerTask,
        Map<String, String> templateEnv,
        TemplateFiles templateFiles,
        String globalDefaultOptions,
        String haproxyConfigPath,
        int statsPort,
        int httpPort,
        int httpsPort,
        int appidPort,
        String frameworkName,
        String bindAddress) {

    public RenderOptions {
        groups = List.copyOf(requireNonNull(groups, "groups"));
        sslCerts = sslCerts == null ? "" : sslCerts;
        templateEnv = Map.copyOf(requireNonNull(templateEnv, "templateEnv"));
        requireNonNull(templateFiles, "templateFiles");
        requireNonNull(haproxyConfigPath, "haproxyConfigPath");
        if (globalDefaultOptions == null) {
            globalDefaultOptions = templateEnv.get("HAPROXY_GLOBAL_DEFAULT_OPTIONS");
        }
        port("statsPort", statsPort);
        port("httpPort", httpPort);
        port("httpsPort", httpsPort);
        port("appidPort", appidPort);
        if (bindAddress != null && (bindAddress.isBlank() || bindAddress.chars().anyMatch(Character::isWhitespace))) {
            throw new IllegalArgumentException("bindAddress: '" + bindAddress + "' (expected: an address without spaces)");
        }
        new ServiceOptions(strictMode, healthCheck, minServPortIpPerTask, maxServPortIpPerTask, frameworkName);
    }

    private static void port(String name, int port) {
        // 0 binds an ephemeral port (the runtime reports the bound one): for tests and side-by-side runs
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + ": " + port + " (expected: 0..65535)");
        }
    }

    /** marathon-lb's defaults for the given {@code --group} values. */
    public static Builder builder(List<String> groups) {
        return new Builder(groups);
    }

    /** The options that shape services (labels, tasks, ports). */
    public ServiceOptions serviceOptions() {
        return new ServiceOptions(strictMode, healthCheck, minServPortIpPerTask, maxServPortIpPerTask, frameworkName);
    }

    /** The certificates of {@code marathon_https_in} ({@code --ssl-certs}, default {@code /etc/ssl/cert.pem}). */
    public List<String> sslCertList() {
        return List.of((sslCerts.isEmpty() ? "/etc/ssl/cert.pem" : sslCerts).split(",", -1));
    }

    /** Python's {@code os.path.dirname(haproxyConfigPath)}: where the map files are. */
    public String haproxyDir() {
        int slash = haproxyConfigPath.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        String head = haproxyConfigPath.substring(0, slash + 1);
        String stripped = head.replaceAll("/+$", "");
        return stripped.isEmpty() ? head : stripped;
    }

    /** Step-by-step construction starting from marathon-lb's defaults. */
    public static final class Builder {
        private List<String> groups;
        private boolean bindHttpHttps = true;
        private String sslCerts = "";
        private boolean haproxyMap;
        private boolean groupHttpsByVhost;
        private boolean strictMode;
        private boolean healthCheck;
        private int minServPort = 10050;
        private int maxServPort = 10100;
        private Map<String, String> templateEnv = Map.of();
        private TemplateFiles templateFiles = TemplateFiles.none();
        private String globalDefaultOptions;
        private String haproxyConfigPath = "/etc/haproxy/haproxy.cfg";
        private int statsPort = 9090;
        private int httpPort = 80;
        private int httpsPort = 443;
        private int appidPort = 9091;
        private String frameworkName;
        private String bindAddress;

        Builder(List<String> groups) {
            this.groups = requireNonNull(groups, "groups");
        }

        /** {@code false} = {@code --dont-bind-http-https}. */
        public Builder bindHttpHttps(boolean v) { bindHttpHttps = v; return this; }
        /** {@code --ssl-certs} (comma list; empty = default). */
        public Builder sslCerts(String v) { sslCerts = v; return this; }
        /** {@code --haproxy-map}. */
        public Builder haproxyMap(boolean v) { haproxyMap = v; return this; }
        /** {@code --group-https-by-vhost}. */
        public Builder groupHttpsByVhost(boolean v) { groupHttpsByVhost = v; return this; }
        /** {@code --strict-mode}. */
        public Builder strictMode(boolean v) { strictMode = v; return this; }
        /** {@code --health-check}. */
        public Builder healthCheck(boolean v) { healthCheck = v; return this; }
        /** {@code --min-serv-port-ip-per-task} and {@code --max-serv-port-ip-per-task}. */
        public Builder servicePortRange(int min, int max) { minServPort = min; maxServPort = max; return this; }
        /** The {@code HAPROXY_*} environment (template overrides and {@code HAPROXY_GLOBAL_DEFAULT_OPTIONS}). */
        public Builder templateEnv(Map<String, String> v) { templateEnv = v; return this; }
        /** The template override files. */
        public Builder templateFiles(TemplateFiles v) { templateFiles = v; return this; }
        /** {@code HAPROXY_GLOBAL_DEFAULT_OPTIONS} ({@code null} = unset). */
        public Builder globalDefaultOptions(String v) { globalDefaultOptions = v; return this; }
        /** {@code --haproxy-config}. */
        public Builder haproxyConfigPath(String v) { haproxyConfigPath = v; return this; }
        /** {@code --stats-port}. */
        public Builder statsPort(int v) { statsPort = v; return this; }
        /** {@code --http-port}. */
        public Builder httpPort(int v) { httpPort = v; return this; }
        /** {@code --https-port}. */
        public Builder httpsPort(int v) { httpsPort = v; return this; }
        /** {@code --appid-port}. */
        public Builder appidPort(int v) { appidPort = v; return this; }
        /** The {@code FRAMEWORK_NAME} app to skip ({@code null} = none). */
        public Builder frameworkName(String v) { frameworkName = v; return this; }
        /** {@code --bind-address} of the stats, http, https and app-id frontends ({@code null} = default). */
        public Builder bindAddress(String v) { bindAddress = v; return this; }

        /** The options. */
        public RenderOptions build() {
            return new RenderOptions(groups, bindHttpHttps, sslCerts, haproxyMap, groupHttpsByVhost, strictMode,
                    healthCheck, minServPort, maxServPort, templateEnv, templateFiles, globalDefaultOptions,
                    haproxyConfigPath, statsPort, httpPort, httpsPort, appidPort, frameworkName, bindAddress);
        }
    }
}
