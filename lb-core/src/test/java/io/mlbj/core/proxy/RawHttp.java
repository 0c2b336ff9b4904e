package io.mlbj.core.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A minimal HTTP/1.1 client over a raw socket, for pipelining, 100-continue and malformed input. */
public final class RawHttp implements AutoCloseable {
    /** One response as read off the wire. */
    public record Response(int status, List<String[]> headers, byte[] body) {
        public String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;

    public RawHttp(int port) throws IOException {
        this("127.0.0.1", port);
    }

    public RawHttp(String host, int port) throws IOException {
        this(new Socket(host, port));
    }

    /** A client over a socket already connected (e.g. an {@code SSLSocket}). */
    public RawHttp(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    public RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    public Socket socket() {
        return socket;
    }

    /** Reads one response; {@code noBody} for answers to HEAD. */
    public Response read(boolean noBody) throws IOException {
        String status = line();
        while (status.isEmpty()) {
            status = line();
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int c = l.indexOf(':');
            headers.add(new String[] {l.substring(0, c).trim(), l.substring(c + 1).trim()});
        }
        Response head = new Response(code, headers, new byte[0]);
        if (noBody || code == 204 || code == 304 || code / 100 == 1) {
            return head;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String te = head.header("Transfer-Encoding");
        String cl = head.header("Content-Length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers
                    }
                    break;
                }
                body.write(in.readNBytes(size));
                line();
            }
        } else if (cl != null) {
            body.write(in.readNBytes(Integer.parseInt(cl)));
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(code, headers, body.toByteArray());
    }

    /** True when the server closed the connection (reads EOF within the socket timeout). */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                int n = sb.length();
                return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
            }
            sb.append((char) b);
        }
        throw new java.io.EOFException("connection closed");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
