package io.mlbj.marathon.render;

import static io.mlbj.marathon.render.Fill.fill;
import static io.mlbj.marathon.render.Fill.truthy;

import io.mlbj.marathon.render.RenderState.GroupedVhost;
import io.mlbj.marathon.render.RenderState.Weighted;
import io.mlbj.marathon.services.PythonStrings;
import io.mlbj.marathon.services.ServerNames;
import io.mlbj.marathon.services.Service;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The :80 / :443 routing rules of one service with a VHOST (marathon-lb's {@code generateHttpVhostAcl}): which
 * of the ACL templates apply for one or several hosts, with or without path, auth, redirect and map files.
 */
final class VhostRules {
    private final TemplateSet templates;
    private final Service s;
    private final String backend;
    private final boolean haproxyMap;
    private final String haproxyDir;
    private final RenderState.Staged staged;
    private final Map<String, GroupedVhost> grouped = new LinkedHashMap<>();
    private final StringBuilder http = new StringBuilder();
    private final StringBuilder https = new StringBuilder();
    private int weight;

    VhostRules(TemplateSet templates, Service s, String backend, boolean haproxyMap, String haproxyDir,
            RenderState.Staged staged) {
        this.templates = templates;
        this.s = s;
        this.backend = backend;
        this.haproxyMap = haproxyMap;
        this.haproxyDir = haproxyDir;
        this.staged = staged;
        this.weight = s.backendWeight();
    }

    /** Renders the rules into the staged service: :80 rule, :443 rule (both with the final weight), grouped table. */
    void render() throws TemplateException {
        if (s.hostname().contains(",")) {
            severalHosts();
        } else {
            oneHost();
        }
        staged.httpRule = new Weighted(weight, http.toString());
        staged.httpsRule = new Weighted(weight, https.toString());
        staged.grouped = grouped;
    }

    private TemplateSet.Resolved t(String name) {
        return templates.forService(name, s);
    }

    private GroupedVhost group(String vhost) {
        return grouped.computeIfAbsent(vhost, k -> new GroupedVhost());
    }

    private void addHttps(String vhost, String text) {
        https.append(text);
        group(vhost).entries.add(new Weighted(weight, text));
    }

    private void severalHosts() throws TemplateException {
        String[] vhosts = s.hostname().split(",", -1);
        String acl = PythonStrings.sanitize(vhosts[0]) + "_" + ServerNames.appIdPath(s.appId());
        boolean path = truthy(s.path());
        boolean auth = truthy(s.authRealm());
        if (path) {
            if (auth) {
                http.append(fill(t("HTTP_FRONTEND_ACL_ONLY_WITH_PATH_AND_AUTH"), "path", s.path(),
                        "cleanedUpHostname", acl, "hostname", vhosts[0], "realm", s.authRealm(), "backend", backend));
                https.append(fill(t("HTTPS_FRONTEND_ACL_ONLY_WITH_PATH"), "path", s.path(),
                        "cleanedUpHostname", acl, "hostname", vhosts[0], "realm", s.authRealm(), "backend", backend));
            } else {
                http.append(fill(t("HTTP_FRONTEND_ACL_ONLY_WITH_PATH"), "path", s.path(), "backend", backend));
                https.append(fill(t("HTTPS_FRONTEND_ACL_ONLY_WITH_PATH"), "path", s.path(), "backend", backend));
            }
        }
        String pathAclOnly = https.toString();
        for (String vhost : vhosts) {
            GroupedVhost g = group(vhost);
            g.entries.add(new Weighted(weight, pathAclOnly));
            if (s.sslCert() != null) {
                g.certs.add(s.sslCert());
            }
            if (s.bindOptions() != null) {
                g.bindOptions.add(s.bindOptions());
            }
            if (haproxyMap && !path && !auth && !s.redirectHttpToHttps()) {
                if (!staged.hasFlag("map_http_frontend_acl")) {
                    weight = -1;
                    http.append(fill(t("MAP_HTTP_FRONTEND_ACL_ONLY"), "haproxy_dir", haproxyDir));
                    staged.flags.add("map_http_frontend_acl");
                }
                staged.domainEntry(vhost, backend);
            } else {
                http.append(fill(t("HTTP_FRONTEND_ACL_ONLY"), "cleanedUpHostname", acl, "hostname", vhost));
            }
            if (path) {
                if (auth) {
                    addHttps(vhost, fill(t("HTTPS_FRONTEND_ACL_WITH_AUTH_AND_PATH"), "cleanedUpHostname", acl,
                            "hostname", vhost, "appId", s.appId(), "realm", s.authRealm(), "backend", backend));
                } else {
                    addHttps(vhost, fill(t("HTTPS_FRONTEND_ACL_WITH_PATH"), "cleanedUpHostname", acl,
                            "hostname", vhost, "appId", s.appId(), "backend", backend));
                }
            } else if (auth) {
                addHttps(vhost, fill(t("HTTPS_FRONTEND_ACL_WITH_AUTH"), "cleanedUpHostname", acl,
                        "hostname", vhost, "appId", s.appId(), "realm", s.authRealm(), "backend", backend));
            } else if (haproxyMap) {
                if (!staged.hasFlag("map_https_frontend_acl")) {
                    weight = -1;
                    addHttps(vhost, fill(t("MAP_HTTPS_FRONTEND_ACL"), "hostname", vhost, "haproxy_dir", haproxyDir));
                    staged.flags.add("map_https_frontend_acl");
                }
                staged.domainEntry(vhost, backend);
            } else {
                addHttps(vhost, fill(t("HTTPS_FRONTEND_ACL"), "cleanedUpHostname", acl, "hostname", vhost,
                        "appId", s.appId(), "backend", backend));
            }
        }
        if (s.redirectHttpToHttps()) {
            if (path) {
                http.append(fill(t("BACKEND_REDIRECT_HTTP_TO_HTTPS_WITH_PATH"), "bindAddr", s.bindAddr(),
                        "cleanedUpHostname", acl, "backend", backend));
            } else {
                http.append(fill(t("BACKEND_REDIRECT_HTTP_TO_HTTPS"), "bindAddr", s.bindAddr(),
                        "cleanedUpHostname", acl));
            }
        } else if (path) {
            if (auth) {
                http.append(fill(t("HTTP_FRONTEND_ROUTING_ONLY_WITH_PATH_AND_AUTH"), "cleanedUpHostname", acl,
                        "realm", s.authRealm(), "backend", backend));
            } else {
                http.append(fill(t("HTTP_FRONTEND_ROUTING_ONLY_WITH_PATH"), "cleanedUpHostname", acl,
                        "backend", backend));
            }
        } else if (auth) {
            http.append(fill(t("HTTP_FRONTEND_ROUTING_ONLY_WITH_AUTH"), "cleanedUpHostname", acl,
                    "realm", s.authRealm(), "backend", backend));
        } else if (!haproxyMap) {
            http.append(fill(t("HTTP_FRONTEND_ROUTING_ONLY"), "cleanedUpHostname", acl, "backend", backend));
        }
    }

    private void oneHost() throws TemplateException {
        String host = s.hostname();
        String acl = PythonStrings.sanitize(host) + "_" + ServerNames.appIdPath(s.appId());
        boolean path = truthy(s.path());
        boolean auth = truthy(s.authRealm());
        GroupedVhost g = group(host);
        if (s.sslCert() != null) {
            g.certs.add(s.sslCert());
        }
        if (s.bindOptions() != null) {
            g.bindOptions.add(s.bindOptions());
        }
        if (path) {
            if (s.redirectHttpToHttps()) {
                http.append(fill(t("HTTP_FRONTEND_ACL_ONLY"), "cleanedUpHostname", acl, "hostname", host));
                http.append(fill(t("HTTP_FRONTEND_ACL_ONLY_WITH_PATH"), "cleanedUpHostname", acl, "hostname", host,
                        "path", s.path(), "backend", backend));
                http.append(fill(t("BACKEND_REDIRECT_HTTP_TO_HTTPS_WITH_PATH"), "bindAddr", s.bindAddr(),
                        "cleanedUpHostname", acl, "backend", backend));
            } else if (auth) {
                http.append(fill(t("HTTP_FRONTEND_ACL_WITH_AUTH_AND_PATH"), "cleanedUpHostname", acl,
                        "hostname", host, "path", s.path(), "appId", s.appId(), "realm", s.authRealm(),
                        "backend", backend));
            } else {
                http.append(fill(t("HTTP_FRONTEND_ACL_WITH_PATH"), "cleanedUpHostname", acl, "hostname", host,
                        "path", s.path(), "appId", s.appId(), "backend", backend));
            }
            addHttps(host, fill(t("HTTPS_FRONTEND_ACL_ONLY_WITH_PATH"), "path", s.path(), "backend", backend));
            if (auth) {
                addHttps(host, fill(t("HTTPS_FRONTEND_ACL_WITH_AUTH_AND_PATH"), "cleanedUpHostname", acl,
                        "hostname", host, "path", s.path(), "appId", s.appId(), "realm", s.authRealm(),
                        "backend", backend));
            } else {
                addHttps(host, fill(t("HTTPS_FRONTEND_ACL_WITH_PATH"), "cleanedUpHostname", acl, "hostname", host,
                        "appId", s.appId(), "backend", backend));
            }
            return;
        }
        if (s.redirectHttpToHttps()) {
            http.append(fill(t("HTTP_FRONTEND_ACL"), "cleanedUpHostname", acl, "hostname", host, "backend", backend));
            http.append(fill(t("BACKEND_REDIRECT_HTTP_TO_HTTPS"), "bindAddr", s.bindAddr(), "cleanedUpHostname", acl));
        } else if (auth) {
            http.append(fill(t("HTTP_FRONTEND_ACL_WITH_AUTH"), "cleanedUpHostname", acl, "hostname", host,
                    "appId", s.appId(), "realm", s.authRealm(), "backend", backend));
        } else if (haproxyMap) {
            if (!staged.hasFlag("map_http_frontend_acl")) {
                weight = -1;
                http.append(fill(t("MAP_HTTP_FRONTEND_ACL"), "haproxy_dir", haproxyDir));
                staged.flags.add("map_http_frontend_acl");
            }
            staged.domainEntry(host, backend);
        } else {
            http.append(fill(t("HTTP_FRONTEND_ACL"), "cleanedUpHostname", acl, "hostname", host,
                    "appId", s.appId(), "backend", backend));
        }
        if (auth) {
            addHttps(host, fill(t("HTTPS_FRONTEND_ACL_WITH_AUTH"), "cleanedUpHostname", acl, "hostname", host,
                    "appId", s.appId(), "realm", s.authRealm(), "backend", backend));
        } else if (haproxyMap) {
            if (!staged.hasFlag("map_https_frontend_acl")) {
                weight = -1;
                addHttps(host, fill(t("MAP_HTTPS_FRONTEND_ACL"), "hostname", host, "haproxy_dir", haproxyDir));
                staged.flags.add("map_https_frontend_acl");
            }
            staged.domainEntry(host, backend);
        } else {
            addHttps(host, fill(t("HTTPS_FRONTEND_ACL"), "cleanedUpHostname", acl, "hostname", host,
                    "appId", s.appId(), "backend", backend));
        }
    }
}
