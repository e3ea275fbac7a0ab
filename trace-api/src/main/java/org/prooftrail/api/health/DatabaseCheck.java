package org.prooftrail.api.health;

import org.prooftrail.core.health.ReadinessCheck;
import org.prooftrail.core.storage.Database;

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
