package io.mlbj.core.tls;

import io.mlbj.core.proxy.RawHttp;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** JDK TLS clients for end-to-end tests: an HttpClient trusting a test CA, and SSLSockets with a chosen SNI. */
public final class JdkTlsClients {
    private JdkTlsClients() {}

    /** A JDK SSL context that trusts only {@code ca} (chain and host name checked as usual). */
    static SSLContext trusting(X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** A JDK SSL context that accepts any certificate for any name (to look at what the server sends). */
    public static SSLContext trustingAnything() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
        return ctx;
    }

    /** An HTTP/1.1 client over {@code ssl}. */
    static HttpClient httpClient(SSLContext ssl) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A TLS connection to {@code address} after its handshake, sending {@code sni} (null: none). */
    static SSLSocket connect(SSLContext ssl, InetSocketAddress address, String sni) throws Exception {
        SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        SSLParameters p = socket.getSSLParameters();
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        socket.setSSLParameters(p);
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        return socket;
    }

    /** An HTTP client over a new TLS connection (see {@link #connect}). */
    static RawHttp http(SSLContext ssl, InetSocketAddress address, String sni) throws Exception {
        return new RawHttp(connect(ssl, address, sni));
    }

    /** The certificate the server presented on {@code http}'s connection. */
    static X509Certificate peer(RawHttp http) throws Exception {
        return (X509Certificate) ((SSLSocket) http.socket()).getSession().getPeerCertificates()[0];
    }

    /** The subject CN of a certificate. */
    static String cn(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return dn;
    }

    private static final class AcceptAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
