package org.prooftrail.app;

import java.security.SecureRandom;

/**
 * Passwords made for people to copy from a terminal: 20 characters from an alphabet without look-alikes
 * (no 0/O, 1/l/I), about 113 bits, well past what the console's lock-out leaves an online guesser.
 */
final class RandomPasswords {
    static final int LENGTH = 20;
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomPasswords() {
    }

    static String generate() {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
