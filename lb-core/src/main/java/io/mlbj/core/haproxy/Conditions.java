package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.RequestCondition;
import io.mlbj.core.routing.RequestView;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * The compiled forms of HAProxy conditions. They are records so a router can look inside them (for
 * example index {@code hdr(host) -i NAME} rules by host) instead of calling every one in turn.
 */
public final class Conditions {
    private Conditions() {}

    /** Every term holds (HAProxy's implicit AND). */
    public record AllOf(List<RequestCondition> terms) implements RequestCondition {
        public AllOf { terms = List.copyOf(requireNonNull(terms, "terms")); }

        @Override
        public boolean matches(RequestView request) {
            for (RequestCondition t : terms) {
                if (!t.matches(request)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Some term holds ({@code or}, {@code ||}, and several {@code acl} lines of one name). */
    public record AnyOf(List<RequestCondition> terms) implements RequestCondition {
        public AnyOf { terms = List.copyOf(requireNonNull(terms, "terms")); }

        @Override
        public boolean matches(RequestView request) {
            for (RequestCondition t : terms) {
                if (t.matches(request)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** {@code !term}. */
    public record Not(RequestCondition term) implements RequestCondition {
        public Not { requireNonNull(term, "term"); }

        @Override
        public boolean matches(RequestView request) {
            return !term.matches(request);
        }
    }

    /** A named ACL ({@code acl NAME ...}), kept for readers of the model. */
    public record Named(String name, RequestCondition condition) implements RequestCondition {
        public Named { requireNonNull(name, "name"); requireNonNull(condition, "condition"); }

        @Override
        public boolean matches(RequestView request) {
            return condition.matches(request);
        }
    }

    /**
     * A string sample against patterns: {@code exact} holds the patterns (lower-cased when
     * {@code ignoreCase}) for {@link MatchMethod#STR}, {@code regexes} the compiled ones for REG.
     */
    public record StringMatch(String fetch, Function<RequestView, String> sample, MatchMethod method,
                              boolean ignoreCase, List<String> patterns, Set<String> exact, List<Pattern> regexes)
            implements RequestCondition {
        public StringMatch {
            requireNonNull(fetch, "fetch");
            requireNonNull(sample, "sample");
            requireNonNull(method, "method");
            patterns = List.copyOf(requireNonNull(patterns, "patterns"));
            exact = Set.copyOf(requireNonNull(exact, "exact"));
            regexes = List.copyOf(requireNonNull(regexes, "regexes"));
        }

        @Override
        public boolean matches(RequestView request) {
            String s = sample.apply(request);
            if (s == null) {
                return false;
            }
            switch (method) {
                case FOUND:
                    return true;
                case STR:
                    return exact.contains(ignoreCase ? s.toLowerCase(Locale.ROOT) : s);
                case REG:
                    for (Pattern p : regexes) {
                        if (p.matcher(s).find()) {
                            return true;
                        }
                    }
                    return false;
                case LEN:
                    for (String p : patterns) {
                        if (Integer.toString(s.length()).equals(p)) {
                            return true;
                        }
                    }
                    return false;
                default:
                    for (String p : patterns) {
                        if (matchesOne(s, p)) {
                            return true;
                        }
                    }
                    return false;
            }
        }

        private boolean matchesOne(String s, String p) {
            switch (method) {
                case BEG:
                    return s.regionMatches(ignoreCase, 0, p, 0, p.length());
                case END:
                    return s.regionMatches(ignoreCase, s.length() - p.length(), p, 0, p.length());
                case SUB:
                    return indexOf(s, p, 0) >= 0;
                case DOM:
                    return delimited(s, p, "/?.:");
                case DIR:
                    return delimited(s, p, "/?");
                default:
                    return false;
            }
        }

        private int indexOf(String s, String p, int from) {
            for (int i = from; i + p.length() <= s.length(); i++) {
                if (s.regionMatches(ignoreCase, i, p, 0, p.length())) {
                    return i;
                }
            }
            return -1;
        }

        private boolean delimited(String s, String p, String delimiters) {
            if (p.isEmpty()) {
                return false;
            }
            for (int i = indexOf(s, p, 0); i >= 0; i = indexOf(s, p, i + 1)) {
                int end = i + p.length();
                boolean before = i == 0 || delimiters.indexOf(s.charAt(i - 1)) >= 0
                        || delimiters.indexOf(p.charAt(0)) >= 0;
                boolean after = end == s.length() || delimiters.indexOf(s.charAt(end)) >= 0
                        || delimiters.indexOf(p.charAt(p.length() - 1)) >= 0;
                if (before && after) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A boolean sample ({@code ssl_fc}, {@code http_auth(list)}). */
    public record BooleanMatch(String fetch, Predicate<RequestView> sample) implements RequestCondition {
        public BooleanMatch { requireNonNull(fetch, "fetch"); requireNonNull(sample, "sample"); }

        @Override
        public boolean matches(RequestView request) {
            return sample.test(request);
        }
    }

    /** An integer sample in one of the ranges {@code [min, max]}. */
    public record IntegerMatch(String fetch, ToLongFunction<RequestView> sample, List<long[]> ranges)
            implements RequestCondition {
        public IntegerMatch {
            requireNonNull(fetch, "fetch");
            requireNonNull(sample, "sample");
            ranges = List.copyOf(requireNonNull(ranges, "ranges"));
        }

        @Override
        public boolean matches(RequestView request) {
            long v = sample.applyAsLong(request);
            for (long[] r : ranges) {
                if (v >= r[0] && v <= r[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An address sample ({@code src}) in one of the networks. */
    public record AddressMatch(String fetch, Function<RequestView, InetAddress> sample, List<Network> networks)
            implements RequestCondition {
        public AddressMatch {
            requireNonNull(fetch, "fetch");
            requireNonNull(sample, "sample");
            networks = List.copyOf(requireNonNull(networks, "networks"));
        }

        @Override
        public boolean matches(RequestView request) {
            InetAddress a = sample.apply(request);
            if (a == null) {
                return false;
            }
            for (Network n : networks) {
                if (n.contains(a)) {
                    return true;
                }
            }
            return false;
        }
    }
}
