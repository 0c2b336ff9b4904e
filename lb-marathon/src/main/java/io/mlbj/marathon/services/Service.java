package io.mlbj.marathon.services;

import static java.util.Objects.requireNonNull;

import io.mlbj.marathon.model.HealthCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One (app, service port) with its labels applied and its servers: marathon-lb's {@code MarathonService}.
 * Nullable fields mirror marathon-lb's {@code None}; {@code templateOverrides} maps a template's short name
 * ({@code FRONTEND_HEAD}) to the value of the per-port label {@code HAPROXY_{n}_FRONTEND_HEAD}.
 */
public record Service(
        String appId,
        int portIndex,
        int servicePort,
        List<BackendServer> backends,
        String hostname,
        String path,
        String authRealm,
        String authUser,
        String authPasswd,
        boolean sticky,
        boolean enabled,
        boolean redirectHttpToHttps,
        boolean useHsts,
        String sslCert,
        String bindOptions,
        String bindAddr,
        List<String> groups,
        List<String> haproxyGroups,
        String mode,
        String balance,
        String proxypath,
        String revproxypath,
        String redirpath,
        int backendWeight,
        String networkAllowed,
        Integer healthcheckPortIndex,
        HealthCheck healthCheck,
        Map<String, String> templateOverrides) {

    public Service {
        requireNonNull(appId, "appId");
        requireNonNull(bindAddr, "bindAddr");
        requireNonNull(balance, "balance");
        if (portIndex < 0) {
            throw new IllegalArgumentException("portIndex: " + portIndex + " (expected: >= 0)");
        }
        // marathon-lb keeps servers in a set keyed by (host, ip, port): the first one added wins
        List<BackendServer> sorted = new ArrayList<>(requireNonNull(backends, "backends"));
        sorted.sort(BackendServer.ORDER);
        sorted = withoutDuplicates(sorted);
        backends = List.copyOf(sorted);
        groups = List.copyOf(requireNonNull(groups, "groups"));
        haproxyGroups = List.copyOf(requireNonNull(haproxyGroups, "haproxyGroups"));
        templateOverrides = Map.copyOf(requireNonNull(templateOverrides, "templateOverrides"));
    }

    private static List<BackendServer> withoutDuplicates(List<BackendServer> sorted) {
        List<BackendServer> out = new ArrayList<>(sorted.size());
        BackendServer previous = null;
        for (BackendServer b : sorted) {
            // sorted by (host, port, ip, draining): equal (host, ip, port) are adjacent, the non-draining first
            if (previous == null || !previous.host().equals(b.host()) || previous.port() != b.port()
                    || !previous.ip().equals(b.ip())) {
                out.add(b);
            }
            previous = b;
        }
        return out;
    }

    /** A builder with marathon-lb's defaults for a new service of {@code appId} at index {@code portIndex}. */
    public static Builder builder(String appId, int portIndex, int servicePort) {
        return new Builder(appId, portIndex, servicePort);
    }

    /** Mutable companion used while labels are applied one by one (label order matters in marathon-lb). */
    public static final class Builder {
        String appId;
        int portIndex;
        int servicePort;
        final List<BackendServer> backends = new ArrayList<>();
        String hostname;
        String path;
        String authRealm;
        String authUser;
        String authPasswd;
        boolean sticky;
        boolean enabled = true;
        boolean redirectHttpToHttps;
        boolean useHsts;
        String sslCert;
        String bindOptions;
        String bindAddr = "*";
        List<String> groups = List.of();
        List<String> haproxyGroups = List.of();
        String mode;
        String balance = "roundrobin";
        String proxypath;
        String revproxypath;
        String redirpath;
        int backendWeight;
        String networkAllowed;
        Integer healthcheckPortIndex;
        HealthCheck healthCheck;
        final Map<String, String> templateOverrides = new LinkedHashMap<>();

        Builder(String appId, int portIndex, int servicePort) {
            this.appId = requireNonNull(appId, "appId");
            this.portIndex = portIndex;
            this.servicePort = servicePort;
        }

        /** Sets the port bound and named (what {@code HAPROXY_{n}_PORT} changes). */
        public Builder servicePort(int v) { servicePort = v; return this; }
        /** Adds one server. */
        public Builder backend(BackendServer v) { backends.add(requireNonNull(v, "backend")); return this; }
        /** Sets the (lower-cased) comma list of virtual hosts. */
        public Builder hostname(String v) { hostname = v; return this; }
        /** Sets the {@code path_beg} argument. */
        public Builder path(String v) { path = v; return this; }
        /** Sets realm, user and crypted password of basic auth. */
        public Builder auth(String realm, String user, String passwd) {
            authRealm = realm; authUser = user; authPasswd = passwd; return this;
        }
        /** Sets cookie stickiness. */
        public Builder sticky(boolean v) { sticky = v; return this; }
        /** Sets whether the port is exposed at all. */
        public Builder enabled(boolean v) { enabled = v; return this; }
        /** Sets the http-to-https redirect. */
        public Builder redirectHttpToHttps(boolean v) { redirectHttpToHttps = v; return this; }
        /** Sets the HSTS header option. */
        public Builder useHsts(boolean v) { useHsts = v; return this; }
        /** Sets the certificate of the per-port frontend. */
        public Builder sslCert(String v) { sslCert = v; return this; }
        /** Sets extra options of the per-port bind line. */
        public Builder bindOptions(String v) { bindOptions = v; return this; }
        /** Sets the bind address of the per-port frontend. */
        public Builder bindAddr(String v) { bindAddr = requireNonNull(v, "bindAddr"); return this; }
        /** Sets the app-level groups ({@code HAPROXY_GROUP}). */
        public Builder groups(List<String> v) { groups = List.copyOf(v); return this; }
        /** Sets the per-port groups ({@code HAPROXY_{n}_GROUP}). */
        public Builder haproxyGroups(List<String> v) { haproxyGroups = List.copyOf(v); return this; }
        /** Sets the mode ({@code null} = decided by the renderer). */
        public Builder mode(String v) { mode = v; return this; }
        /** Sets the balance algorithm text. */
        public Builder balance(String v) { balance = requireNonNull(v, "balance"); return this; }
        /** Sets the proxy-pass path. */
        public Builder proxypath(String v) { proxypath = v; return this; }
        /** Sets the reverse-proxy path. */
        public Builder revproxypath(String v) { revproxypath = v; return this; }
        /** Sets the root redirect path. */
        public Builder redirpath(String v) { redirpath = v; return this; }
        /** Sets the vhost rule weight. */
        public Builder backendWeight(int v) { backendWeight = v; return this; }
        /** Sets the allowed networks (whitespace separated). */
        public Builder networkAllowed(String v) { networkAllowed = v; return this; }
        /** Sets the port index whose servers' ports are used for checks. */
        public Builder healthcheckPortIndex(Integer v) { healthcheckPortIndex = v; return this; }
        /** Sets the Marathon health check of this port ({@code null} = none). */
        public Builder healthCheck(HealthCheck v) { healthCheck = v; return this; }
        /** Sets a per-port template override by the template's short name. */
        public Builder templateOverride(String shortName, String value) {
            templateOverrides.put(requireNonNull(shortName, "shortName"), requireNonNull(value, "value"));
            return this;
        }

        /** The current app-level groups. */
        public List<String> groups() { return groups; }
        /** The original (Marathon) port index. */
        public int portIndex() { return portIndex; }

        /** The immutable service. */
        public Service build() {
            return new Service(appId, portIndex, servicePort, backends, hostname, path, authRealm, authUser,
                    authPasswd, sticky, enabled, redirectHttpToHttps, useHsts, sslCert, bindOptions, bindAddr,
                    groups, haproxyGroups, mode, balance, proxypath, revproxypath, redirpath, backendWeight,
                    networkAllowed, healthcheckPortIndex, healthCheck, templateOverrides);
        }
    }
}
