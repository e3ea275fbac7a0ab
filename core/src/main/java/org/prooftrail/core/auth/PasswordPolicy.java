package org.prooftrail.core.auth;

/**
 * Which console passwords are accepted: length over composition rules, as NIST SP 800-63B advises. At least
 * ten characters, since the lock-out only slows guessing online; at most 200, so hashing stays bounded; not
 * one character repeated.
 */
public final class PasswordPolicy {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;

    private PasswordPolicy() {
    }

    /** Null when {@code password} is acceptable, otherwise why not, in words to show its owner. */
    public static String problem(String password) {
        if (password == null || password.isEmpty()) {
            return "a password is required";
        }
        // characters as people count them: a Chinese character or an emoji is one
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return "the password must have at least " + MIN_LENGTH + " characters";
        }
        if (length > MAX_LENGTH) {
            return "the password must have at most " + MAX_LENGTH + " characters";
        }
        if (password.codePoints().distinct().count() == 1) {
            return "the password must not be one character repeated";
        }
        return null;
    }
}
