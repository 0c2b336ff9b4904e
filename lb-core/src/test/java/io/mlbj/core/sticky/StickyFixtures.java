package io.mlbj.core.sticky;

import io.mlbj.core.balance.ServerStatus;
import io.mlbj.core.routing.Server;
import io.mlbj.core.routing.StickyCookie;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Servers, directives and server states for the sticky cookie tests. */
final class StickyFixtures {
    /** A fixed clock: 2026-01-01T00:00:00Z, a multiple of 4 seconds. */
    static final long NOW = 1_767_225_600L;

    static final Server S1 = server("s1", "s1", false);
    static final Server S2 = server("s2", "s2", false);
    static final Server S3 = server("s3", "s3", false);
    /** Disabled (draining) but up. */
    static final Server S4 = server("s4", "s4", true);
    static final Server NO_COOKIE = server("nc", null, false);
    static final List<Server> SERVERS = List.of(S1, S2, S3, S4, NO_COOKIE);
    /** S3 is down. */
    static final ServerStatus S3_DOWN = downs("s3");

    private StickyFixtures() {
    }

    static Server server(String name, String cookie, boolean disabled) {
        return new Server(name, "127.0.0.1", 8080, 0, 1, cookie, disabled, null, null, 0);
    }

    static ServerStatus downs(String... names) {
        Set<String> down = new HashSet<>(List.of(names));
        return new ServerStatus() {
            @Override
            public boolean isUp(Server server) {
                return !down.contains(server.name());
            }

            @Override
            public int activeConnections(Server server) {
                return 0;
            }
        };
    }

    /** A directive from HAProxy's words, e.g. {@code cookie("JSESSIONID prefix nocache")}. */
    static StickyCookie cookie(String line) {
        String[] words = line.trim().split("\\s+");
        StickyCookie.Mode mode = null;
        boolean indirect = false;
        boolean nocache = false;
        boolean postonly = false;
        boolean preserve = false;
        boolean httponly = false;
        boolean secure = false;
        List<String> domains = new ArrayList<>();
        List<String> attrs = new ArrayList<>();
        Duration maxIdle = null;
        Duration maxLife = null;
        for (int i = 1; i < words.length; i++) {
            switch (words[i]) {
                case "insert" -> mode = StickyCookie.Mode.INSERT;
                case "prefix" -> mode = StickyCookie.Mode.PREFIX;
                case "rewrite" -> mode = StickyCookie.Mode.REWRITE;
                case "indirect" -> indirect = true;
                case "nocache" -> nocache = true;
                case "postonly" -> postonly = true;
                case "preserve" -> preserve = true;
                case "httponly" -> httponly = true;
                case "secure" -> secure = true;
                case "domain" -> domains.add(words[++i]);
                case "attr" -> attrs.add(words[++i]);
                case "maxidle" -> maxIdle = Duration.ofSeconds(Long.parseLong(words[++i]));
                case "maxlife" -> maxLife = Duration.ofSeconds(Long.parseLong(words[++i]));
                default -> throw new IllegalArgumentException("word: " + words[i]);
            }
        }
        return new StickyCookie(words[0], mode, indirect, nocache, postonly, preserve, httponly, secure, domains,
                maxIdle, maxLife, attrs);
    }

    static StickyCookieCodec codec(String line) {
        return new StickyCookieCodec(cookie(line), StickyIndex.of(SERVERS), () -> NOW);
    }

    /** The Cookie headers a decision forwards (the request's own when unchanged). */
    static List<String> forwarded(StickyRequestDecision decision, List<String> request) {
        return decision.cookieHeadersChanged() ? decision.forwardedHeaders() : request;
    }

    static Server named(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        return SERVERS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** A request decision whose cookie named {@code server} validly (or none when null). */
    static StickyRequestDecision routedTo(StickyCookieCodec codec, Server server) {
        return server == null ? codec.decide(List.of(), ServerStatus.ALL_UP)
                : codec.decide(List.of(codec.spec().name() + "=" + server.cookie()), ServerStatus.ALL_UP);
    }
}
