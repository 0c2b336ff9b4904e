package io.mlbj.bench;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.StickyCookie;
import io.mlbj.core.sticky.ServerCookieValue;
import io.mlbj.core.sticky.StickyCookieCodec;
import io.mlbj.core.sticky.StickyIndex;
import io.mlbj.core.sticky.StickyRequestDecision;
import io.mlbj.core.sticky.StickyResponseEdit;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The sticky cookie codec per request: the request side (decode the Cookie header, find the server,
 * strip or remove the persistence cookie) and the response side, for a typical Cookie header of three
 * cookies, in marathon-lb's two configurations ({@code prefix} for the WSO2 case, {@code insert indirect}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StickyCookieBenchmark {
    /** Servers in the backend, named like marathon-lb's ({@code ip_port}) with its cookie values. */
    @Param({"10"})
    int servers;

    private StickyCookieCodec prefix;
    private StickyCookieCodec insert;
    private Server answered;
    private List<String> prefixCookies;
    private List<String> insertCookies;
    private List<String> unrelatedCookies;
    private final List<String> noSetCookie = List.of();
    private List<String> sessionSetCookie;
    private final List<String> noHeaders = List.of();

    @Setup
    public void setUp() {
        List<Server> backend = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            String name = "10_0_1_" + (10 + i) + "_31" + (100 + i);
            backend.add(new Server(name, "10.0.1." + (10 + i), 31100 + i, i + 1, 1, ServerCookieValue.of(name),
                    false, null, null, 0));
        }
        StickyIndex index = StickyIndex.of(backend);
        prefix = new StickyCookieCodec(new StickyCookie("JSESSIONID", StickyCookie.Mode.PREFIX, false, true, false,
                false, false, false, List.of(), null, null, List.of()), index, () -> 0);
        insert = new StickyCookieCodec(new StickyCookie("mesosphere_server_id", StickyCookie.Mode.INSERT, true, true,
                false, false, false, false, List.of(), null, null, List.of()), index, () -> 0);
        answered = backend.get(servers / 2);
        String value = answered.cookie();
        prefixCookies = List.of("_ga=GA1.2.1234567890.1600000000; JSESSIONID=" + value
                + "~8F3A1C2B4D5E6F708192A3B4C5D6E7F8; lang=en-US");
        insertCookies = List.of("_ga=GA1.2.1234567890.1600000000; mesosphere_server_id=" + value + "; lang=en-US");
        unrelatedCookies = List.of("_ga=GA1.2.1234567890.1600000000; theme=dark; lang=en-US");
        sessionSetCookie = List.of("JSESSIONID=9A8B7C6D5E4F30211F2E3D4C5B6A7988; Path=/carbon; Secure; HttpOnly");
    }

    /** Prefix mode, request side: route by {@code JSESSIONID=<server>~<session>} and strip the prefix. */
    @Benchmark
    public void prefixRequest(Blackhole bh) {
        StickyRequestDecision d = prefix.decide(prefixCookies, ServerStatus.ALL_UP);
        bh.consume(d.server());
        bh.consume(d.forwardedHeader(0));
    }

    /** Prefix mode, one whole request: the request side then a response that sets no cookie. */
    @Benchmark
    public void prefixRequestAndResponse(Blackhole bh) {
        StickyRequestDecision d = prefix.decide(prefixCookies, ServerStatus.ALL_UP);
        bh.consume(d.forwardedHeader(0));
        bh.consume(prefix.rewriteResponse(d, d.server(), "GET", 200, noSetCookie, noHeaders, noHeaders));
    }

    /** Prefix mode, response side of a login: the server's new JSESSIONID gets the prefix. */
    @Benchmark
    public StickyResponseEdit prefixNewSessionResponse() {
        return prefix.rewriteResponse(StickyCodecStates.NONE, answered, "POST", 200, sessionSetCookie, noHeaders,
                noHeaders);
    }

    /** Insert+indirect, one whole request: route by the cookie, remove it, nothing to insert. */
    @Benchmark
    public void insertRequestAndResponse(Blackhole bh) {
        StickyRequestDecision d = insert.decide(insertCookies, ServerStatus.ALL_UP);
        bh.consume(d.forwardedHeader(0));
        bh.consume(insert.rewriteResponse(d, d.server(), "GET", 200, noSetCookie, noHeaders, noHeaders));
    }

    /** Insert+indirect, first request of a client: no cookie, then a cookie is inserted. */
    @Benchmark
    public StickyResponseEdit insertFirstRequestAndResponse() {
        StickyRequestDecision d = insert.decide(unrelatedCookies, ServerStatus.ALL_UP);
        return insert.rewriteResponse(d, answered, "GET", 200, noSetCookie, noHeaders, noHeaders);
    }

    /** Three cookies, none of them ours. */
    @Benchmark
    public StickyRequestDecision noPersistenceCookie() {
        return prefix.decide(unrelatedCookies, ServerStatus.ALL_UP);
    }

    /** Holder of a decision without a cookie, built once. */
    static final class StickyCodecStates {
        static final StickyRequestDecision NONE;

        static {
            StickyCookieCodec codec = new StickyCookieCodec(new StickyCookie("JSESSIONID", StickyCookie.Mode.PREFIX,
                    false, false, false, false, false, false, List.of(), null, null, List.of()),
                    StickyIndex.of(List.of()), () -> 0);
            NONE = codec.decide(List.of(), ServerStatus.ALL_UP);
        }

        private StickyCodecStates() {
        }
    }
}
