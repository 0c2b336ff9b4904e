package io.mlbj.core.haproxy;

import static java.util.Objects.requireNonNull;

import io.mlbj.core.routing.BackendSelector;
import io.mlbj.core.routing.RequestCondition;
import io.mlbj.core.routing.RequestView;
import io.mlbj.core.routing.RouteRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A frontend's {@code use_backend} rules prepared once per routing snapshot, answering exactly as
 * evaluating them in order does (HAProxy's first match) but without visiting every rule: each run of
 * consecutive rules whose condition hinges on an exact string match of one sample (marathon-lb's
 * {@code acl host_X hdr(host) -i NAME} + {@code use_backend X if host_X}, with or without a
 * {@code path_beg} ACL, and {@code { ssl_fc_sni NAME }}) becomes a hash map from that sample's value to
 * the rules naming it, in their order. Fixed backend names are resolved when the index is built.
 *
 * @param <B> what a backend name resolves to (the snapshot's {@code Backend})
 */
public final class UseBackendIndex<B> {
    private final List<Step<B>> steps;
    private final Function<String, B> backends;

    private UseBackendIndex(List<Step<B>> steps, Function<String, B> backends) {
        this.steps = steps;
        this.backends = backends;
    }

    /**
     * Prepares {@code rules}; {@code backends} resolves a backend name to the backend (null when there is
     * none of that name), once for fixed names and per request for dynamic ones.
     */
    public static <B> UseBackendIndex<B> of(List<RouteRule> rules, Function<String, B> backends) {
        requireNonNull(rules, "rules");
        requireNonNull(backends, "backends");
        List<Step<B>> steps = new ArrayList<>();
        HostRun<B> run = null;
        for (RouteRule rule : rules) {
            Entry<B> entry = entry(rule, backends);
            KeyedTerm keyed = KeyedTerm.of(rule.condition());
            if (keyed == null) {
                run = null;
                if (entry != null) {
                    steps.add(new Linear<>(rule.condition(), entry));
                }
                continue;
            }
            if (run == null || !run.accepts(keyed)) {
                run = new HostRun<>(keyed.match);
                steps.add(run);
            }
            if (entry != null) {
                run.add(keyed.keys, new Entry<>(keyed.residual, entry.fixed, entry.selector));
            }
        }
        return new UseBackendIndex<>(List.copyOf(steps), backends);
    }

    /** The backend of the first rule that holds for {@code request} and names an existing backend, or null. */
    public B route(RequestView request) {
        for (int i = 0; i < steps.size(); i++) {
            B b = steps.get(i).route(request, backends);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** Rules that became hash lookups (for tests and the notes). */
    public int indexedRules() {
        int n = 0;
        for (Step<B> s : steps) {
            if (s instanceof HostRun<B> r) {
                n += r.rules;
            }
        }
        return n;
    }

    // A rule whose fixed backend does not exist can never route (the linear walk falls through it).
    private static <B> Entry<B> entry(RouteRule rule, Function<String, B> backends) {
        if (rule.target() instanceof BackendSelector.FixedBackend fixed) {
            B b = backends.apply(fixed.backend());
            return b == null ? null : new Entry<>(null, b, null);
        }
        return new Entry<>(null, null, rule.target());
    }

    private interface Step<B> {
        B route(RequestView request, Function<String, B> backends);
    }

    /** A rule's target after the keyed term held: {@code residual} (or null) must hold too. */
    private record Entry<B>(RequestCondition residual, B fixed, BackendSelector selector) {
        B route(RequestView request, Function<String, B> backends) {
            if (residual != null && !residual.matches(request)) {
                return null;
            }
            return fixed != null ? fixed : backends.apply(selector.select(request));
        }
    }

    private record Linear<B>(RequestCondition condition, Entry<B> entry) implements Step<B> {
        @Override
        public B route(RequestView request, Function<String, B> backends) {
            return condition.matches(request) ? entry.route(request, backends) : null;
        }
    }

    /** Consecutive rules keyed by the same sample (same fetch text and case rule), by key value. */
    private static final class HostRun<B> implements Step<B> {
        private final String fetch;
        private final Function<RequestView, String> sample;
        private final boolean ignoreCase;
        private final Map<String, List<Entry<B>>> byKey = new HashMap<>();
        private int rules;

        HostRun(Conditions.StringMatch first) {
            this.fetch = first.fetch();
            this.sample = first.sample();
            this.ignoreCase = first.ignoreCase();
        }

        boolean accepts(KeyedTerm keyed) {
            return keyed.match.fetch().equals(fetch) && keyed.match.ignoreCase() == ignoreCase;
        }

        void add(Set<String> keys, Entry<B> entry) {
            rules++;
            for (String k : keys) {
                byKey.computeIfAbsent(k, x -> new ArrayList<>(1)).add(entry);
            }
        }

        @Override
        public B route(RequestView request, Function<String, B> backends) {
            String s = sample.apply(request);
            if (s == null) {
                return null;
            }
            // The same normalisation as StringMatch: its exact set holds lower-cased patterns under -i.
            List<Entry<B>> entries = byKey.get(ignoreCase ? s.toLowerCase(Locale.ROOT) : s);
            if (entries == null) {
                return null;
            }
            for (int i = 0; i < entries.size(); i++) {
                B b = entries.get(i).route(request, backends);
                if (b != null) {
                    return b;
                }
            }
            return null;
        }
    }

    /**
     * A condition seen as "the sample equals one of {@code keys}, and {@code residual} holds": a bare
     * exact string match, a named ACL of one, several {@code acl} lines of one name (OR of exact matches
     * on the same sample), or an AND whose first such term is one.
     */
    private record KeyedTerm(Conditions.StringMatch match, Set<String> keys, RequestCondition residual) {
        static KeyedTerm of(RequestCondition condition) {
            KeyedTerm whole = exact(condition);
            if (whole != null || !(condition instanceof Conditions.AllOf all)) {
                return whole;
            }
            List<RequestCondition> terms = all.terms();
            for (int i = 0; i < terms.size(); i++) {
                KeyedTerm t = exact(terms.get(i));
                if (t != null) {
                    List<RequestCondition> rest = new ArrayList<>(terms);
                    rest.remove(i);
                    // Terms have no side effects, so checking the keyed one first changes no outcome.
                    RequestCondition residual = rest.size() == 1 ? rest.get(0) : new Conditions.AllOf(rest);
                    return new KeyedTerm(t.match, t.keys, residual);
                }
            }
            return null;
        }

        private static KeyedTerm exact(RequestCondition c) {
            while (c instanceof Conditions.Named n) {
                c = n.condition();
            }
            if (c instanceof Conditions.StringMatch m) {
                return m.method() == MatchMethod.STR ? new KeyedTerm(m, m.exact(), null) : null;
            }
            if (c instanceof Conditions.AnyOf any && !any.terms().isEmpty()) {
                Conditions.StringMatch first = null;
                Set<String> keys = new LinkedHashSet<>();
                for (RequestCondition t : any.terms()) {
                    KeyedTerm k = exact(t);
                    if (k == null || k.residual != null || first != null && (!k.match.fetch().equals(first.fetch())
                            || k.match.ignoreCase() != first.ignoreCase())) {
                        return null;
                    }
                    first = first == null ? k.match : first;
                    keys.addAll(k.keys);
                }
                return new KeyedTerm(first, keys, null);
            }
            return null;
        }
    }
}
