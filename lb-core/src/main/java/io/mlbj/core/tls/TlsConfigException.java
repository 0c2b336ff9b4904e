package io.mlbj.core.tls;

/**
 * A TLS setting or file that cannot be used; the message names the file (or setting) and says what
 * is wrong with it, so it can be shown to the operator as it is.
 */
public final class TlsConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message that already names the file or setting. */
    public TlsConfigException(String message) {
        super(message);
    }

    /** An error with a message that already names the file or setting, and its cause. */
    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
