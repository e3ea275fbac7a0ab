package org.prooftrail.ops;

import org.prooftrail.store.Database;

/** Ready when PostgreSQL answers a query; {@code name} tells the primary from the read replicas. */
public record DatabaseCheck(Database database, String name) implements ReadinessCheck {
    public DatabaseCheck(Database database) {
        this(database, "database");
    }

    @Override
    public String problem() {
        return database.ping() ? null : "PostgreSQL at " + database.settings().displayUrl() + " does not answer";
    }
}
