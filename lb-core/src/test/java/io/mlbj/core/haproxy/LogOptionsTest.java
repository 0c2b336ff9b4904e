package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.FrontendLog;
import io.mlbj.core.routing.RoutingSnapshot;
import org.junit.jupiter.api.Test;

/** {@code option httplog}, {@code tcplog} and {@code dontlognull} reach each frontend as HAProxy reads them. */
class LogOptionsTest {
    private static FrontendLog logOf(RoutingSnapshot s, String frontend) {
        return s.frontends().stream().filter(f -> f.name().equals(frontend)).map(Frontend::log).findFirst()
                .orElseThrow();
    }

    @Test
    void defaultsOptionsAreInheritedOverriddenAndDowngradedInTcpMode() throws ConfigException {
        // marathon-lb's defaults with HAPROXY_GLOBAL_DEFAULT_OPTIONS=httplog,dontlognull (conformance case 49)
        RoutingSnapshot s = new ConfigInterpreter(MapFileReader.NONE, false).interpret("""
                defaults
                  log               global
                  option            dontlognull
                  option            httplog
                frontend web
                  bind 127.0.0.1:8080
                  mode http
                frontend raw
                  bind 127.0.0.1:8081
                  mode tcp
                frontend silent
                  bind 127.0.0.1:8082
                  mode http
                  no option httplog
                  no option dontlognull
                frontend tcp_in_http
                  bind 127.0.0.1:8083
                  mode http
                  option tcplog
                """, "log.cfg");
        assertThat(logOf(s, "web")).isEqualTo(new FrontendLog(FrontendLog.Format.HTTP, true));
        assertThat(logOf(s, "raw")).isEqualTo(new FrontendLog(FrontendLog.Format.TCP, true));
        assertThat(logOf(s, "silent")).isEqualTo(FrontendLog.NONE);
        assertThat(logOf(s, "tcp_in_http")).isEqualTo(new FrontendLog(FrontendLog.Format.TCP, true));
    }

    @Test
    void marathonLbsDefaultConfigLogsNoRequests() throws ConfigException {
        // marathon-lb's HAPROXY_HEAD: `log global` and `option dontlognull`, no `option httplog`
        RoutingSnapshot s = new ConfigInterpreter(MapFileReader.NONE, false).interpret("""
                defaults
                  log               global
                  option            dontlognull
                  option            http-server-close
                frontend marathon_http_in
                  bind 127.0.0.1:8080
                  mode http
                """, "head.cfg");
        assertThat(logOf(s, "marathon_http_in")).isEqualTo(new FrontendLog(FrontendLog.Format.NONE, true));
    }
}
