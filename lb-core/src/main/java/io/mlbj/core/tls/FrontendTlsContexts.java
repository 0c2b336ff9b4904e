package io.mlbj.core.tls;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.FrontendTls;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server-side TLS contexts of one TLS bind, immutable: one context per certificate and the SNI
 * mapping over them (exact names, then {@code *.domain} wildcards matching one label; the first
 * certificate when SNI is absent or unknown). Build it once per distinct {@link FrontendTls}.
 */
public final class FrontendTlsContexts implements Mapping<String, SslContext> {
    private static final Logger log = LoggerFactory.getLogger(FrontendTlsContexts.class);

    /** How long a client may take to send its ClientHello and finish the handshake. */
    public static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    // Only HTTP/1.1 is served; other ALPN names (h2) would make clients speak a protocol we do not.
    private static final Set<String> SERVED_ALPN = Set.of(ApplicationProtocolNames.HTTP_1_1);

    /**
     * Key-exchange groups of OpenSSL contexts, in preference order: OpenSSL's (and so HAProxy's) default
     * order without X448, which BoringSSL lacks. Netty's BoringSSL default puts the post-quantum hybrid
     * X25519MLKEM768 first, which costs the server more per handshake and which HAProxy on OpenSSL 3.0
     * never negotiates.
     */
    static final List<String> KEY_EXCHANGE_GROUPS = List.of("X25519", "P-256", "P-384", "P-521");

    private final TlsProvider provider;
    private final List<PemBundle> bundles;
    private final Mapping<String, SslContext> mapping;

    private FrontendTlsContexts(TlsProvider provider, List<PemBundle> bundles, Mapping<String, SslContext> mapping) {
        this.provider = provider;
        this.bundles = List.copyOf(bundles);
        this.mapping = mapping;
    }

    /**
     * Loads every certificate of {@code tls} and builds its contexts; a missing or broken file, or
     * settings that leave no protocol, fail with a {@link TlsConfigException} naming the file.
     */
    public static FrontendTlsContexts build(FrontendTls tls, TlsProvider provider) {
        requireNonNull(tls, "tls");
        requireNonNull(provider, "provider");
        List<PemBundle> bundles = new ArrayList<>();
        for (String crt : tls.certificates()) {
            bundles.addAll(PemBundleLoader.loadAll(Path.of(crt)));
        }
        TlsPolicy policy = TlsPolicy.parse(tls.ciphers(), tls.options());
        CipherSuiteSelection ciphers = CipherSuiteSelection.select(policy, provider);
        if (!ciphers.dropped().isEmpty()) {
            log.info("TLS bind {}: cipher-string words not applied with the {} provider: {}",
                    tls.certificates(), provider, ciphers.dropped());
        }
        if (!policy.ignoredOptions().isEmpty()) {
            log.warn("TLS bind {}: options without effect here: {}", tls.certificates(), policy.ignoredOptions());
        }
        ApplicationProtocolConfig alpn = alpn(tls);
        List<SslContext> contexts = new ArrayList<>(bundles.size());
        for (PemBundle bundle : bundles) {
            contexts.add(serverContext(bundle, policy, ciphers, alpn, provider));
        }
        DomainWildcardMappingBuilder<SslContext> mapping = new DomainWildcardMappingBuilder<>(contexts.get(0));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < bundles.size(); i++) {
            for (String name : bundles.get(i).serverNames()) {
                // First certificate wins for a name served by several, as the first crt is the default.
                if (!seen.add(name)) {
                    continue;
                }
                try {
                    mapping.add(name, contexts.get(i));
                } catch (IllegalArgumentException e) {
                    log.warn("{}: name '{}' cannot be matched by SNI ({}); the certificate is still the"
                            + " default when it comes first", bundles.get(i).source(), name, e.getMessage());
                }
            }
        }
        return new FrontendTlsContexts(provider, bundles, mapping.build());
    }

    /** The context for an SNI host name (null: no SNI), falling back to the first certificate. */
    @Override
    public SslContext map(String sniHostName) {
        return mapping.map(sniHostName);
    }

    /**
     * A new handler for one accepted connection: Netty's SNI handler choosing the context from these
     * contexts; it records the SNI name ({@link TlsChannelAttributes}) and replaces itself by the
     * {@code SslHandler} under the same pipeline name.
     */
    public ChannelHandler newHandler() {
        return new SniRecordingHandler(this, HANDSHAKE_TIMEOUT_MILLIS);
    }

    /** The certificates loaded, in configuration order (the first is the default). */
    public List<PemBundle> bundles() {
        return bundles;
    }

    /** The provider the contexts were built with. */
    public TlsProvider provider() {
        return provider;
    }

    static ApplicationProtocolConfig alpn(FrontendTls tls) {
        List<String> served = new ArrayList<>();
        for (String name : tls.alpn()) {
            if (SERVED_ALPN.contains(name)) {
                served.add(name);
            } else {
                log.warn("TLS bind {}: ALPN protocol '{}' not offered (served: {})", tls.certificates(), name, SERVED_ALPN);
            }
        }
        if (served.isEmpty()) {
            served.add(ApplicationProtocolNames.HTTP_1_1);
        }
        return new ApplicationProtocolConfig(
                ApplicationProtocolConfig.Protocol.ALPN,
                // The only modes both the OpenSSL and the JDK provider support on the server side.
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                served);
    }

    private static SslContext serverContext(
            PemBundle bundle, TlsPolicy policy, CipherSuiteSelection ciphers, ApplicationProtocolConfig alpn,
            TlsProvider provider) {
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(bundle.key(), bundle.chain())
                    .sslProvider(provider.netty())
                    .protocols(policy.protocols())
                    .ciphers(ciphers.suites())
                    .applicationProtocolConfig(alpn);
            if (provider == TlsProvider.OPENSSL) {
                // The JDK's default named groups already start with x25519.
                builder.option(OpenSslContextOption.GROUPS, KEY_EXCHANGE_GROUPS.toArray(String[]::new));
            }
            SslContext context = builder.build();
            // OpenSSL contexts start with tickets off; turn them on (random keys) unless no-tls-tickets.
            // The JDK provider's ticket use is a JVM-wide setting (jdk.tls.server.enableSessionTicketExtension).
            if (policy.sessionTickets() && context.sessionContext() instanceof OpenSslSessionContext openSsl) {
                openSsl.setTicketKeys();
            }
            return context;
        } catch (SSLException | RuntimeException e) {
            throw new TlsConfigException(bundle.source() + ": cannot build a TLS context (" + e.getMessage() + ")", e);
        }
    }
}
