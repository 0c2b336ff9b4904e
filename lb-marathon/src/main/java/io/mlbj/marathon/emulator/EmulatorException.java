package io.mlbj.marathon.emulator;

/** A request the emulated Marathon refuses, with the HTTP status Marathon would answer. */
public final class EmulatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** Creates a refusal; {@code message} goes into Marathon's {@code {"message": ...}} body. */
    public EmulatorException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
