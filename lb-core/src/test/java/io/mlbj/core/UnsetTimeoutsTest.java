package io.mlbj.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlbj.core.demo.EchoBackend;
import io.mlbj.core.haproxy.MapFileReader;
import io.mlbj.core.proxy.RawHttp;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** HAProxy: a timeout that is not set never expires (it must not expire at once). */
class UnsetTimeoutsTest {
    @Test
    void aConfigWithoutTimeoutsServesKeepAliveRequests() throws Exception {
        try (EchoBackend a = EchoBackend.start("a");
                LoadBalancer lb = LoadBalancer.start(LoadBalancerSettings.defaults().withIoThreads(1))) {
            lb.apply("frontend web\n  bind 127.0.0.1:0\n  mode http\n  default_backend app\n"
                    + "backend app\n  mode http\n  server a 127.0.0.1:" + a.port() + "\n", "bare.cfg", MapFileReader.NONE);
            try (RawHttp c = new RawHttp(lb.boundAddress("web").getPort())) {
                for (int i = 0; i < 3; i++) {
                    RawHttp.Response r = c.send("GET /" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read(false);
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.bodyText()).contains("GET /" + i + " HTTP/1.1");
                    Thread.sleep(50);
                }
            }
        }
    }
}
