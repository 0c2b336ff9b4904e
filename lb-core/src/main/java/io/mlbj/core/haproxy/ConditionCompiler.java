package io.mlbj.core.haproxy;

import io.mlbj.core.routing.RequestCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles the words after {@code if}/{@code unless}: ACL names and anonymous ACLs {@code { ... }},
 * each optionally negated with {@code !}, ANDed when adjacent, ORed across {@code or}/{@code ||}.
 * Predefined ACLs: {@code TRUE}, {@code FALSE}, {@code HTTP}, {@code LOCALHOST}.
 */
final class ConditionCompiler {
    private ConditionCompiler() {}

    /**
     * The condition of a rule line: {@code words} from {@code if}/{@code unless} on (or empty for none).
     *
     * @param acls the named ACLs of the section
     */
    static RequestCondition compile(List<String> words, Map<String, RequestCondition> acls, Directive where,
                                    CompileContext ctx) throws CompileError {
        if (words.isEmpty()) {
            return RequestCondition.ALWAYS;
        }
        String kind = words.get(0);
        if (!kind.equals("if") && !kind.equals("unless")) {
            throw new CompileError("expected 'if' or 'unless' but found '" + kind + "'");
        }
        RequestCondition c = expression(words.subList(1, words.size()), acls, where, ctx);
        return kind.equals("if") ? c : new Conditions.Not(c);
    }

    private static RequestCondition expression(List<String> words, Map<String, RequestCondition> acls,
                                               Directive where, CompileContext ctx) throws CompileError {
        if (words.isEmpty()) {
            throw new CompileError("missing condition after if/unless");
        }
        List<RequestCondition> alternatives = new ArrayList<>();
        List<RequestCondition> terms = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            String w = words.get(i);
            if (w.equals("or") || w.equals("||")) {
                if (terms.isEmpty()) {
                    throw new CompileError("'" + w + "' without a condition before it");
                }
                alternatives.add(and(terms));
                terms = new ArrayList<>();
                i++;
                continue;
            }
            boolean negate = false;
            while (w.startsWith("!")) {
                negate = !negate;
                w = w.substring(1);
            }
            if (w.isEmpty()) {
                if (++i >= words.size()) {
                    throw new CompileError("'!' at the end of the condition");
                }
                w = words.get(i);
                if (w.startsWith("!")) {
                    throw new CompileError("'!' must be followed by an ACL");
                }
            }
            RequestCondition term;
            if (w.equals("{")) {
                int close = closing(words, i + 1);
                if (close < 0) {
                    throw new CompileError("anonymous ACL '{' without '}'");
                }
                term = AclCompiler.compile(words.subList(i + 1, close), where, ctx);
                i = close + 1;
            } else {
                term = named(w, acls);
                i++;
            }
            terms.add(negate ? new Conditions.Not(term) : term);
        }
        if (terms.isEmpty()) {
            throw new CompileError("condition ends with 'or'");
        }
        alternatives.add(and(terms));
        return alternatives.size() == 1 ? alternatives.get(0) : new Conditions.AnyOf(alternatives);
    }

    private static int closing(List<String> words, int from) {
        for (int i = from; i < words.size(); i++) {
            if (words.get(i).equals("}")) {
                return i;
            }
        }
        return -1;
    }

    private static RequestCondition and(List<RequestCondition> terms) {
        return terms.size() == 1 ? terms.get(0) : new Conditions.AllOf(terms);
    }

    private static RequestCondition named(String name, Map<String, RequestCondition> acls) throws CompileError {
        RequestCondition c = acls.get(name);
        if (c != null) {
            return c;
        }
        switch (name) {
            case "TRUE":
            case "HTTP":
                return RequestCondition.ALWAYS;
            case "FALSE":
                return new Conditions.Not(RequestCondition.ALWAYS);
            case "LOCALHOST":
                return new Conditions.Named(name, new Conditions.AddressMatch("src",
                        io.mlbj.core.routing.RequestView::clientAddress,
                        List.of(Network.parse("127.0.0.0/8"), Network.parse("::1"))));
            default:
                throw new CompileError("no ACL named '" + name + "'");
        }
    }
}
