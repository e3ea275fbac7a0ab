package org.prooftrail.ops;

import org.prooftrail.store.Database;

/** Ready when PostgreSQL answers a query. */
public record DatabaseCheck(Database database) implements ReadinessCheck {
    @Override
    public String name() {
        return "database";
    }

    @Override
    public String problem() {
        return database.ping() ? null : "PostgreSQL at " + database.settings().displayUrl() + " does not answer";
    }
}
