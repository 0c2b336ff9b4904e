package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RoutingSnapshot;
import org.junit.jupiter.api.Test;

/** marathon-lb's rendered routing forms become hash lookups and keep HAProxy's first-match order. */
class UseBackendIndexTest {
    private static final String BACKENDS = """
            backend web
              mode http
              server s 10.0.0.1:80
            backend api
              mode http
              server s 10.0.0.2:80
            backend admin
              mode http
              server s 10.0.0.3:80
            backend fallback
              mode http
              server s 10.0.0.4:80
            """;

    private static RoutingSnapshot interpret(String frontend) throws ConfigException {
        return new ConfigInterpreter(MapFileReader.NONE, true).interpret(frontend + BACKENDS, "h.cfg");
    }

    private static String route(UseBackendIndex<Backend> index, TestRequest r) {
        Backend b = index.route(r);
        return b == null ? null : b.name();
    }

    @Test
    void marathonLbHostPathAndSniRulesAreAllIndexedInOrder() throws ConfigException {
        RoutingSnapshot s = interpret("""
                frontend marathon_http_in
                  bind *:80
                  mode http
                  acl host_api_example_com hdr(host) -i api.example.com
                  acl path_api path_beg /v2
                  use_backend api if host_api_example_com path_api
                  acl host_web_example_com hdr(host) -i web.example.com
                  acl host_web_example_com hdr(host) -i www.example.com
                  use_backend web if host_web_example_com
                  acl host_api_example_com_2 hdr(host) -i api.example.com
                  use_backend admin if host_api_example_com_2
                  acl host_web_example_com_3 hdr(host) -i web.example.com
                  use_backend fallback if host_web_example_com_3
                """);
        Frontend f = s.frontends().get(0);
        UseBackendIndex<Backend> index = UseBackendIndex.of(f.rules(), s::backend);

        assertThat(index.indexedRules()).isEqualTo(4);
        assertThat(route(index, TestRequest.get("/v2/apps").host("API.example.com"))).isEqualTo("api");
        // The path ACL fails: the next rule naming the host wins.
        assertThat(route(index, TestRequest.get("/ui").host("api.example.com"))).isEqualTo("admin");
        // A host named by two rules goes to the first.
        assertThat(route(index, TestRequest.get("/").host("web.example.com"))).isEqualTo("web");
        assertThat(route(index, TestRequest.get("/").host("www.example.com"))).isEqualTo("web");
        assertThat(route(index, TestRequest.get("/").host("web.example.com:80"))).isNull();
        assertThat(route(index, TestRequest.get("/"))).isNull();
    }

    @Test
    void aRuleThatCannotBeIndexedEndsTheRunAndKeepsItsPlace() throws ConfigException {
        RoutingSnapshot s = interpret("""
                frontend marathon_https_in
                  bind *:443
                  mode http
                  use_backend web if { ssl_fc_sni web.example.com }
                  use_backend admin if { hdr_beg(host) -i web }
                  use_backend api if { ssl_fc_sni web.example.com }
                  use_backend api if { ssl_fc_sni api.example.com }
                  use_backend fallback
                """);
        Frontend f = s.frontends().get(0);
        UseBackendIndex<Backend> index = UseBackendIndex.of(f.rules(), s::backend);

        assertThat(index.indexedRules()).isEqualTo(3);
        assertThat(route(index, TestRequest.get("/").tls("web.example.com").host("web.example.com"))).isEqualTo("web");
        assertThat(route(index, TestRequest.get("/").tls("api.example.com").host("web.example.com"))).isEqualTo("admin");
        assertThat(route(index, TestRequest.get("/").tls("api.example.com").host("x"))).isEqualTo("api");
        assertThat(route(index, TestRequest.get("/").tls("other").host("x"))).isEqualTo("fallback");
    }
}
