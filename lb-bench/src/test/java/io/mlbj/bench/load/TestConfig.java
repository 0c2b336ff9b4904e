package io.mlbj.bench.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link LoadConfig}s for tests: a small closed-loop run unless told otherwise. */
final class TestConfig {
    URI url;
    int connections = 2;
    int threads = 1;
    double rate;
    Duration duration;
    long requests;
    Duration warmup = Duration.ZERO;
    Duration timeout = Duration.ofSeconds(5);
    String method = "GET";
    int bodySize;
    List<String> headers = new ArrayList<>();
    boolean cookies;
    boolean stickyCheck;
    boolean newConnectionPerRequest;
    String connectTo;

    static TestConfig target(String url) {
        TestConfig c = new TestConfig();
        c.url = URI.create(url);
        return c;
    }

    static TestConfig target(ScriptedHttpServer server) {
        return target("http://127.0.0.1:" + server.port() + "/path?q=1");
    }

    TestConfig connections(int n) {
        connections = n;
        return this;
    }

    TestConfig requests(long n) {
        requests = n;
        return this;
    }

    TestConfig duration(Duration d) {
        duration = d;
        return this;
    }

    TestConfig rate(double r) {
        rate = r;
        return this;
    }

    LoadConfig build() {
        return new LoadConfig(url, "test", connections, threads, rate, duration, requests, warmup, timeout, method,
                bodySize, headers, cookies, stickyCheck, "X-Server", newConnectionPerRequest, false, connectTo);
    }

    LoadResult run() throws Exception {
        return LoadRun.execute(build(), System.err);
    }
}
