package org.prooftrail.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;

/**
 * A pool opened for lookups plans every run of a statement for its parameters, also once the
 * driver has prepared it on the server under a name (after five runs); the default pool leaves the
 * server's choice, which turns to a cached generic plan.
 */
class DatabasePlanCacheTest {
    private static final int RUNS = 20;

    @Test
    void aLookupPoolForcesCustomPlansOnEveryConnection() throws SQLException {
        DatabaseSettings settings = TestServices.freshDatabase().withPoolSize(2);
        try (Database db = Database.open(settings, "pt-db-test", Database.PlanCache.FORCE_CUSTOM_PLAN);
             Connection a = db.connection(); Connection b = db.connection()) {
            assertEquals("force_custom_plan", show(a));
            assertEquals("force_custom_plan", show(b));
            long[] plans = runNamed(a);
            assertEquals(0, plans[0], "no generic plan under force_custom_plan");
            assertTrue(plans[1] >= RUNS - 5, "each run of the named statement was planned: " + plans[1]);
        }
    }

    @Test
    void aSiblingPoolPlansOnceAndIsLeasedThroughTheFirstOnesWrapper() throws SQLException {
        DatabaseSettings settings = TestServices.freshDatabase().withPoolSize(2);
        try (Database db = Database.open(settings, "pt-db-test", Database.PlanCache.FORCE_CUSTOM_PLAN);
             Database generic = db.sibling("pt-db-test-generic", Database.PlanCache.FORCE_GENERIC_PLAN, 1)) {
            int[] leased = {0};
            db.wrapConnections(c -> {
                leased[0]++;
                return c;
            });
            try (Connection c = generic.connection()) {
                assertEquals("force_generic_plan", show(c));
                long[] plans = runNamed(c);
                assertEquals(0, plans[1], "no custom plan under force_generic_plan");
                assertTrue(plans[0] >= RUNS - 5, "the named statement ran its generic plan: " + plans[0]);
            }
            assertEquals(1, leased[0], "the sibling's connection went through the first pool's wrapper");
        }
    }

    @Test
    void theDefaultPoolLeavesTheServersChoice() throws SQLException {
        try (Database db = Database.open(TestServices.freshDatabase()); Connection c = db.connection()) {
            assertEquals("auto", show(c));
            assertTrue(runNamed(c)[0] > 0, "a cached generic plan is chosen after five custom ones");
        }
    }

    private static String show(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Runs one statement {@link #RUNS} times; returns its server-side statement's generic and custom plan counts. */
    private static long[] runNamed(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT /* plan-cache-probe */ count(*) FROM pg_class WHERE relpages > ?")) {
            for (int i = 0; i < RUNS; i++) {
                st.setInt(1, i);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT generic_plans, custom_plans "
                + "FROM pg_prepared_statements WHERE statement LIKE '%plan-cache-probe%' AND NOT from_sql")) {
            assertTrue(rs.next(), "the driver named the statement on the server after its prepare threshold");
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }
}
