package org.prooftrail.store.envelopes;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Tells a database that is away (retry the same batch later) from a batch the database refuses
 * (split it and store the one refused message as a rejection).
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    public static boolean isTransient(SQLException e) {
        if (e instanceof SQLTransientException) {
            return true;
        }
        String state = e.getSQLState();
        if (state == null) {
            return true; // no answer from the server at all
        }
        // 08: connection, 53: resources, 57: operator intervention (shutdown), 40: serialization/deadlock
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40");
    }
}
