package io.mlbj.core.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.routing.Backend;
import io.mlbj.core.routing.Frontend;
import io.mlbj.core.routing.RouteRule;
import io.mlbj.core.routing.RoutingSnapshot;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The indexed {@code use_backend} lookup answers exactly as the rules evaluated in order, for random
 * frontends interpreted from config text (host ACLs with and without {@code -i}, several ACL lines of
 * one name, path ACLs, SNI, other headers, rules that cannot be indexed in between, dynamic targets,
 * backends that do not resolve) and random requests.
 */
class UseBackendIndexProperties {
    private static final List<String> HOSTS = List.of("a.example", "b.example", "c.example", "A.Example", "d");
    private static final List<String> BACKENDS = List.of("b0", "b1", "b2", "b3");

    @Property(tries = 600)
    void indexedLookupAgreesWithTheWalkInOrder(@ForAll("frontends") String rules, @ForAll("requests") List<TestRequest> requests)
            throws ConfigException {
        StringBuilder text = new StringBuilder("frontend f\n  bind 127.0.0.1:8080\n  mode http\n").append(rules);
        for (String b : BACKENDS) {
            text.append("backend ").append(b).append("\n  mode http\n  server s 127.0.0.1:9000\n");
        }
        RoutingSnapshot snapshot = new ConfigInterpreter(MapFileReader.NONE, false).interpret(text.toString(), "p.cfg");
        Frontend f = snapshot.frontends().get(0);
        // The interpreter refuses unknown fixed names, so "b3" stands for a backend the resolver does not know.
        Function<String, Backend> backends = name -> "b3".equals(name) ? null : snapshot.backend(name);
        UseBackendIndex<Backend> index = UseBackendIndex.of(f.rules(), backends);
        Statistics.label("indexed rules").collect(index.indexedRules() == 0 ? "none"
                : index.indexedRules() == f.rules().size() ? "all" : "some");
        for (TestRequest r : requests) {
            Backend expected = inOrder(backends, f.rules(), r);
            Statistics.label("routed").collect(expected != null);
            assertThat(index.route(r)).as("%s%nrequest Host=%s path=%s sni=%s", rules, r.header("host"), r.path(), r.sni)
                    .isSameAs(expected);
        }
    }

    private static Backend inOrder(Function<String, Backend> backends, List<RouteRule> rules, TestRequest r) {
        for (RouteRule rule : rules) {
            if (rule.condition().matches(r)) {
                Backend b = backends.apply(rule.target().select(r));
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    @Provide
    Arbitrary<String> frontends() {
        return rule().list().ofMinSize(0).ofMaxSize(14).map(lines -> {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                s.append(lines.get(i).replace("@", Integer.toString(i)));
            }
            return s.toString();
        });
    }

    // "@" becomes the rule's number so ACL names are unique per rule.
    private Arbitrary<String> rule() {
        Arbitrary<String> host = Arbitraries.of(HOSTS);
        Arbitrary<String> target = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.of(BACKENDS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("%[req.hdr(x-backend)]")));
        Arbitrary<String> ci = Arbitraries.of("-i ", "");
        Arbitrary<String> hostAcl = Combinators.combine(ci, host, host.list().ofMaxSize(1), target).as((i, h, more, t) ->
                "  acl host_@ hdr(host) " + i + h + (more.isEmpty() ? "" : " " + more.get(0)) + "\n"
                        + "  use_backend " + t + " if host_@\n");
        Arbitrary<String> twoLines = Combinators.combine(ci, host, host, target).as((i, h1, h2, t) ->
                "  acl host_@ hdr(host) " + i + h1 + "\n  acl host_@ hdr(host) " + i + h2 + "\n"
                        + "  use_backend " + t + " if host_@\n");
        Arbitrary<String> withPath = Combinators.combine(host, Arbitraries.of("/api", "/", "/x"), target).as((h, p, t) ->
                "  acl host_@ hdr(host) -i " + h + "\n  acl path_@ path_beg " + p + "\n"
                        + "  use_backend " + t + " if host_@ path_@\n");
        Arbitrary<String> pathFirst = Combinators.combine(host, Arbitraries.of("/api", "/x"), target).as((h, p, t) ->
                "  use_backend " + t + " if { path_beg " + p + " } { hdr(host) -i " + h + " }\n");
        Arbitrary<String> sni = Combinators.combine(host, target).as((h, t) ->
                "  use_backend " + t + " if { ssl_fc_sni " + h + " }\n");
        Arbitrary<String> appId = Combinators.combine(Arbitraries.of("/app", "/other"), target).as((a, t) ->
                "  use_backend " + t + " if { hdr(x-marathon-app-id) -i " + a + " }\n");
        Arbitrary<String> unindexable = Combinators.combine(host, target, Arbitraries.of(
                "{ hdr_beg(host) -i %s }", "!{ hdr(host) -i %s }", "{ hdr(host) -i %s } or { path_beg /x }",
                "{ hdr_end(host) %s }", "TRUE")).as((h, t, c) ->
                "  use_backend " + t + " if " + c.replace("%s", h) + "\n");
        Arbitrary<String> always = target.map(t -> "  use_backend " + t + "\n");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, hostAcl), net.jqwik.api.Tuple.of(2, twoLines),
                net.jqwik.api.Tuple.of(3, withPath), net.jqwik.api.Tuple.of(1, pathFirst),
                net.jqwik.api.Tuple.of(2, sni), net.jqwik.api.Tuple.of(1, appId),
                net.jqwik.api.Tuple.of(2, unindexable), net.jqwik.api.Tuple.of(1, always));
    }

    @Provide
    Arbitrary<List<TestRequest>> requests() {
        Arbitrary<String> host = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(HOSTS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("B.EXAMPLE", "a.example:80", "zzz", "")),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
        Arbitrary<TestRequest> request = Combinators.combine(host, Arbitraries.of("/", "/api/v1", "/x", "/y"),
                Arbitraries.of(HOSTS).injectNull(0.5), Arbitraries.of("b1", "b3", "nope").injectNull(0.5),
                Arbitraries.of("/app", "/APP", "/other").injectNull(0.5))
                .as((h, p, sni, dyn, app) -> {
                    TestRequest r = TestRequest.get(p);
                    if (h != null) {
                        r.host(h);
                    }
                    if (sni != null) {
                        r.tls(sni);
                    }
                    if (dyn != null) {
                        r.header("x-backend", dyn);
                    }
                    if (app != null) {
                        r.header("x-marathon-app-id", app);
                    }
                    return r;
                });
        return request.list().ofMinSize(1).ofMaxSize(12);
    }
}
