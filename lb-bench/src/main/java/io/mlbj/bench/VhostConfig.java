package io.mlbj.bench;

import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A marathon-lb-shaped config of N HTTP apps behind one {@code marathon_http_in} frontend, each with a vhost
 * and a backend of three servers, in marathon-lb's two routing styles: a Host ACL and {@code use_backend} per
 * app (the default), or one {@code use_backend} through {@code domain2backend.map} ({@code --haproxy-map}).
 */
public final class VhostConfig {
    /** Path of the vhost map, as marathon-lb writes it. */
    public static final String DOMAIN_MAP = "/etc/haproxy/domain2backend.map";

    private VhostConfig() {}

    /** The vhost of app {@code i}. */
    public static String host(int i) {
        return "app" + i + ".example.com";
    }

    /** The backend name of app {@code i}. */
    public static String backend(int i) {
        return "app" + i + "_" + (10000 + i);
    }

    /** The config text; {@code generation} shifts every server port, so two generations differ in every server. */
    public static String text(int apps, boolean map, int generation) {
        StringBuilder b = new StringBuilder(apps * 700);
        b.append("""
                global
                  maxconn 50000
                defaults
                  retries                   3
                  maxconn               10000
                  timeout connect          3s
                  timeout client          30s
                  timeout server          30s
                  timeout http-keep-alive  1s
                  timeout http-request    15s
                  option            dontlognull
                  option            http-keep-alive
                  option            redispatch

                frontend marathon_http_in
                  bind 127.0.0.1:80
                  mode http
                """);
        if (map) {
            b.append("  use_backend %[req.hdr(host),lower,regsub(:.*$,,),map(" + DOMAIN_MAP + ")]\n");
        } else {
            for (int i = 0; i < apps; i++) {
                String acl = "host_app" + i + "_example_com_app" + i;
                b.append("  acl ").append(acl).append(" hdr(host) -i ").append(host(i)).append('\n')
                        .append("  use_backend ").append(backend(i)).append(" if ").append(acl).append('\n');
            }
        }
        for (int i = 0; i < apps; i++) {
            b.append("\nbackend ").append(backend(i)).append("\n  balance roundrobin\n  mode http\n")
                    .append("  option forwardfor\n")
                    .append("  http-request set-header X-Forwarded-Port %[dst_port]\n")
                    .append("  http-request add-header X-Forwarded-Proto https if { ssl_fc }\n");
            for (int s = 0; s < 3; s++) {
                int port = 20000 + (i * 3 + s + generation) % 40000;
                b.append("  server 10_0_").append(s).append('_').append(i % 250).append('_').append(port)
                        .append(" 10.0.").append(s).append('.').append(i % 250).append(':').append(port).append('\n');
            }
        }
        return b.toString();
    }

    /** marathon-lb's {@code domain2backend.map} for {@code apps} apps. */
    public static String domainMap(int apps) {
        StringBuilder b = new StringBuilder(apps * 40);
        for (int i = 0; i < apps; i++) {
            b.append(host(i)).append(' ').append(backend(i)).append('\n');
        }
        return b.toString();
    }

    /** The interpreted snapshot of {@link #text}. */
    public static RoutingSnapshot snapshot(int apps, boolean map, int generation) {
        return interpret(text(apps, map, generation), apps);
    }

    /** {@code text} (of {@code apps} apps) interpreted, with marathon-lb's vhost map at hand. */
    public static RoutingSnapshot interpret(String text, int apps) {
        MapFileReader maps = MapFileReader.of(Map.of(DOMAIN_MAP, domainMap(apps)));
        try {
            return new ConfigInterpreter(maps, false).interpret(text, "vhosts.cfg");
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code snapshot} with every frontend bound to {@code bind} instead (e.g. port 0 for a real server). */
    public static RoutingSnapshot rebind(RoutingSnapshot snapshot, BindAddress bind) {
        List<Frontend> frontends = new ArrayList<>();
        for (Frontend f : snapshot.frontends()) {
            frontends.add(new Frontend(f.name(), List.of(bind), f.mode(), f.tls(), f.rules(), f.defaultBackend(),
                    f.requestRules(), f.responseRules(), f.timeouts(), f.maxConnections(), f.acceptProxy(), f.log()));
        }
        return new RoutingSnapshot(frontends, snapshot.backends(), snapshot.configText(), snapshot.warnings(),
                snapshot.maxConnections());
    }
}
