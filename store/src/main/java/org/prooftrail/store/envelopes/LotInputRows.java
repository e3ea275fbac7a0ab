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
 * outputs that are items or containers give no row: certificates are issued per lot. Collected over a
 * batch's events and written in one statement.
 */
final class LotInputRows {
    private static final String INSERT = "INSERT INTO lot_input (gtin, lot, input_gtin, input_lot, event_id) "
            + "SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[]) ON CONFLICT DO NOTHING";

    private final List<String> gtins = new ArrayList<>();
    private final List<String> lots = new ArrayList<>();
    private final List<String> inputGtins = new ArrayList<>();
    private final List<String> inputLots = new ArrayList<>();
    private final List<Long> events = new ArrayList<>();

    /** Adds the rows of {@code event}, stored as {@code eventRowId}; none unless it is a transformation. */
    void add(long eventRowId, EventRow event) {
        if (!"TransformationEvent".equals(event.eventType())) {
            return;
        }
        List<TraceId> inputs = lots(event, "input");
        List<TraceId> outputs = lots(event, "output");
        for (TraceId out : outputs) {
            for (TraceId in : inputs) {
                if (in.key().equals(out.key())) {
                    continue;
                }
                gtins.add(out.gtin());
                lots.add(out.lot());
                inputGtins.add(in.gtin());
                inputLots.add(in.lot());
                events.add(eventRowId);
            }
        }
    }

    /** Stores the rows added, in one statement (none when there are none). */
    void insert(Connection c) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            st.setArray(1, c.createArrayOf("text", gtins.toArray()));
            st.setArray(2, c.createArrayOf("text", lots.toArray()));
            st.setArray(3, c.createArrayOf("text", inputGtins.toArray()));
            st.setArray(4, c.createArrayOf("text", inputLots.toArray()));
            st.setArray(5, c.createArrayOf("bigint", events.toArray()));
            st.executeUpdate();
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
