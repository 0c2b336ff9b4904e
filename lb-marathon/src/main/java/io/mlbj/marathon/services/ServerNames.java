package io.mlbj.marathon.services;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/** marathon-lb's names and ids: backend name, server name, stable server id, sticky cookie value. */
public final class ServerNames {
    private static final int ID_MODULUS = 32767;
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> digestOf("SHA-1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> digestOf("SHA-256"));

    private ServerNames() {}

    /** {@code appId[1:].replace('/', '_') + '_' + servicePort}: the backend and per-port frontend name. */
    public static String backendName(String appId, int servicePort) {
        return appIdPath(appId) + "_" + servicePort;
    }

    /** {@code appId[1:].replace('/', '_')} (Python slicing: an empty id stays empty). */
    public static String appIdPath(String appId) {
        return (appId.isEmpty() ? "" : appId.substring(appId.offsetByCodePoints(0, 1))).replace('/', '_');
    }

    /** {@code sanitize(host_ip_port)}, or {@code sanitize(ip_port)} when host equals ip. */
    public static String serverName(BackendServer server) {
        String raw = server.host().equals(server.ip())
                ? server.ip() + "_" + server.port()
                : server.host() + "_" + server.ip() + "_" + server.port();
        return PythonStrings.sanitize(raw);
    }

    /** {@code sha1(name)[:10]}: the value of the {@code mesosphere_server_id} cookie. */
    public static String cookieValue(String serverName) {
        return HexFormat.of().formatHex(digest(SHA1, serverName), 0, 5);
    }

    /**
     * {@code int(sha256(name), 16) % 32767}, retried with {@code name + " " + hexdigest} while the id is 0 or
     * already in {@code taken}; the chosen id is added to {@code taken}.
     */
    public static int serverId(String serverName, Set<Integer> taken) {
        if (serverName == null || serverName.isEmpty()) {
            throw new IllegalArgumentException("serverName: empty (expected: a non-empty name)");
        }
        String name = serverName;
        while (true) {
            byte[] digest = digest(SHA256, name);
            int id = 0;
            // int(hexdigest, 16) % 32767 computed on the bytes: same value, no BigInteger
            for (byte b : digest) {
                id = (id * 256 + (b & 0xff)) % ID_MODULUS;
            }
            if (id != 0 && !taken.contains(id)) {
                taken.add(id);
                return id;
            }
            name = name + " " + HexFormat.of().formatHex(digest);
        }
    }

    private static byte[] digest(ThreadLocal<MessageDigest> md, String s) {
        return md.get().digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest digestOf(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }
}
