package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/** Refused messages: reason, detail, topic and the first bytes, so nothing disappears silently. */
final class RejectRows {
    /** Enough of a payload to see what it was; the whole of it could be an attack. */
    static final int HEAD_BYTES = 512;

    private RejectRows() {
    }

    static void insert(Connection c, List<RefusedMessage> refused) throws SQLException {
        if (refused.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO rejected_message "
                + "(topic, reason, detail, device_id, payload_size, payload_head) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (RefusedMessage r : refused) {
                byte[] payload = r.payload();
                st.setString(1, clean(r.origin().label(), 512));
                st.setString(2, r.reason().name());
                st.setString(3, clean(r.detail(), 2000));
                st.setString(4, clean(r.deviceId(), 128));
                st.setInt(5, payload.length);
                st.setBytes(6, Arrays.copyOf(payload, Math.min(payload.length, HEAD_BYTES)));
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** PostgreSQL text cannot hold NUL; hostile topics and details are trimmed too. */
    private static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        String t = s.replace('\0', '\uFFFD');
        return t.length() <= max ? t : t.substring(0, max) + "...";
    }
}
