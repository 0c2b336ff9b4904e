package io.mlbj.core.haproxy;

import io.mlbj.core.routing.HttpRule;
import io.mlbj.core.routing.RequestCondition;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of one phase of one section, in order. An {@code allow} (or {@code accept}) stops the
 * rules after it, so it is not kept as a rule: every later rule gets {@code !allowCondition} ANDed to
 * its own condition, which is exactly HAProxy's evaluation.
 */
final class RuleList {
    private final List<HttpRule> rules = new ArrayList<>();
    private RequestCondition stop;

    void add(HttpRule rule) {
        if (stop == null) {
            rules.add(rule);
        } else {
            RequestCondition c = rule.condition() == RequestCondition.ALWAYS
                    ? new Conditions.Not(stop)
                    : new Conditions.AllOf(List.of(new Conditions.Not(stop), rule.condition()));
            rules.add(new HttpRule(rule.action(), c, rule.source()));
        }
    }

    /** Records {@code allow if condition}: later rules apply only when it does not hold. */
    void allow(RequestCondition condition) {
        stop = stop == null ? condition : new Conditions.AnyOf(List.of(stop, condition));
    }

    List<HttpRule> rules() {
        return rules;
    }
}
