package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.prooftrail.core.identifiers.EpcKey;

/**
 * Gives every {@code event_epc} row its canonical key ({@link EpcKey}: the canonical GS1 Digital
 * Link of an SGTIN, LGTIN, SSCC, ... in whatever spelling the event used), so that lookups probe one
 * key instead of every spelling and company-prefix split. A Java migration because the key is the
 * one core computes when a row is written: the back-fill must be that very rule, not a copy in SQL.
 * Each distinct identifier is keyed once; the plain index on {@code epc} gives way to one on the key
 * (the "C"-collation index on {@code epc} stays for lots carried inside Digital Links).
 */
public class V19__Event_epc_key extends BaseJavaMigration {
    private static final int BATCH = 10_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE event_epc ADD COLUMN epc_key text");
        }
        try (Statement read = c.createStatement();
             PreparedStatement update = c.prepareStatement("UPDATE event_epc x SET epc_key = k.key "
                     + "FROM unnest(?::text[], ?::text[]) AS k(epc, key) WHERE x.epc = k.epc")) {
            read.setFetchSize(BATCH);
            List<String> epcs = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = read.executeQuery("SELECT DISTINCT epc FROM event_epc")) {
                while (rs.next()) {
                    epcs.add(rs.getString(1));
                    keys.add(EpcKey.of(rs.getString(1)));
                    if (epcs.size() == BATCH) {
                        update(c, update, epcs, keys);
                    }
                }
            }
            update(c, update, epcs, keys);
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE event_epc ALTER COLUMN epc_key SET NOT NULL");
            // role and event_id ride along: a probe by key answers from the index alone
            s.execute("CREATE INDEX event_epc_key_idx ON event_epc (epc_key, role, event_id)");
            s.execute("DROP INDEX event_epc_epc_idx");
        }
    }

    private static void update(Connection c, PreparedStatement update, List<String> epcs, List<String> keys)
            throws SQLException {
        if (epcs.isEmpty()) {
            return;
        }
        Array e = c.createArrayOf("text", epcs.toArray());
        Array k = c.createArrayOf("text", keys.toArray());
        update.setArray(1, e);
        update.setArray(2, k);
        update.executeUpdate();
        epcs.clear();
        keys.clear();
    }
}
