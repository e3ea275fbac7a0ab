package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.log.TileBackfill;

/**
 * The global log as tiles (C2SP tlog-tiles): {@code log_tile} holds, per tile level and index, up to
 * 256 hashes of tree level {@code 8 * level}, so proofs and the anchorer's right edge come from a few
 * rows instead of every chunk root. A Java migration because an existing log is back-filled with its
 * own hash, SHA-256 or SM3, which SQL alone cannot compute.
 */
public class V14__log_tiles extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE log_tile (
                        level   smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
                        idx     bigint   NOT NULL CHECK (idx >= 0),
                        -- 1..256 hashes of 32 bytes (SHA-256 and SM3 alike); the right edge's row grows in place
                        hashes  bytea    NOT NULL CHECK (octet_length(hashes) BETWEEN 32 AND 8192
                                                         AND octet_length(hashes) % 32 = 0),
                        PRIMARY KEY (level, idx)
                    )""");
            st.execute("COMMENT ON TABLE log_tile IS 'The global log''s tiles (C2SP tlog-tiles): hashes of tree level 8*level "
                    + "from leaf idx*256*256^level on; full rows never change'");
            String hashAlg = null;
            try (ResultSet rs = st.executeQuery("SELECT min(hash_alg) FROM chunk WHERE log_index IS NOT NULL")) {
                if (rs.next()) {
                    hashAlg = rs.getString(1);
                }
            }
            if (hashAlg != null) {
                TileBackfill.run(c, MerkleHasher.byName(hashAlg));
            }
        }
    }
}
