package io.mlbj.core.tls;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What HAProxy's {@code ciphers} string and {@code ssl-default-bind-options} / bind options mean
 * for us, independent of the provider: the protocols to enable (only TLSv1.2 and TLSv1.3 are ever
 * enabled), the cipher names asked for in order, whether session tickets are allowed, and the
 * option words that have no effect here.
 *
 * @param protocols enabled protocols, strongest first, never empty
 * @param cipherNames cipher names (OpenSSL or IANA spelling) in the order given, without exclusions
 *     and without aliases such as {@code HIGH}; empty means "the provider's defaults"
 * @param cipherAliases cipher-string words that name groups or exclusions ({@code !aNULL}, {@code HIGH});
 *     these cannot be expanded for the JDK and are reported, not applied
 * @param sessionTickets false under {@code no-tls-tickets}
 * @param ignoredOptions option words that have no effect here
 */
public record TlsPolicy(
        List<String> protocols,
        List<String> cipherNames,
        List<String> cipherAliases,
        boolean sessionTickets,
        List<String> ignoredOptions) {

    /** TLS 1.3. */
    public static final String TLS_V13 = "TLSv1.3";
    /** TLS 1.2. */
    public static final String TLS_V12 = "TLSv1.2";

    public TlsPolicy {
        protocols = List.copyOf(requireNonNull(protocols, "protocols"));
        cipherNames = List.copyOf(requireNonNull(cipherNames, "cipherNames"));
        cipherAliases = List.copyOf(requireNonNull(cipherAliases, "cipherAliases"));
        ignoredOptions = List.copyOf(requireNonNull(ignoredOptions, "ignoredOptions"));
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("protocols: empty (expected: TLSv1.2 and/or TLSv1.3)");
        }
    }

    /** TLS 1.2 and 1.3 with the provider's ciphers and no options. */
    public static TlsPolicy defaults() {
        return parse(null, List.of());
    }

    /**
     * Interprets a cipher string ({@code a:b:!c}, null for none) and option words
     * ({@code no-sslv3 no-tlsv10 no-tls-tickets ssl-min-ver TLSv1.2 ...}; an element may hold several
     * words); fails with a {@link TlsConfigException} when no protocol is left.
     */
    public static TlsPolicy parse(String ciphers, List<String> options) {
        requireNonNull(options, "options");
        int min = 12;
        int max = 13;
        boolean tickets = true;
        List<String> ignored = new ArrayList<>();
        Iterator<String> words = splitWords(options).iterator();
        while (words.hasNext()) {
            String word = words.next();
            switch (word.toLowerCase(Locale.ROOT)) {
                // SSLv3, TLSv1.0 and TLSv1.1 are never enabled, so these hold already.
                case "no-sslv3", "no-tlsv10", "no-tlsv11" -> { }
                case "no-tlsv12" -> min = Math.max(min, 13);
                case "no-tlsv13" -> max = Math.min(max, 12);
                case "force-tlsv12" -> { min = Math.max(min, 12); max = Math.min(max, 12); }
                case "force-tlsv13" -> { min = Math.max(min, 13); max = Math.min(max, 13); }
                case "no-tls-tickets" -> tickets = false;
                case "ssl-min-ver", "ssl-max-ver" -> {
                    if (!words.hasNext()) {
                        throw new TlsConfigException("option " + word + ": missing version (expected: TLSv1.2 or TLSv1.3)");
                    }
                    String v = words.next();
                    int version = version(word, v);
                    if (word.equalsIgnoreCase("ssl-min-ver")) {
                        min = Math.max(min, version);
                    } else {
                        max = Math.min(max, version);
                    }
                }
                default -> ignored.add(word);
            }
        }
        List<String> protocols = new ArrayList<>(2);
        if (max >= 13 && min <= 13) {
            protocols.add(TLS_V13);
        }
        if (min <= 12 && max >= 12) {
            protocols.add(TLS_V12);
        }
        if (protocols.isEmpty()) {
            throw new TlsConfigException("options " + String.join(" ", splitWords(options))
                    + ": no protocol left (supported: TLSv1.2, TLSv1.3)");
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> aliases = new ArrayList<>();
        Set<String> excluded = new LinkedHashSet<>();
        if (ciphers != null) {
            for (String token : ciphers.split("[:,;\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                char first = token.charAt(0);
                if (first == '!' || first == '-') {
                    excluded.add(token.substring(1));
                    aliases.add(token);
                } else if (first == '+' || first == '@' || token.indexOf('+') >= 0 || isAlias(token)) {
                    aliases.add(token);
                } else {
                    names.add(token);
                }
            }
        }
        // An exclusion that names one suite exactly removes it; group exclusions (!aNULL) are no-ops
        // because only explicitly named suites are ever enabled.
        names.removeAll(excluded);
        return new TlsPolicy(protocols, List.copyOf(names), aliases, tickets, ignored);
    }

    private static int version(String option, String v) {
        return switch (v.toUpperCase(Locale.ROOT)) {
            case "SSLV3" -> 3;
            case "TLSV1.0" -> 10;
            case "TLSV1.1" -> 11;
            case "TLSV1.2" -> 12;
            case "TLSV1.3" -> 13;
            default -> throw new TlsConfigException("option " + option + " " + v
                    + ": unknown version (expected: SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3)");
        };
    }

    // OpenSSL cipher-string keywords: a suite name always contains a '-' or starts with TLS_/SSL_.
    private static boolean isAlias(String token) {
        return token.indexOf('-') < 0 && !token.startsWith("TLS_") && !token.startsWith("SSL_");
    }

    private static List<String> splitWords(List<String> options) {
        List<String> words = new ArrayList<>();
        for (String option : options) {
            for (String w : requireNonNull(option, "options[i]").trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
        }
        return words;
    }
}
