package org.prooftrail.core.crypto;

/**
 * A key in PEM or JWK form could not be read. The message says what was wrong so that whoever
 * registers the key can fix it; it never contains private key material.
 */
public final class KeyFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
