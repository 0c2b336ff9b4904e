package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.mlbj.core.routing.HttpAction;
import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.LogFormat;
import io.mlbj.core.routing.RequestCondition;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Header and path rewrites in HAProxy's order and meaning, and hop-by-hop stripping. */
class HttpRuleActionsTest {
    private static HttpRule always(HttpAction a) {
        return new HttpRule(a, RequestCondition.ALWAYS, a.toString());
    }

    private static HttpRequest request(String uri, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    private static NettyRequestView view(HttpRequest r) {
        return new NettyRequestView(r, new EmbeddedChannel());
    }

    @Test
    void addOfXForwardedProtoReplacesTheClientsValue() {
        HttpRequest r = request("/", "X-Forwarded-Proto", "https", "X-Other", "1");
        HttpRuleActions.applyToRequest(List.of(
                always(new HttpAction.AddHeader("X-Forwarded-Proto", LogFormat.literal("http"))),
                always(new HttpAction.AddHeader("X-Other", LogFormat.literal("2")))), r, view(r));
        assertThat(r.headers().getAll("X-Forwarded-Proto")).containsExactly("http");
        assertThat(r.headers().getAll("X-Other")).containsExactly("1", "2");
    }

    @Test
    void aForgedXForwardedProtoIsDroppedEvenWhenTheAddDoesNotFire() {
        HttpRequest r = request("/", "X-Forwarded-Proto", "https");
        HttpRule onlyOverTls = new HttpRule(new HttpAction.AddHeader("X-Forwarded-Proto", LogFormat.literal("https")),
                v -> v.isTls(), "add-header X-Forwarded-Proto https if { ssl_fc }");
        HttpRuleActions.applyToRequest(List.of(onlyOverTls), r, view(r));
        assertThat(r.headers().contains("X-Forwarded-Proto")).isFalse();
    }

    @Test
    void setDelAndReplaceHeader() {
        HttpRequest r = request("/", "A", "1", "A", "2", "B", "x", "C", "foo=abc;bar");
        HttpRuleActions.applyToRequest(List.of(
                always(new HttpAction.SetHeader("A", LogFormat.literal("only"))),
                always(new HttpAction.DelHeader("B")),
                always(new HttpAction.ReplaceHeader("C", Pattern.compile("foo=([^;]*);(.*)"), "\\2;foo=\\1"))),
                r, view(r));
        assertThat(r.headers().getAll("A")).containsExactly("only");
        assertThat(r.headers().contains("B")).isFalse();
        assertThat(r.headers().get("C")).isEqualTo("bar;foo=abc");
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/x?q=1, /api/(.*), /\\1, /v1/x?q=1",
        "/other, /api/(.*), /\\1, /other",
        "http://h/api/z, /api/(.*), /new/\\1, /new/z"
    })
    void replacePathKeepsTheQuery(String uri, String regex, String replacement, String expected) {
        HttpRequest r = request(uri);
        HttpRuleActions.applyToRequest(List.of(always(new HttpAction.ReplacePath(Pattern.compile(regex), replacement))),
                r, view(r));
        assertThat(r.uri()).isEqualTo(expected);
    }

    @Test
    void setPath() {
        HttpRequest r = request("/a/b?x=y");
        HttpRuleActions.applyToRequest(List.of(always(new HttpAction.SetPath(LogFormat.literal("/c")))), r, view(r));
        assertThat(r.uri()).isEqualTo("/c?x=y");
    }

    @Test
    void aRuleAddsOnlyHeadersNamedByATokenAndStillRefusesABrokenValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpAction.SetHeader("X Y", LogFormat.literal("v")))
                .withMessage("header name 'X Y' is not a token");
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpAction.AddHeader("", LogFormat.literal("v")));
        assertThatIllegalArgumentException().isThrownBy(() -> new HttpAction.AddHeader("X-\u00e9", LogFormat.literal("v")));
        assertThat(new HttpAction.AddHeader("X-Ok!#$%&'*+-.^_`|~09", LogFormat.literal("v")).name()).endsWith("09");

        HttpRequest r = request("/");
        List<HttpRule> crlf = List.of(always(new HttpAction.SetHeader("X-Injected", LogFormat.literal("a\r\nEvil: 1"))));
        assertThatIllegalArgumentException().isThrownBy(() -> HttpRuleActions.applyToRequest(crlf, r, view(r)));
        assertThat(r.headers().contains("Evil")).isFalse();
    }

    @Test
    void hopByHopFieldsAndTheFieldsConnectionNamesAreRemoved() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Private")
                .add("X-Private", "p").add("Keep-Alive", "timeout=5").add("Proxy-Connection", "x")
                .add("TE", "trailers").add("Trailer", "X-T").add("Upgrade", "websocket")
                .add("Transfer-Encoding", "chunked").add("X-End", "e");
        HopByHopHeaders.strip(h, false);
        assertThat(h.names()).containsExactlyInAnyOrder("Transfer-Encoding", "X-End");

        HttpHeaders up = new DefaultHttpHeaders().add("Connection", "Upgrade").add("Upgrade", "websocket");
        HopByHopHeaders.strip(up, true);
        assertThat(up.get("Upgrade")).isEqualTo("websocket");
    }

    @Test
    void everyConnectionValueAndTokenIsReadWhateverTheSpacingAndCase() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "Keep-Alive ,X-A,, \tx-b")
                .add("Connection", "CLOSE")
                .add("Connection", "x-c,transfer-encoding,upgrade")
                .add("X-A", "a").add("X-B", "b").add("X-C", "c").add("Transfer-Encoding", "chunked")
                .add("Upgrade", "h2c").add("X-End", "e");
        HopByHopHeaders.strip(h, false);
        assertThat(h.names()).containsExactlyInAnyOrder("Transfer-Encoding", "X-End");

        HttpHeaders kept = new DefaultHttpHeaders().add("Connection", "keep-alive").add("X-Keep", "k");
        HopByHopHeaders.strip(kept, false);
        assertThat(kept.names()).containsExactly("X-Keep");
    }
}
