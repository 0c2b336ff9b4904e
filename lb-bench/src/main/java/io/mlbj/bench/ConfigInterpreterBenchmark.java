package io.mlbj.bench;

import io.mlbj.core.haproxy.ConfigException;
import io.mlbj.core.haproxy.ConfigInterpreter;
import io.mlbj.core.haproxy.ConfigParser;
import io.mlbj.core.haproxy.HaproxyConfig;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Config text → RoutingSnapshot for a marathon-lb-style config of N apps, each with a vhost (an ACL and a
 * use_backend on :80, an SNI rule on :443, an app-id rule on :9091), its own frontend, and a backend of
 * three checked servers. Target: under 200 ms for 10,000 apps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class ConfigInterpreterBenchmark {
    @Param({"10000"})
    int apps;

    private String text;
    private HaproxyConfig parsed;
    private ConfigInterpreter interpreter;

    @Setup
    public void setUp() throws ConfigException {
        text = marathonLbConfig(apps);
        parsed = ConfigParser.parse(text, "bench.cfg");
        interpreter = new ConfigInterpreter(MapFileReader.NONE, false);
    }

    /** Text to snapshot: what the daemon pays on every Marathon change. */
    @Benchmark
    public RoutingSnapshot parseAndInterpret() throws ConfigException {
        return interpreter.interpret(text, "bench.cfg");
    }

    /** The parse step alone. */
    @Benchmark
    public HaproxyConfig parse() throws ConfigException {
        return ConfigParser.parse(text, "bench.cfg");
    }

    /** The interpret step alone. */
    @Benchmark
    public RoutingSnapshot interpret() throws ConfigException {
        return interpreter.interpret(parsed, text);
    }

    /** A config shaped like marathon-lb's output for {@code apps} apps with a vhost and three tasks each. */
    public static String marathonLbConfig(int apps) {
        StringBuilder head = new StringBuilder(apps * 900);
        head.append("""
                global
                  maxconn 50000
                  ssl-default-bind-options no-sslv3 no-tlsv10 no-tls-tickets
                defaults
                  retries                   3
                  maxconn               10000
                  timeout connect          3s
                  timeout client          30s
                  timeout server          30s
                  option            dontlognull
                  option            http-server-close
                  option            redispatch
                listen stats
                  bind 0.0.0.0:9090
                  balance
                  mode http
                  stats enable
                  monitor-uri /_haproxy_health_check
                """);
        StringBuilder http = new StringBuilder("\nfrontend marathon_http_in\n  bind *:80\n  mode http\n");
        StringBuilder appId = new StringBuilder("\nfrontend marathon_http_appid_in\n  bind *:9091\n  mode http\n");
        StringBuilder https = new StringBuilder(
                "\nfrontend marathon_https_in\n  bind *:443 ssl crt /etc/ssl/cert.pem\n  mode http\n");
        StringBuilder frontends = new StringBuilder();
        StringBuilder backends = new StringBuilder();
        for (int i = 0; i < apps; i++) {
            String backend = "app" + i + "_" + (10000 + i);
            String host = "app" + i + ".example.com";
            String acl = "host_app" + i + "_example_com_app" + i;
            http.append("  acl ").append(acl).append(" hdr(host) -i ").append(host).append('\n')
                    .append("  use_backend ").append(backend).append(" if ").append(acl).append('\n');
            appId.append("  acl app__app").append(i).append(" hdr(x-marathon-app-id) -i /app").append(i).append('\n')
                    .append("  use_backend ").append(backend).append(" if app__app").append(i).append('\n');
            https.append("  use_backend ").append(backend).append(" if { ssl_fc_sni ").append(host).append(" }\n");
            frontends.append("\nfrontend ").append(backend).append("\n  bind *:").append(10000 + i)
                    .append("\n  mode http\n  use_backend ").append(backend).append('\n');
            backends.append("\nbackend ").append(backend).append("\n  balance roundrobin\n  mode http\n")
                    .append("  option forwardfor\n")
                    .append("  http-request set-header X-Forwarded-Port %[dst_port]\n")
                    .append("  http-request add-header X-Forwarded-Proto https if { ssl_fc }\n")
                    .append("  option  httpchk GET /\n  timeout check 10s\n");
            for (int s = 0; s < 3; s++) {
                int port = 20000 + (i * 3 + s) % 40000;
                backends.append("  server 10_0_").append(s).append('_').append(i % 250).append('_').append(port)
                        .append(" 10.0.").append(s).append('.').append(i % 250).append(':').append(port)
                        .append(" id ").append(s + 1).append(" check inter 2s fall 11\n");
            }
        }
        return head.append(http).append(appId).append(https).append(frontends).append(backends).toString();
    }
}
