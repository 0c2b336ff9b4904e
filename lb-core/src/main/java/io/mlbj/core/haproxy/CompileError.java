package io.mlbj.core.haproxy;

/** A directive argument that cannot be compiled; the interpreter adds the file and line. */
final class CompileError extends Exception {
    CompileError(String message) {
        super(message, null, false, false);
    }
}
