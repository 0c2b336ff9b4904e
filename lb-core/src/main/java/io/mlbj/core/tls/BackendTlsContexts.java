package io.mlbj.core.tls;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.ServerTls;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;

/**
 * Client-side TLS toward servers ({@code server ... ssl verify none|required [ca-file F] [sni S]}):
 * one context per distinct {@link ServerTls}, kept for the life of this object, so pooled connections
 * to the same server resume their TLS sessions (the session cache is per context and peer host:port).
 */
public final class BackendTlsContexts {
    private final TlsProvider provider;
    private final ConcurrentHashMap<ServerTls, SslContext> contexts = new ConcurrentHashMap<>();

    /** Contexts that use {@code provider}. */
    public BackendTlsContexts(TlsProvider provider) {
        this.provider = requireNonNull(provider, "provider");
    }

    /**
     * The context for {@code tls}, built on first use: {@code verify none} trusts any certificate;
     * {@code verify required} checks the chain against the {@code ca-file} (the JVM's trusted CAs
     * when none is given) and, when an SNI name is given, that the certificate is for that name.
     * A missing or unreadable ca-file fails with a {@link TlsConfigException} naming it.
     */
    public SslContext forServer(ServerTls tls) {
        requireNonNull(tls, "tls");
        return contexts.computeIfAbsent(tls, this::build);
    }

    /**
     * A new client {@link SslHandler} for a connection to {@code host:port}; the SNI name, when given,
     * is sent and is also the peer name used for host-name checks and the session cache.
     */
    public SslHandler newHandler(ServerTls tls, ByteBufAllocator alloc, String host, int port) {
        requireNonNull(alloc, "alloc");
        requireNonNull(host, "host");
        String peer = tls.sni() != null ? tls.sni() : host;
        return forServer(tls).newHandler(alloc, peer, port);
    }

    /** Forgets the contexts of settings not in {@code inUse} (their cached sessions go with them). */
    public void retainOnly(Collection<ServerTls> inUse) {
        Set<ServerTls> keep = Set.copyOf(inUse);
        contexts.keySet().removeIf(t -> !keep.contains(t));
    }

    private SslContext build(ServerTls tls) {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(provider.netty())
                .protocols(TlsPolicy.TLS_V13, TlsPolicy.TLS_V12);
        if (tls.sni() != null) {
            try {
                new SNIHostName(tls.sni());
            } catch (IllegalArgumentException e) {
                throw new TlsConfigException("server ssl sni '" + tls.sni() + "': not a host name (" + e.getMessage() + ")", e);
            }
        }
        if (!tls.verify()) {
            // verify none: no chain and no host-name check (Netty 4.2 checks host names by default).
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            if (tls.caFile() != null) {
                builder.trustManager(caCertificates(Path.of(tls.caFile())));
            }
            builder.endpointIdentificationAlgorithm(tls.sni() != null ? "HTTPS" : null);
        }
        try {
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new TlsConfigException("server ssl " + describe(tls) + ": cannot build a TLS context ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The certificates of a PEM CA file, with an error naming the file when there are none. */
    static List<X509Certificate> caCertificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new TlsConfigException(file + ": ca-file holds no certificate");
            }
            return certificates;
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(file + ": ca-file: no such file", e);
        } catch (IOException | CertificateException e) {
            throw new TlsConfigException(file + ": ca-file cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(ServerTls tls) {
        return (tls.verify() ? "verify required" : "verify none")
                + (tls.caFile() != null ? " ca-file " + tls.caFile() : "")
                + (tls.sni() != null ? " sni " + tls.sni() : "");
    }
}
