package io.mlbj.core.sticky;

import static io.mlbj.core.sticky.StickyFixtures.NO_COOKIE;
import static io.mlbj.core.sticky.StickyFixtures.S1;
import static io.mlbj.core.sticky.StickyFixtures.S2;
import static io.mlbj.core.sticky.StickyFixtures.S3_DOWN;
import static io.mlbj.core.sticky.StickyFixtures.codec;
import static io.mlbj.core.sticky.StickyFixtures.named;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.mlbj.core.routing.Server;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Response side of every mode: reference §1.2, §1.3, §1.6 and §1.7. */
class SetCookieRewriteTest {

    /** directive, request cookie (routed-to server or ""), answered, method, Set-Cookies in, out, cache-control. */
    static Stream<Arguments> cases() {
        String p = "JSESSIONID prefix nocache";
        String pi = "JSESSIONID prefix indirect";
        String mlb = "mesosphere_server_id insert indirect nocache";
        return Stream.of(
                // prefix (§1.6)
                arguments(p, "", "s1", "GET", List.of("JSESSIONID=abc; Path=/app; HttpOnly; Secure"),
                        List.of("JSESSIONID=s1~abc; Path=/app; HttpOnly; Secure"), false),
                arguments(p, "s1", "s1", "GET", List.of("JSESSIONID=a", "x=1", "JSESSIONID=b; Max-Age=60"),
                        List.of("JSESSIONID=s1~a", "x=1", "JSESSIONID=s1~b; Max-Age=60"), false),
                arguments(p, "", "s1", "GET", List.of("foo=bar; JSESSIONID=x"), List.of("foo=bar; JSESSIONID=x"),
                        false),
                arguments(p, "", "s1", "GET", List.of("JSESSIONID = sp ; Path=/"),
                        List.of("JSESSIONID=s1~sp ; Path=/"), false),
                arguments(p, "", "s2", "GET", List.of("JSESSIONID=\"q\"; Path=/"),
                        List.of("JSESSIONID=\"s2~q\"; Path=/"), false),
                arguments(p, "", "s1", "GET", List.of("JSESSIONID=abc; Expires=Wed, 09 Jun 2021 10:18:14 GMT"),
                        List.of("JSESSIONID=s1~abc; Expires=Wed, 09 Jun 2021 10:18:14 GMT"), false),
                arguments(p, "", "nc", "GET", List.of("JSESSIONID=abc"), List.of("JSESSIONID=abc"), false),
                arguments(p, "s2", "s1", "GET", List.of("JSESSIONID=new"), List.of("JSESSIONID=s1~new"), false),
                arguments(p, "", "s1", "GET", List.of(), List.of(), false),
                arguments(p, "", "s1", "GET", List.of("jsessionid=abc"), List.of("jsessionid=abc"), false),
                // prefix + indirect: the server's cookie is deleted when the request came with a valid one
                arguments(pi, "s1", "s1", "GET", List.of("JSESSIONID=abc", "x=1"), List.of("x=1"), false),
                arguments(pi, "", "s1", "GET", List.of("JSESSIONID=abc"), List.of("JSESSIONID=s1~abc"), false),
                arguments(pi, "s2", "s1", "GET", List.of("JSESSIONID=abc"), List.of("JSESSIONID=s1~abc"), false),
                arguments("JSESSIONID prefix indirect preserve", "s1", "s1", "GET", List.of("JSESSIONID=abc"),
                        List.of("JSESSIONID=abc"), false),
                // insert (§1.2, §1.7)
                arguments(mlb, "", "s1", "GET", List.of(), List.of("mesosphere_server_id=s1; path=/"), true),
                arguments(mlb, "s1", "s1", "GET", List.of(), List.of(), false),
                arguments(mlb, "s2", "s1", "GET", List.of("x=1"), List.of("x=1", "mesosphere_server_id=s1; path=/"),
                        true),
                arguments(mlb, "", "s1", "GET", List.of("mesosphere_server_id=mine; Path=/x", "x=1"),
                        List.of("x=1", "mesosphere_server_id=s1; path=/"), true),
                arguments(mlb, "s1", "s1", "GET", List.of("mesosphere_server_id=mine"), List.of(), false),
                arguments(mlb, "", "s1", "POST", List.of(), List.of("mesosphere_server_id=s1; path=/"), false),
                arguments(mlb, "", "s1", "HEAD", List.of(), List.of("mesosphere_server_id=s1; path=/"), true),
                arguments(mlb, "", "nc", "GET", List.of(),
                        List.of("mesosphere_server_id=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/"), true),
                arguments("mesosphere_server_id insert indirect preserve", "", "s1", "GET",
                        List.of("mesosphere_server_id=; Max-Age=0"), List.of("mesosphere_server_id=; Max-Age=0"),
                        false),
                arguments("mesosphere_server_id insert indirect preserve", "", "s1", "GET", List.of(),
                        List.of("mesosphere_server_id=s1; path=/"), false),
                arguments("SRV insert httponly secure domain a.example domain .b.example attr SameSite=None",
                        "", "s2", "GET", List.of(),
                        List.of("SRV=s2; path=/; domain=a.example; domain=.b.example; HttpOnly; Secure; SameSite=None"),
                        false),
                arguments("SRV insert postonly", "", "s1", "GET", List.of(), List.of(), false),
                arguments("SRV insert postonly nocache", "", "s1", "POST", List.of(), List.of("SRV=s1; path=/"),
                        false),
                // rewrite
                arguments("SRV rewrite", "", "s1", "GET", List.of("SRV=anything; Path=/"),
                        List.of("SRV=s1; Path=/"), false),
                arguments("SRV rewrite", "s2", "s2", "GET", List.of("a=1", "SRV=x"), List.of("a=1", "SRV=s2"), false),
                arguments("SRV rewrite nocache", "", "s1", "GET", List.of(), List.of(), false));
    }

    @ParameterizedTest(name = "{0}: cookie->{1} answered {2} {3} {4}")
    @MethodSource("cases")
    void responseSide(String directive, String routedTo, String answered, String method, List<String> setCookies,
            List<String> expected, boolean cacheControlPrivate) {
        StickyCookieCodec codec = codec(directive);
        StickyRequestDecision request = StickyFixtures.routedTo(codec, named(routedTo));
        StickyResponseEdit edit = codec.rewriteResponse(request, named(answered), method, 200, setCookies, List.of(),
                List.of());
        List<String> sent = edit.setCookieHeadersChanged() ? edit.setCookieHeaders() : setCookies;
        assertThat(sent).containsExactlyElementsOf(expected);
        assertThat(edit.addCacheControlPrivate()).isEqualTo(cacheControlPrivate);
    }

    /** Cacheability as HAProxy 2.0 decides it (§1.7). */
    static Stream<Arguments> cacheability() {
        return Stream.of(
                arguments("GET", 200, List.of(), List.of(), true),
                arguments("OPTIONS", 204, List.of(), List.of(), true),
                arguments("TRACE", 404, List.of(), List.of(), true),
                arguments("GET", 301, List.of("max-age=60"), List.of(), true),
                arguments("GET", 200, List.of("public, max-age=60"), List.of(), true),
                arguments("GET", 200, List.of("no-cache=\"set-cookie\""), List.of(), true),
                arguments("GET", 200, List.of("Private"), List.of(), false),
                arguments("GET", 200, List.of("private=\"x\""), List.of(), false),
                arguments("GET", 200, List.of("max-age=60, no-cache"), List.of(), false),
                arguments("GET", 200, List.of("no-store"), List.of(), false),
                arguments("GET", 200, List.of("a=1", "max-age=0"), List.of(), false),
                arguments("GET", 200, List.of("s-maxage=0"), List.of(), false),
                arguments("GET", 200, List.of(), List.of("no-cache"), false),
                arguments("GET", 302, List.of(), List.of(), false),
                arguments("GET", 500, List.of(), List.of(), false),
                arguments("POST", 200, List.of(), List.of(), false),
                arguments("PUT", 200, List.of(), List.of(), false));
    }

    @ParameterizedTest(name = "{0} {1} cache-control={2} pragma={3}")
    @MethodSource("cacheability")
    void nocacheAddsCacheControlPrivateToCacheableResponsesWithAnInsertedCookie(String method, int status,
            List<String> cacheControl, List<String> pragma, boolean added) {
        StickyCookieCodec codec = codec("mesosphere_server_id insert indirect nocache");
        StickyResponseEdit edit = codec.rewriteResponse(StickyFixtures.routedTo(codec, null), S1, method, status,
                List.of(), cacheControl, pragma);
        assertThat(edit.setCookieHeaders()).containsExactly("mesosphere_server_id=s1; path=/");
        assertThat(edit.addCacheControlPrivate()).isEqualTo(added);
    }

    @Test
    void prefixWithNocacheNeverAddsCacheControl() {
        StickyCookieCodec codec = codec("JSESSIONID prefix nocache");
        StickyResponseEdit edit = codec.rewriteResponse(StickyFixtures.routedTo(codec, null), S1, "GET", 200,
                List.of("JSESSIONID=a"), List.of("public"), List.of());
        assertThat(edit.setCookieHeaders()).containsExactly("JSESSIONID=s1~a");
        assertThat(edit.addCacheControlPrivate()).isFalse();
    }

    @Test
    void cookieOfADownServerIsReplacedByTheOneThatAnswered() {
        StickyCookieCodec insert = codec("mesosphere_server_id insert indirect nocache");
        StickyRequestDecision request = insert.decide(List.of("mesosphere_server_id=s3"), S3_DOWN);
        assertThat(request.server()).isNull();
        assertThat(insert.rewriteResponse(request, S2, "GET", 200, List.of(), List.of(), List.of()).setCookieHeaders())
                .containsExactly("mesosphere_server_id=s2; path=/");

        StickyCookieCodec prefix = codec("JSESSIONID prefix");
        StickyRequestDecision old = prefix.decide(List.of("JSESSIONID=s3~old"), S3_DOWN);
        assertThat(old.forwardedHeaders()).containsExactly("JSESSIONID=old");
        assertThat(prefix.rewriteResponse(old, S1, "GET", 200, List.of("JSESSIONID=new"), List.of(), List.of())
                .setCookieHeaders()).containsExactly("JSESSIONID=s1~new");
    }

    @Test
    void responseMadeByTheProxyIsLeftAlone() {
        StickyCookieCodec codec = codec("mesosphere_server_id insert indirect nocache");
        Server none = null;
        assertThat(codec.rewriteResponse(StickyFixtures.routedTo(codec, null), none, "GET", 503, List.of(), List.of(),
                List.of())).isSameAs(StickyResponseEdit.UNCHANGED);
        assertThat(NO_COOKIE.cookie()).isNull();
    }
}
