package org.prooftrail.store.alerts;

import java.util.Map;

/**
 * An alert to raise.
 *
 * @param kind    what happened, a lower-case word with hyphens ({@code second-sale}, {@code seq-gap}, {@code clone-warning})
 * @param subject what it is about: a pack by its Digital Link path, a device by {@code device/{id}}
 * @param orgId   the organisation whose product or device it concerns, or null
 * @param details the kind's own facts, as strings (null values are JSON nulls); kept in insertion order
 */
public record NewAlert(String kind, String subject, String orgId, Map<String, String> details) {
    public NewAlert {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]{0,63}")) {
            throw new IllegalArgumentException("an alert kind is a lower-case word with hyphens: " + kind);
        }
        if (subject == null || subject.isEmpty()) {
            throw new IllegalArgumentException("an alert names its subject");
        }
    }
}
