package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * Stores an EPCIS event row and its identifier rows, as {@link RowDerivation} derives them: the
 * JSON plus the columns lookups filter on, every identifier the event names with its role and, for a
 * transformation, the lots it made from which lots ({@link LotInputRows}).
 */
final class EventRows {
    private static final String INSERT_EVENT = "INSERT INTO epcis_event (event_id, hash_id, envelope_id, org_id, event_type, "
            + "action, event_time, event_time_zone_offset, biz_step, disposition, read_point, biz_location, doc) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT (event_id) DO NOTHING RETURNING id";
    private static final String INSERT_EPC = "INSERT INTO event_epc (event_id, epc, epc_key, role) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    private EventRows() {
    }

    /** @return 1 when stored, 0 when an event with the same eventID was already stored */
    static int insert(Connection c, EventRow event) throws SQLException {
        long id;
        try (PreparedStatement st = c.prepareStatement(INSERT_EVENT)) {
            st.setString(1, event.eventId());
            st.setString(2, event.hashId());
            st.setLong(3, event.envelopeId());
            st.setString(4, event.orgId());
            st.setString(5, event.eventType());
            st.setString(6, event.action());
            st.setTimestamp(7, Timestamp.from(event.eventTime()));
            st.setString(8, event.eventTimeZoneOffset());
            st.setString(9, event.bizStep());
            st.setString(10, event.disposition());
            st.setString(11, event.readPoint());
            st.setString(12, event.bizLocation());
            st.setString(13, event.doc().toString());
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement st = c.prepareStatement(INSERT_EPC)) {
            for (EpcRow row : event.epcs()) {
                st.setLong(1, id);
                st.setString(2, row.epc());
                st.setString(3, row.key());
                st.setString(4, row.role());
                st.addBatch();
            }
            st.executeBatch();
        }
        LotInputRows.insert(c, id, event);
        return 1;
    }
}
