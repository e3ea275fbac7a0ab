package org.prooftrail.store.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.sdjwt.MemberDisclosures;
import org.prooftrail.core.sdjwt.SdJwtException;

/**
 * Rebuilds the events a share shows only in part (docs/custody.md, "Shares") from what was signed: the
 * issuer-signed JWT in {@code envelope.jws} and the disclosures kept beside it in {@code envelope.disclosures},
 * of which only those under the shared members are put in place ({@link MemberDisclosures}). A plain JWS
 * event has nothing concealed and is shown whole: its owner chose to share it. An event rebuilt so has
 * no event hash ID (a fingerprint of its withheld fields) and, when its eventID is withheld, is named by
 * its envelope ({@code urn:prooftrail:envelope:<device>:<seq>}). One statement for a page.
 */
final class PartnerViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row to rebuild: its envelope and the members shown. */
    record Asked(long envelopeId, Set<String> members) {
    }

    private record Signed(String jws, String device, long seq, List<String> disclosures) {
    }

    private PartnerViews() {
    }

    /** Replaces, in {@code rows}, each row asked for (by its index) with the event as the share shows it. */
    static void apply(Connection c, List<EventSearch.Row> rows, Map<Integer, Asked> asked) throws SQLException {
        Map<Long, Signed> signed = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement("SELECT v.id, v.jws, v.device_id, v.seq, "
                + "coalesce(v.disclosures, '{}') FROM envelope v WHERE v.id = ANY(?)")) {
            st.setArray(1, c.createArrayOf("bigint", asked.values().stream().map(Asked::envelopeId).toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    signed.put(rs.getLong(1), new Signed(new String(rs.getBytes(2), StandardCharsets.US_ASCII), rs.getString(3),
                            rs.getLong(4), Arrays.asList((String[]) rs.getArray(5).getArray())));
                }
            }
        }
        for (Map.Entry<Integer, Asked> a : asked.entrySet()) {
            Signed s = signed.get(a.getValue().envelopeId());
            if (s == null || s.disclosures().isEmpty()) {
                continue; // a plain JWS event: shared whole
            }
            EventSearch.Row r = rows.get(a.getKey());
            ObjectNode view = view(s, a.getValue().members());
            String eventId = view.has("eventID") ? r.eventId() : "urn:prooftrail:envelope:" + s.device() + ":" + s.seq();
            rows.set(a.getKey(), new EventSearch.Row(r.id(), eventId, null, view.toString(), r.recordTime(), r.sortTime()));
        }
    }

    /** The event with the shared members' disclosures in place; the public fields alone when those do not process. */
    private static ObjectNode view(Signed s, Set<String> members) {
        ObjectNode payload = payload(s.jws());
        try {
            return MemberDisclosures.event(payload, s.disclosures(), members);
        } catch (SdJwtException | RuntimeException e) {
            try {
                return MemberDisclosures.event(payload, new ArrayList<>(), Set.of());
            } catch (SdJwtException | RuntimeException again) {
                return JSON.createObjectNode();
            }
        }
    }

    private static ObjectNode payload(String jws) {
        String[] parts = jws.split("\\.", -1);
        try {
            JsonNode node = parts.length == 3 ? JSON.readTree(Base64Url.decode(parts[1])) : null;
            return node != null && node.isObject() ? (ObjectNode) node : JSON.createObjectNode();
        } catch (IOException | IllegalArgumentException e) {
            return JSON.createObjectNode();
        }
    }
}
