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
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code option tcplog} through a real load balancer in TCP mode: one line per connection, field by field. */
class TcpAccessLogTest {
    // %ci:%cp [%t] %ft %b/%s %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq
    private static final Pattern TCPLOG = Pattern.compile("^(\\S+):(\\d+) \\[([^\\]]+)\\] (\\S+) (\\S+)/(\\S+) "
            + "(-?\\d+)/(-?\\d+)/(-?\\d+) (\\d+) (\\S\\S) (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+) 0/0$");

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

    private LoadBalancer start(String options) throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        LoadBalancer lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(1), AccessLog.toSlf4j());
        lb.apply("defaults\n  mode tcp\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n" + options
                + "frontend raw\n  bind 127.0.0.1:0\n  default_backend app\n"
                + "frontend nowhere\n  bind 127.0.0.2:0\n  default_backend down\n"
                + "backend app\n  server a 127.0.0.1:" + echo.port() + "\n"
                + "backend down\n  server gone 127.0.0.1:" + closed + "\n", "tcp.cfg", MapFileReader.NONE);
        return lb;
    }

    private List<String> messages() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private void awaitLines(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (messages().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static Matcher parse(String line) {
        Matcher m = TCPLOG.matcher(line);
        assertThat(m.matches()).as("tcplog layout of: %s", line).isTrue();
        return m;
    }

    @Test
    void aRelayedConnectionIsLoggedWhenItCloses() throws Exception {
        int clientPort;
        byte[] answer;
        try (LoadBalancer lb = start("  option tcplog\n")) {
            try (Socket s = new Socket("127.0.0.1", lb.boundAddress("raw").getPort())) {
                clientPort = s.getLocalPort();
                s.getOutputStream().write("GET /tcp HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                s.getInputStream().transferTo(all);
                answer = all.toByteArray();
            }
            awaitLines(1);
        }
        assertThat(new String(answer, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200 ");
        assertThat(messages()).hasSize(1);
        Matcher m = parse(messages().get(0));
        assertThat(m.group(1)).isEqualTo("127.0.0.1");
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(clientPort);
        assertThat(m.group(4) + " " + m.group(5) + "/" + m.group(6)).isEqualTo("raw app/a");
        assertThat(m.group(7)).isEqualTo("0");
        assertThat(Long.parseLong(m.group(8))).isGreaterThanOrEqualTo(0);
        assertThat(Long.parseLong(m.group(9))).isGreaterThanOrEqualTo(Long.parseLong(m.group(8)));
        assertThat(Long.parseLong(m.group(10))).isEqualTo(answer.length);
        assertThat(m.group(11)).isEqualTo("--");
        assertThat(m.group(12) + "/" + m.group(13) + "/" + m.group(14) + "/" + m.group(15) + "/" + m.group(16))
                .isEqualTo("1/1/1/1/0");
    }

    @Test
    void anUnreachableServerAndDontlognull() throws Exception {
        try (LoadBalancer lb = start("  option tcplog\n  option dontlognull\n")) {
            // sends nothing and reaches nothing: not logged under dontlognull
            new Socket("127.0.0.1", lb.boundAddress("raw").getPort()).close();
            try (Socket s = new Socket("127.0.0.2", lb.boundAddress("nowhere").getPort())) {
                s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                try {
                    s.getInputStream().transferTo(new ByteArrayOutputStream());
                } catch (java.net.SocketException e) {
                    // closed with our unread bytes in its buffer: a reset instead of an end of stream
                }
            }
            awaitLines(1);
        }
        assertThat(messages()).hasSize(1);
        Matcher m = parse(messages().get(0));
        assertThat(m.group(4) + " " + m.group(5) + "/" + m.group(6)).isEqualTo("nowhere down/gone");
        assertThat(m.group(8)).isEqualTo("-1");
        assertThat(m.group(10)).isEqualTo("0");
        assertThat(m.group(11)).isEqualTo("SC");
        assertThat(m.group(16)).isEqualTo("3");
    }
}
