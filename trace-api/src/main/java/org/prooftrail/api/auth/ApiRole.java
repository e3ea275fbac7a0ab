package org.prooftrail.api.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * Who a token speaks for. A company reads and writes only its own organisation's data; a regulator
 * reads everything and writes nothing; an admin registers organisations and issues tokens.
 * Consumers need no token: what they see is public by design.
 */
public enum ApiRole {
    COMPANY, REGULATOR, ADMIN;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ApiRole> fromClaim(String value) {
        for (ApiRole r : values()) {
            if (r.claim().equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
