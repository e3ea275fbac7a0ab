package org.prooftrail.store.epcis;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which other organisations' events a partner may read through its shares (docs/custody.md, "Shares";
 * migration V36): events of a share's owner that name the shared lot (its own key, or the key of an item
 * the registry issued in it) or, for a product-wide share, any code of the product (its GTIN class, its
 * lots, its items). Only shares neither revoked nor expired count, read at the moment of the statement,
 * so revoking hides the events from the next query on.
 *
 * <p>{@link #CTE} is a WITH list over one parameter (the partner's organisation) ending in
 * {@code shared(event_id, fields)}: one row per event and share covering it, {@code fields} null when
 * the share shows every member. Every look-up in it is an index probe or range on {@code event_epc}'s key.
 */
public final class SharedEvents {
    private static final String GS1 = "'https://id.gs1.org/01/' || h.gtin";
    private static final String OWNED = " JOIN epcis_event e ON e.id = x.event_id AND e.org_id = h.owner_org";
    public static final String CTE = "held AS MATERIALIZED (SELECT owner_org, gtin, lot, lot_key, fields FROM epcis_share "
            + "WHERE grantee_org = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())), "
            + "shared AS MATERIALIZED ("
            // a lot share: the lot's own key...
            + "SELECT e.id AS event_id, h.fields FROM held h JOIN event_epc x ON x.epc_key = h.lot_key" + OWNED
            // ...and its items', whose serial the item's Digital Link holds encoded as keys are
            + " UNION ALL SELECT e.id, h.fields FROM held h JOIN item i ON i.gtin = h.gtin AND i.lot = h.lot "
            + "JOIN event_epc x ON x.epc_key = " + GS1 + " || '/21/' || substring(i.digital_link FROM '/21/([^/?#]*)$')" + OWNED
            // a product share: the GTIN class, and every key under /01/{gtin}/ ('/' + 1 is '0')
            + " UNION ALL SELECT e.id, h.fields FROM held h JOIN event_epc x ON h.lot IS NULL AND x.epc_key = " + GS1 + OWNED
            + " UNION ALL SELECT e.id, h.fields FROM held h JOIN event_epc x ON h.lot IS NULL "
            + "AND x.epc_key COLLATE \"C\" >= (" + GS1 + " || '/') COLLATE \"C\" "
            + "AND x.epc_key COLLATE \"C\" < (" + GS1 + " || '0') COLLATE \"C\"" + OWNED + ")";
    /**
     * Over {@code e} (an event of another organisation that {@code shared} covers): null when some share
     * shows it whole, else the members the shares show (a union).
     */
    public static final String FIELDS = "CASE WHEN EXISTS (SELECT 1 FROM shared sh WHERE sh.event_id = e.id AND sh.fields IS NULL) "
            + "THEN NULL ELSE ARRAY(SELECT DISTINCT f FROM shared sh, unnest(sh.fields) f WHERE sh.event_id = e.id) END";

    private SharedEvents() {
    }

    /**
     * Which of the events (by {@code epcis_event.event_id}) the partner's shares cover, with the members
     * shown (an empty set when a share shows them whole is told apart by {@link Covered#whole()}).
     */
    public static Map<String, Covered> covering(Connection c, String partner, Collection<String> eventIds) throws SQLException {
        Map<String, Covered> out = new HashMap<>();
        if (eventIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement("WITH " + CTE + " SELECT e.event_id, " + FIELDS
                + " FROM epcis_event e WHERE e.event_id = ANY(?) AND e.id IN (SELECT event_id FROM shared)")) {
            st.setString(1, partner);
            st.setArray(2, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), covered(rs.getArray(2)));
                }
            }
        }
        return out;
    }

    static Covered covered(Array fields) throws SQLException {
        return fields == null ? Covered.WHOLE
                : new Covered(false, new LinkedHashSet<>(Arrays.asList((String[]) fields.getArray())));
    }

    /** What a share shows of one event: all of it, or the disclosures under some top-level members. */
    public record Covered(boolean whole, Set<String> members) {
        public static final Covered WHOLE = new Covered(true, Set.of());
    }
}
