package io.mlbj.core.haproxy;

import io.mlbj.core.routing.RequestView;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A synthetic request for evaluating compiled rules: headers (with repeated values), URI, TLS, SNI, client. */
final class TestRequest implements RequestView {
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    String uri = "/";
    String sni;
    boolean tls;
    InetAddress client = address("192.0.2.10");
    int port = 80;

    static TestRequest get(String uri) {
        TestRequest r = new TestRequest();
        r.uri = uri;
        return r;
    }

    TestRequest host(String host) {
        return header("Host", host);
    }

    TestRequest header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    TestRequest tls(String sniName) {
        tls = true;
        sni = sniName;
        return this;
    }

    TestRequest port(int p) {
        port = p;
        return this;
    }

    TestRequest from(String ip) {
        client = address(ip);
        return this;
    }

    TestRequest basicAuth(String user, String password) {
        return header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    List<String> all(String name) {
        return headers.getOrDefault(name, List.of());
    }

    @Override
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String sni() {
        return sni;
    }

    @Override
    public boolean isTls() {
        return tls;
    }

    @Override
    public InetAddress clientAddress() {
        return client;
    }

    @Override
    public int frontendPort() {
        return port;
    }

    static InetAddress address(String ip) {
        try {
            return InetAddress.getByAddress(Network.literal(ip));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(ip, e);
        }
    }
}
