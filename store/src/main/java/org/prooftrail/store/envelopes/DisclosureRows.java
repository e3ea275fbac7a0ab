package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.prooftrail.core.sdjwt.SdDigests;

/**
 * The disclosures of SD-JWT envelopes, kept apart from the signed JWT in {@code envelope.jws}
 * (migration V29). Written with one statement per batch, in the batch's transaction.
 */
public final class DisclosureRows {
    private DisclosureRows() {
    }

    /** @param ids the stored envelopes' ids, in the order of {@code stored} */
    static void insert(Connection c, List<AcceptedEnvelope> stored, List<Long> ids) throws SQLException {
        List<Long> envelopeIds = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        List<String> disclosures = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            List<String> sent = stored.get(i).envelope().disclosures();
            for (int p = 0; p < sent.size(); p++) {
                envelopeIds.add(ids.get(i));
                positions.add(p);
                digests.add(SdDigests.digest(sent.get(p)));
                disclosures.add(sent.get(p));
            }
        }
        if (envelopeIds.isEmpty()) {
            return;
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO envelope_disclosure (envelope_id, position, digest, disclosure) "
                + "SELECT * FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[])")) {
            st.setArray(1, c.createArrayOf("bigint", envelopeIds.toArray()));
            st.setArray(2, c.createArrayOf("integer", positions.toArray()));
            st.setArray(3, c.createArrayOf("text", digests.toArray()));
            st.setArray(4, c.createArrayOf("text", disclosures.toArray()));
            st.executeUpdate();
        }
    }

    /** The disclosures stored with one envelope, in the order they were received. */
    public static List<String> of(Connection c, long envelopeId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT disclosure FROM envelope_disclosure WHERE envelope_id = ? ORDER BY position")) {
            st.setLong(1, envelopeId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The disclosures of several envelopes in one statement, each envelope's in the order received;
     * envelopes without any (plain JWS) are absent from the answer.
     */
    public static Map<Long, List<String>> of(Connection c, Collection<Long> envelopeIds) throws SQLException {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        if (envelopeIds.isEmpty()) {
            return out;
        }
        try (PreparedStatement st = c.prepareStatement("SELECT envelope_id, disclosure FROM envelope_disclosure "
                + "WHERE envelope_id = ANY(?) ORDER BY envelope_id, position")) {
            st.setArray(1, c.createArrayOf("bigint", envelopeIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }
}
