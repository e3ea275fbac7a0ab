package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.prooftrail.core.trace.TraceId;

/**
 * Rows of table {@code lot_input} for a stored TransformationEvent: every (output lot, input lot)
 * pair it names, lots read from any spelling (LGTIN class URN or Digital Link with a lot), so that
 * a lot's origins are an exact-key walk rather than a match over identifier spellings. Inputs or
 * outputs that are items or containers give no row: certificates are issued per lot.
 */
final class LotInputRows {
    private static final String INSERT = "INSERT INTO lot_input (gtin, lot, input_gtin, input_lot, event_id) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private LotInputRows() {
    }

    static void insert(Connection c, long eventRowId, EventRow event) throws SQLException {
        if (!"TransformationEvent".equals(event.eventType())) {
            return;
        }
        List<TraceId> inputs = lots(event, "input");
        List<TraceId> outputs = lots(event, "output");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            for (TraceId out : outputs) {
                for (TraceId in : inputs) {
                    if (in.key().equals(out.key())) {
                        continue;
                    }
                    st.setString(1, out.gtin());
                    st.setString(2, out.lot());
                    st.setString(3, in.gtin());
                    st.setString(4, in.lot());
                    st.setLong(5, eventRowId);
                    st.addBatch();
                }
            }
            st.executeBatch();
        }
    }

    /** The distinct lots the event names in one role. */
    static List<TraceId> lots(EventRow event, String role) {
        Set<String> seen = new LinkedHashSet<>();
        List<TraceId> lots = new ArrayList<>();
        for (EpcRow row : event.epcs()) {
            if (!row.role().equals(role)) {
                continue;
            }
            TraceId id = TraceId.ofStored(row.epc());
            if (id.kind() == TraceId.Kind.LOT && id.lot() != null && seen.add(id.key())) {
                lots.add(id);
            }
        }
        return lots;
    }
}
