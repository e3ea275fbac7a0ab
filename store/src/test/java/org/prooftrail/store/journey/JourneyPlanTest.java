package org.prooftrail.store.journey;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/**
 * The journey statement, planned over 20,000 stored identifiers as the resolver plans it (one generic
 * plan): every access to event_epc is a probe of the key index per code, never a scan of the table.
 */
class JourneyPlanTest {

    @Test
    void everyCodeIsOneProbeOfTheKeyIndex() throws SQLException {
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO organisation (id, name) VALUES ('maker', 'Maker')");
                s.execute("INSERT INTO epcis_event (id, event_id, org_id, event_type, action, event_time, event_time_zone_offset, doc) "
                        + "SELECT n, 'e' || n, 'maker', CASE WHEN n % 10 = 0 THEN 'AggregationEvent' ELSE 'ObjectEvent' END, 'ADD', "
                        + "now() - n * interval '1 minute', '+00:00', '{}' FROM generate_series(1, 20000) n");
                s.execute("INSERT INTO event_epc (event_id, epc, epc_key, role) SELECT n, 'urn:x:' || n, "
                        + "'https://id.gs1.org/01/09521234543213/21/' || n, CASE WHEN n % 10 = 0 THEN 'child' ELSE 'epc' END "
                        + "FROM generate_series(1, 20000) n");
                s.execute("ANALYZE event_epc");
                s.execute("ANALYZE epcis_event");
                s.execute("SET plan_cache_mode = force_generic_plan");
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement st = c.prepareStatement("EXPLAIN " + JourneyEvents.SQL)) {
                    st.setArray(1, c.createArrayOf("int4", new Integer[] {0, 0}));
                    st.setArray(2, c.createArrayOf("text", new String[] {"https://id.gs1.org/01/09521234543213/21/10",
                            "https://id.gs1.org/01/09521234543213/10/L1"}));
                    st.setArray(3, c.createArrayOf("int4", new Integer[] {0, 1}));
                    st.setArray(4, c.createArrayOf("int4", new Integer[] {0}));
                    st.setArray(5, c.createArrayOf("text", new String[] {"maker"}));
                    st.setArray(6, c.createArrayOf("text", new String[] {"09521234543213"}));
                    st.setArray(7, c.createArrayOf("text", new String[] {"L1"}));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                assertTrue(plan.toString().contains("event_epc_key_idx"), plan.toString());
                assertFalse(plan.toString().contains("Seq Scan on event_epc"), plan.toString());
            }
        }
    }
}
