package org.prooftrail.api.http;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Plans every statement of a lookup for its own parameters and the tables' present size. With the
 * driver's default, a statement run five times becomes a cached generic plan; one made while the
 * envelope table was small kept hashing the whole table after it had grown (a lookup went from 20 ms
 * to over 400 ms at 45,000 envelopes, measured by the growth benchmark). Planning each time costs
 * well under a millisecond here. The connection's setting is restored when it goes back to the pool.
 */
public final class CustomPlans implements AutoCloseable {
    private final PGConnection pg;
    private final int previous;

    private CustomPlans(PGConnection pg) {
        this.pg = pg;
        this.previous = pg.getPrepareThreshold();
        pg.setPrepareThreshold(0);
    }

    public static CustomPlans on(Connection c) throws SQLException {
        return new CustomPlans(c.unwrap(PGConnection.class));
    }

    @Override
    public void close() {
        pg.setPrepareThreshold(previous);
    }
}
