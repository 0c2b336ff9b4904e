package io.mlbj.bench.churn;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * One browser-like client of a sticky app, on its own thread: a keep-alive connection (reopened when lost), a
 * cookie jar, one request at a time (closed loop). Every response is checked: which task answered
 * ({@code X-Task-Id}, and the body's {@code task} line), whether it is the task the session is bound to,
 * whether that task still knew the session, and, after a move, whether the new server re-bound the session.
 */
final class StickyUser implements Runnable {
    private static final int TIMEOUT_MILLIS = 10_000;
    /** marathon-lb's {@code timeout http-keep-alive 1s}: a connection idle that long may be closed by the proxy. */
    private static final long KEEP_ALIVE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final InetSocketAddress target;
    private final String host;
    private final String path;
    private final String stickyCookie;
    private final String taskPrefix;
    private final RemovedTasks removed;
    private final ChurnCounters counters;
    private final BooleanSupplier running;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final Histogram latency = new Histogram(3_600_000_000L, 3);
    private Socket socket;
    private InputStream in;
    private String boundTask;
    private long sequence;
    private long lastAnswerNanos;
    private long lastSendNanos;

    StickyUser(InetSocketAddress target, String host, String path, String appId, String stickyCookie,
            RemovedTasks removed, ChurnCounters counters, BooleanSupplier running) {
        this.target = requireNonNull(target, "target");
        this.host = requireNonNull(host, "host");
        this.path = requireNonNull(path, "path");
        this.stickyCookie = requireNonNull(stickyCookie, "stickyCookie");
        this.taskPrefix = requireNonNull(appId, "appId").substring(1).replace('/', '_') + ".";
        this.removed = requireNonNull(removed, "removed");
        this.counters = requireNonNull(counters, "counters");
        this.running = requireNonNull(running, "running");
    }

    @Override
    public void run() {
        try {
            while (running.getAsBoolean()) {
                exchange();
            }
        } finally {
            closeConnection();
            counters.addLatency(latency);
        }
    }

    private void exchange() {
        counters.requests.increment();
        long start = System.nanoTime();
        Response response;
        try {
            response = send();
        } catch (IOException e) {
            closeConnection();
            failed(kindOf(e), e.toString());
            pause();
            return;
        }
        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start)));
        if (response.closes()) {
            closeConnection();
        }
        if (response.status() != 200) {
            failed("status_" + response.status(), response.body().lines().findFirst().orElse(""));
            return;
        }
        counters.ok.increment();
        check(response);
    }

    /**
     * Sends the request and reads the response; a kept-alive connection that the server closed before
     * answering is retried once on a new connection, as browsers do for idempotent requests (RFC 9112
     * 9.3.1), and counted.
     */
    private Response send() throws IOException {
        if (socket != null) {
            try {
                return sendOn();
            } catch (NoResponseException e) {
                counters.retriedOnReusedConnection.increment();
                if (lastSendNanos - lastAnswerNanos >= KEEP_ALIVE_TIMEOUT_NANOS) {
                    counters.retriedAfterKeepAliveTimeout.increment();
                }
                closeConnection();
            }
        }
        connect();
        return sendOn();
    }

    private Response sendOn() throws IOException {
        lastSendNanos = System.nanoTime();
        try {
            socket.getOutputStream().write(request());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new NoResponseException(e);
        }
        Response response = Response.read(in);
        lastAnswerNanos = System.nanoTime();
        return response;
    }

    private void check(Response response) {
        String task = response.header("x-task-id");
        String bodyTask = response.bodyLine("task ");
        // task ids are "<app id without the slash, / as _>.<uuid>": a task of another app means a wrong route
        if (task == null || !task.equals(bodyTask) || !task.startsWith(taskPrefix)) {
            counters.identityMismatch.increment();
        }
        boolean rebound = response.setsCookie(stickyCookie);
        response.setCookies().forEach(this::store);
        if (boundTask == null) {
            counters.balanced.increment();
        } else if (boundTask.equals(task)) {
            counters.stickyKept.increment();
            if (!response.bodyLine("session ").endsWith("(continued)")) {
                counters.sessionLost.increment();
            }
        } else if (removed.contains(boundTask)) {
            counters.movedFromRemoved.increment();
            if (!rebound) {
                counters.movedWithoutNewCookie.increment();
            }
        } else {
            counters.movedFromSurvivor.increment();
        }
        boundTask = task;
    }

    private void failed(String kind, String detail) {
        ChurnCounters.Server server = boundTask == null ? ChurnCounters.Server.UNBOUND
                : removed.contains(boundTask) ? ChurnCounters.Server.REMOVED : ChurnCounters.Server.HEALTHY;
        counters.failure(kind, server, "bound to " + boundTask + ": " + detail);
    }

    private byte[] request() {
        StringBuilder head = new StringBuilder(160);
        head.append("GET ").append(path).append(++sequence).append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
        if (!cookies.isEmpty()) {
            head.append("Cookie: ");
            boolean first = true;
            for (Map.Entry<String, String> c : cookies.entrySet()) {
                head.append(first ? "" : "; ").append(c.getKey()).append('=').append(c.getValue());
                first = false;
            }
            head.append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void store(String setCookie) {
        int semicolon = setCookie.indexOf(';');
        String pair = (semicolon < 0 ? setCookie : setCookie.substring(0, semicolon)).trim();
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = pair.substring(0, eq);
        String lower = setCookie.toLowerCase(Locale.ROOT);
        if (lower.contains("expires=thu, 01-jan-1970") || lower.contains("max-age=0")) {
            cookies.remove(name);
        } else {
            cookies.put(name, pair.substring(eq + 1));
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(TIMEOUT_MILLIS);
            s.connect(target, TIMEOUT_MILLIS);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
    }

    private void closeConnection() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a socket that already failed
            }
        }
        socket = null;
        in = null;
    }

    private static String kindOf(IOException e) {
        Throwable cause = e instanceof NoResponseException && e.getCause() != null ? e.getCause() : e;
        String prefix = e instanceof NoResponseException ? "no_response_" : "";
        if (cause instanceof SocketTimeoutException) {
            return prefix + "timeout";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connect_refused";
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("reset")) {
            return prefix + "reset";
        }
        if (message.contains("closed before")) {
            return prefix + "closed";
        }
        return prefix + "io_error";
    }

    /** Nothing of the response arrived: the connection failed or closed before its first byte. */
    static final class NoResponseException extends IOException {
        NoResponseException(IOException cause) {
            super(cause.getMessage(), cause);
        }

        NoResponseException(String message) {
            super(message);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A response: status, headers (names in lower case), body as text. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        static Response read(InputStream in) throws IOException {
            String statusLine;
            try {
                statusLine = line(in);
            } catch (IOException e) {
                throw new NoResponseException(e);
            }
            if (statusLine == null) {
                throw new NoResponseException("connection closed before the response");
            }
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP response: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                            .add(line.substring(colon + 1).trim());
                }
            }
            List<String> length = headers.get("content-length");
            if (length == null) {
                throw new IOException("response without Content-Length (status " + status + ")");
            }
            byte[] body = in.readNBytes(Integer.parseInt(length.get(0)));
            if (body.length < Integer.parseInt(length.get(0))) {
                throw new IOException("connection closed before the end of the body");
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); ; c = in.read()) {
                if (c < 0) {
                    return b.length() == 0 ? null : b.toString();
                }
                if (c == '\n') {
                    int n = b.length();
                    return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
                }
                b.append((char) c);
            }
        }

        String header(String lowerName) {
            List<String> values = headers.get(lowerName);
            return values == null ? null : values.get(0);
        }

        List<String> setCookies() {
            return headers.getOrDefault("set-cookie", List.of());
        }

        boolean setsCookie(String name) {
            return setCookies().stream().anyMatch(c -> c.startsWith(name + "="));
        }

        boolean closes() {
            String connection = header("connection");
            return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
        }

        String bodyLine(String prefix) {
            return body.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                    .findFirst().orElse("");
        }
    }
}
