package io.mlbj.core.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The TLS implementation behind every context: OpenSSL (BoringSSL via netty-tcnative) or the JDK's. */
public enum TlsProvider {
    /** netty-tcnative-boringssl-static; faster handshakes, needs the native library. */
    OPENSSL,
    /** The JDK's SSLEngine; always available. */
    JDK;

    private static final Logger log = LoggerFactory.getLogger(TlsProvider.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    /** OpenSSL when its native library loads on this machine, else the JDK provider; logs the choice once. */
    public static TlsProvider detect() {
        TlsProvider chosen = OpenSsl.isAvailable() ? OPENSSL : JDK;
        logOnce(chosen, chosen == OPENSSL ? "available" : "OpenSSL unavailable: " + OpenSsl.unavailabilityCause());
        return chosen;
    }

    private static void logOnce(TlsProvider chosen, String why) {
        if (LOGGED.compareAndSet(false, true)) {
            log.info("TLS provider: {} ({}{})", chosen,
                    chosen == OPENSSL ? OpenSsl.versionString() + ", " : "", why);
        }
    }

    /**
     * The provider named by a flag value: {@code auto} (or null/empty) detects, {@code openssl} and
     * {@code jdk} force one; forcing OpenSSL where it cannot load is an error.
     */
    public static TlsProvider fromName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "", "auto":
                return detect();
            case "openssl":
                OPENSSL.requireAvailable();
                logOnce(OPENSSL, "forced");
                return OPENSSL;
            case "jdk":
                logOnce(JDK, "forced");
                return JDK;
            default:
                throw new TlsConfigException("TLS provider: '" + name + "' (expected: auto, openssl or jdk)");
        }
    }

    /** Whether this provider can be used on this machine. */
    public boolean isAvailable() {
        return this == JDK || OpenSsl.isAvailable();
    }

    /** Fails with a clear error when this provider cannot be used on this machine. */
    public void requireAvailable() {
        if (!isAvailable()) {
            throw new TlsConfigException("TLS provider openssl: not available on this machine ("
                    + OpenSsl.unavailabilityCause() + ")", OpenSsl.unavailabilityCause());
        }
    }

    /** The Netty provider constant for this provider. */
    SslProvider netty() {
        requireAvailable();
        // OPENSSL (not OPENSSL_REFCNT): engines free their native state when the SslHandler closes
        // them, contexts when they become unreachable, so nothing here counts references.
        return this == OPENSSL ? SslProvider.OPENSSL : SslProvider.JDK;
    }
}
