package io.mlbj.core.haproxy;

import io.mlbj.core.routing.BindAddress;
import io.mlbj.core.routing.FrontendTls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code bind ADDRESS[,ADDRESS...] [options]}: addresses {@code *:80}, {@code :80},
 * {@code 1.2.3.4:80}, {@code [::]:80}, {@code ipv4@}/{@code ipv6@} forms, port ranges {@code 80-81} and
 * {@code abns@NAME}; options {@code ssl crt FILE... alpn ciphers accept-proxy} and TLS options kept in
 * {@link FrontendTls#options()}; options without effect here accepted, the rest warned.
 */
final class BindLineParser {
    /** One bind line: its addresses with the TLS and PROXY-protocol settings they share. */
    record BindSpec(List<BindAddress> addresses, FrontendTls tls, boolean acceptProxy) {}

    private static final int MAX_RANGE = 1024;
    private static final List<String> FAMILY_PREFIXES = List.of("ipv4@", "ipv6@", "tcp@", "tcp4@", "tcp6@");
    /** TLS options kept verbatim (with their argument when they take one) in FrontendTls.options. */
    private static final Set<String> TLS_FLAGS = Set.of("no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12",
            "no-tlsv13", "force-sslv3", "force-tlsv10", "force-tlsv11", "force-tlsv12", "force-tlsv13",
            "no-tls-tickets", "strict-sni", "prefer-client-ciphers", "no-ca-names", "allow-0rtt");
    private static final Set<String> TLS_WITH_ARG = Set.of("verify", "ca-file", "crl-file", "ssl-min-ver",
            "ssl-max-ver", "ca-ignore-err", "crt-ignore-err", "ciphersuites", "curves", "ecdhe", "ca-verify-file");
    private static final Set<String> SILENT_FLAGS = Set.of("v4v6", "v6only", "defer-accept", "tfo",
            "expose-fd", "quic-force-retry");
    private static final Set<String> SILENT_WITH_ARG = Set.of("name", "id", "process", "thread", "maxconn",
            "backlog", "nice", "mss", "interface", "level", "severity-output", "user", "group", "uid", "gid",
            "mode", "npn", "tcp-ut", "accept-netscaler-cip", "proto");

    private BindLineParser() {}

    /** The bind of {@code d}, or null after reporting why it cannot be used. */
    static BindSpec parse(Directive d, GlobalSettings global, Problems problems) {
        if (d.args().isEmpty()) {
            problems.error(d, "expected 'bind ADDRESS:PORT [options]'");
            return null;
        }
        List<BindAddress> addresses = new ArrayList<>();
        try {
            String spec = d.arg(0);
            if (spec.indexOf(',') < 0) {
                addresses.addAll(addresses(spec, d, problems));
            } else {
                for (String a : spec.split(",", -1)) {
                    addresses.addAll(addresses(a, d, problems));
                }
            }
        } catch (CompileError e) {
            problems.error(d, e.getMessage());
            return null;
        }
        boolean ssl = false;
        boolean acceptProxy = false;
        List<String> certificates = new ArrayList<>();
        List<String> alpn = new ArrayList<>();
        String ciphers = global.bindCiphers();
        List<String> options = new ArrayList<>(global.bindOptions());
        List<String> args = d.args();
        for (int i = 1; i < args.size(); i++) {
            String o = args.get(i);
            boolean hasNext = i + 1 < args.size();
            switch (o) {
                case "ssl" -> ssl = true;
                case "accept-proxy" -> acceptProxy = true;
                case "crt", "alpn", "ciphers" -> {
                    if (!hasNext) {
                        problems.error(d, "'" + o + "' needs an argument");
                        return null;
                    }
                    String v = args.get(++i);
                    switch (o) {
                        case "crt" -> certificates.add(v);
                        case "alpn" -> alpn.addAll(Arrays.asList(v.split(",")));
                        default -> ciphers = v;
                    }
                }
                case "crt-list" -> {
                    problems.unsupported(d, "bind: 'crt-list' is not supported (ignored); use crt");
                    i++;
                }
                default -> {
                    if (TLS_FLAGS.contains(o)) {
                        options.add(o);
                    } else if (TLS_WITH_ARG.contains(o) || SILENT_WITH_ARG.contains(o)) {
                        if (!hasNext) {
                            problems.error(d, "'" + o + "' needs an argument");
                            return null;
                        }
                        String v = args.get(++i);
                        if (TLS_WITH_ARG.contains(o)) {
                            options.add(o + " " + v);
                        }
                    } else if (o.equals("expose-fd") || SILENT_FLAGS.contains(o)) {
                        if (o.equals("expose-fd") && hasNext) {
                            i++;
                        }
                    } else {
                        problems.unsupported(d, "bind: option '" + o + "' is not supported (ignored)");
                    }
                }
            }
        }
        FrontendTls tls = null;
        if (ssl) {
            if (certificates.isEmpty()) {
                problems.error(d, "'ssl' needs at least one 'crt FILE'");
                return null;
            }
            tls = new FrontendTls(certificates, alpn, ciphers, options);
        } else if (!certificates.isEmpty()) {
            problems.warn(d, "'crt' without 'ssl': the bind stays plain (as in HAProxy)");
        }
        return new BindSpec(addresses, tls, acceptProxy);
    }

    private static List<BindAddress> addresses(String spec, Directive d, Problems problems) throws CompileError {
        if (spec.startsWith("abns@")) {
            if (spec.length() == 5) {
                throw new CompileError("'abns@' needs a name");
            }
            return List.of(new BindAddress(spec, 0));
        }
        if (spec.startsWith("/") || spec.startsWith("unix@") || spec.startsWith("fd@")
                || spec.startsWith("sockpair@") || spec.startsWith("udp")) {
            problems.unsupported(d, "bind: address '" + spec + "' is not supported (ignored)");
            return List.of();
        }
        String s = spec;
        for (String prefix : FAMILY_PREFIXES) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
            }
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            throw new CompileError("address '" + spec + "' has no port (expected: HOST:PORT, *:PORT or :PORT)");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "*";
        }
        String ports = s.substring(colon + 1);
        int dash = ports.indexOf('-');
        // Port 0 (not in HAProxy) lets the OS choose a free port: tests bind 127.0.0.1:0 and read it back.
        int first = port(dash < 0 ? ports : ports.substring(0, dash), spec, dash < 0 ? 0 : 1);
        int last = dash < 0 ? first : port(ports.substring(dash + 1), spec, 1);
        if (last < first || last - first >= MAX_RANGE) {
            throw new CompileError("address '" + spec + "': bad port range (at most " + MAX_RANGE + " ports)");
        }
        List<BindAddress> out = new ArrayList<>();
        for (int p = first; p <= last; p++) {
            out.add(new BindAddress(host, p));
        }
        return out;
    }

    private static int port(String text, String spec, int min) throws CompileError {
        try {
            return Durations.integer(text, min, 65535, "port");
        } catch (CompileError e) {
            throw new CompileError("address '" + spec + "': bad port '" + text + "' (expected: " + min + "..65535)");
        }
    }
}
