package io.mlbj.core.tls;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.FrontendTls;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live TLS contexts of one TLS bind: rebuilds {@link FrontendTlsContexts} when a certificate file
 * changes on disk (modification time, size or file identity) and swaps it in with one volatile write.
 * Connections already open keep their handshake; the next handshake sees the new certificate. A new
 * file that cannot be loaded leaves the previous contexts in place and is logged once.
 */
public final class CertificateReloader implements Mapping<String, SslContext> {
    private static final Logger log = LoggerFactory.getLogger(CertificateReloader.class);

    private final FrontendTls tls;
    private final TlsProvider provider;
    private volatile FrontendTlsContexts current;
    // Guarded by this: only reloadIfChanged (synchronized) reads and writes it.
    private List<FileStamp> stamps;

    /** Loads the certificates now; fails with a {@link TlsConfigException} when they cannot be used. */
    public CertificateReloader(FrontendTls tls, TlsProvider provider) {
        this.tls = requireNonNull(tls, "tls");
        this.provider = requireNonNull(provider, "provider");
        this.stamps = stamps(tls);
        this.current = FrontendTlsContexts.build(tls, provider);
    }

    /** The contexts in force now. */
    public FrontendTlsContexts current() {
        return current;
    }

    /** The TLS settings this reloader serves. */
    public FrontendTls tls() {
        return tls;
    }

    /** The context for an SNI host name in the contexts in force now. */
    @Override
    public SslContext map(String sniHostName) {
        return current.map(sniHostName);
    }

    /**
     * A new handler for one accepted connection that picks its certificate from the contexts in force
     * when the ClientHello arrives (see {@link FrontendTlsContexts#newHandler()}).
     */
    public ChannelHandler newHandler() {
        return new SniRecordingHandler(this, FrontendTlsContexts.HANDSHAKE_TIMEOUT_MILLIS);
    }

    /**
     * Rebuilds the contexts if any certificate file changed since the last look; true when new
     * contexts were swapped in; safe to call from any thread (the periodic check, a signal, a test).
     */
    public synchronized boolean reloadIfChanged() {
        List<FileStamp> now = stamps(tls);
        if (now.equals(stamps)) {
            return false;
        }
        stamps = now;
        try {
            FrontendTlsContexts next = FrontendTlsContexts.build(tls, provider);
            current = next;
            log.info("TLS certificates reloaded for {}: {}", tls.certificates(), next.bundles());
            return true;
        } catch (TlsConfigException e) {
            log.warn("TLS certificates for {} changed but cannot be loaded, keeping the previous ones: {}",
                    tls.certificates(), e.getMessage());
            return false;
        }
    }

    // What identifies a file's content cheaply: a renewal rewrites it (mtime/size) or renames a new
    // file over it (file key = inode), and a certificate directory changes its list of files.
    private static List<FileStamp> stamps(FrontendTls tls) {
        List<FileStamp> stamps = new ArrayList<>();
        for (String crt : tls.certificates()) {
            Path path = Path.of(crt);
            if (Files.isDirectory(path)) {
                try {
                    for (Path file : PemBundleLoader.certificateFiles(path)) {
                        stamps.add(FileStamp.of(file));
                    }
                } catch (TlsConfigException e) {
                    stamps.add(FileStamp.missing(path));
                }
            } else {
                stamps.add(FileStamp.of(path));
            }
        }
        return stamps;
    }

    private record FileStamp(Path path, long modifiedMillis, long size, Object fileKey) {
        static FileStamp of(Path path) {
            try {
                BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
                return new FileStamp(path, a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
            } catch (IOException e) {
                return missing(path);
            }
        }

        static FileStamp missing(Path path) {
            return new FileStamp(path, -1, -1, null);
        }
    }
}
