package io.mlbj.marathon.daemon;

import io.mlbj.core.tls.SelfSignedCertificateWriter;
import io.mlbj.core.tls.TlsConfigException;
import io.mlbj.marathon.render.RenderOptions;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What marathon-lb's container does when no certificate is given: without {@code --ssl-certs}, the https
 * frontend's default {@code /etc/ssl/cert.pem} is generated (self-signed) when it is missing, so the
 * first config can be served. Where {@code /etc/ssl} is not writable, the certificate goes to the temporary
 * directory and the options point at it instead (the rendered text then names that file).
 */
public final class DefaultCertificate {
    private static final Logger log = LoggerFactory.getLogger(DefaultCertificate.class);

    private DefaultCertificate() {}

    /** {@code options}, or options naming a generated certificate when the default one is missing. */
    public static RenderOptions ensure(RenderOptions options, Path fallbackDirectory) {
        return ensure(options, SelfSignedCertificateWriter.DEFAULT_CERTIFICATE_PATH, fallbackDirectory);
    }

    static RenderOptions ensure(RenderOptions options, Path defaultCertificate, Path fallbackDirectory) {
        if (!options.bindHttpHttps() || !options.sslCerts().isEmpty() || Files.exists(defaultCertificate)) {
            return options;
        }
        String commonName = SelfSignedCertificateWriter.defaultCommonName();
        try {
            SelfSignedCertificateWriter.writeIfAbsent(defaultCertificate, commonName);
            return options;
        } catch (UncheckedIOException | TlsConfigException e) {
            Path fallback = fallbackDirectory.resolve("cert.pem");
            SelfSignedCertificateWriter.writeIfAbsent(fallback, commonName);
            log.warn("{} is missing and cannot be written ({}); the https frontend uses {} instead; "
                    + "give --ssl-certs to choose", defaultCertificate,
                    e.getMessage(), fallback);
            return new RenderOptions(options.groups(), options.bindHttpHttps(), fallback.toString(),
                    options.haproxyMap(), options.groupHttpsByVhost(), options.strictMode(), options.healthCheck(),
                    options.minServPortIpPerTask(), options.maxServPortIpPerTask(), options.templateEnv(),
                    options.templateFiles(), options.globalDefaultOptions(), options.haproxyConfigPath(),
                    options.statsPort(), options.httpPort(), options.httpsPort(), options.appidPort(),
                    options.frameworkName(), options.bindAddress());
        }
    }
}
