package org.prooftrail.ops;

import java.sql.Connection;
import java.sql.SQLException;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.CheckpointRows;

/**
 * Ready when the log's latest checkpoint can be read: every proof the API serves ends in it. An
 * empty log is ready (nothing anchored yet is not an outage); a schema the API cannot read is not.
 */
public record LogCheck(Database database) implements ReadinessCheck {
    @Override
    public String name() {
        return "log";
    }

    @Override
    public String problem() {
        try (Connection c = database.connection()) {
            CheckpointRows.latest(c);
            return null;
        } catch (SQLException e) {
            return "the log's checkpoints cannot be read: " + e.getMessage();
        }
    }
}
