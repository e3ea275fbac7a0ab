package org.prooftrail.store.registry;

import java.sql.SQLException;

/**
 * A registry write that clashes with a row already there: an id, key id, GTIN, China drug identifier or
 * lot that is taken, a retired product or lot asked for new lots or items, or a cold-chain rule that items
 * already depend on. {@link #field()} names the value at fault in the caller's words, so an API can
 * answer 409 pointing at it and a command line can print the message as it is.
 */
public final class RegistryConflict extends SQLException {
    /** PostgreSQL's unique_violation: what the database itself would have said. */
    static final String UNIQUE_VIOLATION = "23505";

    private final String field;

    public RegistryConflict(String field, String message) {
        super(message, UNIQUE_VIOLATION);
        this.field = field;
    }

    /** The request field that clashes: id, kid, gtin, cnDrugId, lot or serial. */
    public String field() {
        return field;
    }
}
