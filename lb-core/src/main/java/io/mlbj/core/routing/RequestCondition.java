package io.mlbj.core.routing;

/**
 * A compiled HAProxy condition ({@code if}/{@code unless} with ACLs, {@code or}, {@code !}).
 * Implementations are immutable and side-effect free; the interpreter builds them, the proxy calls them.
 */
@FunctionalInterface
public interface RequestCondition {
    /** The condition that always holds (a rule without {@code if}). */
    RequestCondition ALWAYS = request -> true;

    /** Whether the condition holds for this request. */
    boolean matches(RequestView request);
}
