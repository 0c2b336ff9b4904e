package io.mlbj.core.routing;

/**
 * Chooses a backend name for a request: either a fixed name ({@code use_backend b}) or a dynamic one
 * ({@code use_backend %[req.hdr(host),lower,map(file)]}); returns null when it yields nothing.
 */
@FunctionalInterface
public interface BackendSelector {
    /** The backend name for this request, or null. */
    String select(RequestView request);

    /** A selector that always names {@code backend}. */
    static BackendSelector fixed(String backend) {
        java.util.Objects.requireNonNull(backend, "backend");
        return new FixedBackend(backend);
    }

    /** A selector that always names the same backend. */
    record FixedBackend(String backend) implements BackendSelector {
        @Override
        public String select(RequestView request) {
            return backend;
        }
    }
}
