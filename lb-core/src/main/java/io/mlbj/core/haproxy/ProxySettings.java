package io.mlbj.core.haproxy;

import io.mlbj.core.routing.Balance;
import io.mlbj.core.routing.FrontendLog;
import io.mlbj.core.routing.ProxyMode;
import io.mlbj.core.routing.StickyCookie;
import io.mlbj.core.routing.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings a {@code defaults} section hands to the proxies after it, and that each proxy then
 * changes: mode, balance, timeouts, options, retries, maxconn, cookie, default-server.
 */
final class ProxySettings {
    ProxyMode mode = ProxyMode.TCP;
    Balance balance = Balance.ROUNDROBIN;
    final Map<String, Duration> timeouts = new HashMap<>();
    boolean forwardFor;
    boolean serverClose;
    boolean redispatch;
    boolean httpCheck;
    String checkMethod = "OPTIONS";
    String checkPath = "/";
    String checkVersion = "HTTP/1.0";
    int checkExpectStatus;
    io.mlbj.core.routing.HttpCheckExpect checkExpect;
    boolean disableOn404;
    boolean allBackups;
    int retries = 3;
    int maxConnections;
    StickyCookie cookie;
    FrontendLog.Format logFormat = FrontendLog.Format.NONE;
    boolean dontLogNull;
    final List<String> defaultServer = new ArrayList<>();

    ProxySettings copy() {
        ProxySettings c = new ProxySettings();
        c.mode = mode;
        c.balance = balance;
        c.timeouts.putAll(timeouts);
        c.forwardFor = forwardFor;
        c.serverClose = serverClose;
        c.redispatch = redispatch;
        c.httpCheck = httpCheck;
        c.checkMethod = checkMethod;
        c.checkPath = checkPath;
        c.checkVersion = checkVersion;
        c.checkExpectStatus = checkExpectStatus;
        c.checkExpect = checkExpect;
        c.disableOn404 = disableOn404;
        c.allBackups = allBackups;
        c.retries = retries;
        c.maxConnections = maxConnections;
        c.cookie = cookie;
        c.logFormat = logFormat;
        c.dontLogNull = dontLogNull;
        c.defaultServer.addAll(defaultServer);
        return c;
    }

    /**
     * The timeouts in force, with HAProxy's fallbacks: http-request falls back to client,
     * http-keep-alive to http-request, queue to connect. {@link Duration#ZERO} means not set (no limit;
     * for tunnel: client/server apply; for check: the server's {@code inter}).
     */
    Timeouts timeouts() {
        Duration connect = timeout("connect", Duration.ZERO);
        Duration client = timeout("client", Duration.ZERO);
        Duration httpRequest = timeout("http-request", client);
        return new Timeouts(connect, client, timeout("server", Duration.ZERO), httpRequest,
                timeout("http-keep-alive", httpRequest), timeout("tunnel", Duration.ZERO),
                timeout("queue", connect), timeout("check", Duration.ZERO));
    }

    private Duration timeout(String name, Duration fallback) {
        Duration d = timeouts.get(name);
        return d == null ? fallback : d;
    }
}
