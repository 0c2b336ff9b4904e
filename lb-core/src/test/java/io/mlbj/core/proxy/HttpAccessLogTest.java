package io.mlbj.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mlbj.core.LoadBalancer;
import io.mlbj.core.LoadBalancerSettings;
import io.mlbj.core.accesslog.AccessLog;
import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.haproxy.MapFileReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code option httplog} through a real load balancer, a real echo backend and a socket client: the line on the
 * {@code access} logger, field by field; no line without the option or with the access log off;
 * {@code option dontlognull}.
 */
class HttpAccessLogTest {
    // %ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq "%r"
    private static final Pattern HTTPLOG = Pattern.compile("^(\\S+):(\\d+) \\[([^\\]]+)\\] (\\S+) (\\S+)/(\\S+) "
            + "(-?\\d+)/(-?\\d+)/(-?\\d+)/(-?\\d+)/(-?\\d+) (-?\\d+) (\\d+) - - (\\S{4}) "
            + "(\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) 0/0 \"(.*)\"$");
    private static final DateTimeFormatter ACCEPT_DATE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ROOT);

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger accessLogger = (Logger) LoggerFactory.getLogger("access");
    private EchoBackend echo;

    @BeforeEach
    void capture() {
        lines.start();
        accessLogger.addAppender(lines);
        echo = EchoBackend.start("a");
    }

    @AfterEach
    void release() {
        accessLogger.detachAppender(lines);
        echo.close();
    }

    private String config(String frontendOptions, String backendServer) {
        return "defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n"
                + "frontend web\n  bind 127.0.0.1:0\n" + frontendOptions
                + "  acl moved path_beg /old\n  http-request redirect location /new code 302 if moved\n"
                + "  use_backend down if { path_beg /down }\n  default_backend app\n"
                + "frontend quiet\n  bind 127.0.0.2:0\n  default_backend app\n"
                + "backend app\n  server a 127.0.0.1:" + echo.port() + "\n"
                + "backend down\n  server gone " + backendServer + "\n";
    }

    private LoadBalancer start(String frontendOptions, AccessLog log) throws Exception {
        LoadBalancer lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(1), log);
        lb.apply(config(frontendOptions, "127.0.0.1:" + closedPort()), "access.cfg", MapFileReader.NONE);
        return lb;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Sends {@code request} on a new connection and returns every byte the proxy sent until it closed. */
    private static byte[] exchange(int port, String host, String request, int[] clientPort) throws IOException {
        try (Socket s = new Socket(host, port)) {
            clientPort[0] = s.getLocalPort();
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toByteArray();
        }
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static Matcher parse(String line) {
        Matcher m = HTTPLOG.matcher(line);
        assertThat(m.matches()).as("httplog layout of: %s", line).isTrue();
        return m;
    }

    @Test
    void aForwardedRequestIsLoggedFieldByField() throws Exception {
        ZonedDateTime before = ZonedDateTime.now().minusSeconds(1);
        int[] clientPort = new int[1];
        byte[] answer;
        try (LoadBalancer lb = start("  option httplog\n", AccessLog.toSlf4j())) {
            answer = exchange(lb.boundAddress("web").getPort(), "127.0.0.1",
                    "GET /hello?x=1 HTTP/1.1\r\nHost: example\r\nConnection: close\r\n\r\n", clientPort);
        }
        ZonedDateTime after = ZonedDateTime.now().plusSeconds(1);
        assertThat(new String(answer, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 ");

        assertThat(messages()).hasSize(1);
        Matcher m = parse(messages().get(0));
        assertThat(m.group(1)).isEqualTo("127.0.0.1");
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(clientPort[0]);
        ZonedDateTime accepted = ZonedDateTime.parse(m.group(3),
                ACCEPT_DATE.withZone(java.time.ZoneId.systemDefault()));
        assertThat(accepted).isBetween(before, after);
        assertThat(m.group(4)).isEqualTo("web");
        assertThat(m.group(5)).isEqualTo("app");
        assertThat(m.group(6)).isEqualTo("a");
        long tr = Long.parseLong(m.group(7));
        long tw = Long.parseLong(m.group(8));
        long tc = Long.parseLong(m.group(9));
        long tResponse = Long.parseLong(m.group(10));
        long ta = Long.parseLong(m.group(11));
        assertThat(tr).isGreaterThanOrEqualTo(0);
        assertThat(tw).isEqualTo(0);
        assertThat(tc).isGreaterThanOrEqualTo(0);
        assertThat(tResponse).isGreaterThanOrEqualTo(0);
        assertThat(ta).isGreaterThanOrEqualTo(tr + tc + tResponse - 2); // each rounded down to a millisecond
        assertThat(m.group(12)).isEqualTo("200");
        assertThat(Long.parseLong(m.group(13))).isEqualTo(answer.length);
        assertThat(m.group(14)).isEqualTo("----");
        // ac/fc/bc/sc/rc: this connection, on this frontend, to this backend and server, no retry
        assertThat(m.group(15)).isEqualTo("1");
        assertThat(m.group(16)).isEqualTo("1");
        assertThat(m.group(17)).isEqualTo("1");
        assertThat(m.group(18)).isEqualTo("1");
        assertThat(m.group(19)).isEqualTo("0");
        assertThat(m.group(20)).isEqualTo("GET /hello?x=1 HTTP/1.1");
    }

    @Test
    void keepAliveRequestsGetOneLineEachAndLocalAnswersNameNoServer() throws Exception {
        try (LoadBalancer lb = start("  option httplog\n", AccessLog.toSlf4j());
                RawHttp c = new RawHttp(lb.boundAddress("web").getPort())) {
            assertThat(c.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(200);
            assertThat(c.send("GET /old/page HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(302);
            assertThat(c.send("POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc").read(false).status())
                    .isEqualTo(200);
            assertThat(c.send("GET /down HTTP/1.1\r\nHost: x\r\n\r\n").read(false).status()).isEqualTo(503);
        }
        List<String> all = messages();
        assertThat(all).hasSize(4);
        Matcher one = parse(all.get(0));
        assertThat(one.group(20)).isEqualTo("GET /one HTTP/1.1");
        assertThat(one.group(14)).isEqualTo("----");

        Matcher redirect = parse(all.get(1));
        assertThat(redirect.group(5) + "/" + redirect.group(6)).isEqualTo("web/<NOSRV>");
        assertThat(redirect.group(8) + "/" + redirect.group(9) + "/" + redirect.group(10)).isEqualTo("-1/-1/-1");
        assertThat(redirect.group(12)).isEqualTo("302");
        assertThat(redirect.group(14)).isEqualTo("LR--");
        assertThat(redirect.group(20)).isEqualTo("GET /old/page HTTP/1.1");

        Matcher post = parse(all.get(2));
        assertThat(post.group(20)).isEqualTo("POST /two HTTP/1.1");
        assertThat(post.group(2)).isEqualTo(one.group(2)); // same connection

        Matcher down = parse(all.get(3));
        assertThat(down.group(5) + "/" + down.group(6)).isEqualTo("down/gone");
        assertThat(down.group(9)).isEqualTo("-1"); // never connected
        assertThat(down.group(12)).isEqualTo("503");
        assertThat(down.group(14)).isEqualTo("SC--");
        assertThat(down.group(15) + "/" + down.group(16) + "/" + down.group(17) + "/" + down.group(18) + "/"
                + down.group(19)).isEqualTo("1/1/0/0/3"); // no server connection; HAProxy's default of 3 retries
    }

    @Test
    void noLineWithoutTheOptionOrWithTheAccessLogOff() throws Exception {
        int[] port = new int[1];
        try (LoadBalancer lb = start("  option httplog\n", AccessLog.OFF)) {
            exchange(lb.boundAddress("web").getPort(), "127.0.0.1", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port);
        }
        try (LoadBalancer lb = start("", AccessLog.toSlf4j())) {
            exchange(lb.boundAddress("web").getPort(), "127.0.0.1", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port);
            // `quiet` has no option httplog even where `web` has it
        }
        try (LoadBalancer lb = start("  option httplog\n", AccessLog.toSlf4j())) {
            exchange(lb.boundAddress("quiet").getPort(), "127.0.0.2", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port);
        }
        // close() waited for the event loops to end, so a line would be there
        assertThat(messages()).isEmpty();
    }

    private void awaitLines(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (messages().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Test
    void dontlognullDropsConnectionsThatSentNothing() throws Exception {
        int[] port = new int[1];
        try (LoadBalancer lb = start("  option httplog\n  option dontlognull\n", AccessLog.toSlf4j())) {
            new Socket("127.0.0.1", lb.boundAddress("web").getPort()).close();
            exchange(lb.boundAddress("web").getPort(), "127.0.0.1",
                    "GET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port);
            awaitLines(1);
        }
        assertThat(messages()).hasSize(1);
        assertThat(parse(messages().get(0)).group(20)).isEqualTo("GET /after HTTP/1.1");
        lines.list.clear();

        try (LoadBalancer lb = start("  option httplog\n", AccessLog.toSlf4j())) {
            int localPort;
            try (Socket s = new Socket("127.0.0.1", lb.boundAddress("web").getPort())) {
                localPort = s.getLocalPort();
            }
            awaitLines(1);
            assertThat(messages()).hasSize(1);
            Matcher m = parse(messages().get(0));
            assertThat(Integer.parseInt(m.group(2))).isEqualTo(localPort);
            assertThat(m.group(5) + "/" + m.group(6)).isEqualTo("web/<NOSRV>");
            assertThat(m.group(14)).isEqualTo("CR--");
            assertThat(m.group(12)).isEqualTo("-1"); // nothing was answered
            assertThat(m.group(15) + "/" + m.group(16) + "/" + m.group(17)).isEqualTo("1/1/0");
            assertThat(m.group(20)).isEqualTo("<BADREQ>");
        }
    }
}
