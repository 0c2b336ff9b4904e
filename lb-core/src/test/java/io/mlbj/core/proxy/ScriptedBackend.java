package io.mlbj.core.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A blocking backend that runs a script per accepted connection (bad responses, silence, early close). */
public final class ScriptedBackend implements AutoCloseable {
    /** What to do with one accepted connection. */
    @FunctionalInterface
    public interface Script {
        void run(Socket s) throws IOException;
    }

    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    public ScriptedBackend(Script script) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    accepted.incrementAndGet();
                    open.add(s);
                    Thread w = new Thread(() -> {
                        try {
                            script.run(s);
                        } catch (IOException e) {
                            // the proxy closed the connection
                        }
                    });
                    w.setDaemon(true);
                    w.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "scripted-backend");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    /** Reads up to the end of a request head. */
    public static void readHead(InputStream in) throws IOException {
        int state = 0;
        int b;
        while ((b = in.read()) != -1) {
            state = (b == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return;
            }
        }
    }

    /** A port on which nothing listens (connections are refused). */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
