package org.prooftrail.store.envelopes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The disclosures of SD-JWT envelopes, kept beside the signed JWT in {@code envelope.jws}, in
 * {@code envelope.disclosures} (migration V38; {@code EnvelopeRows} writes them with the envelope).
 */
public final class DisclosureRows {
    private DisclosureRows() {
    }

    /** The disclosures stored with one envelope, in the order they were received. */
    public static List<String> of(Connection c, long envelopeId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT disclosures FROM envelope WHERE id = ? AND disclosures IS NOT NULL")) {
            st.setLong(1, envelopeId);
            try (ResultSet rs = st.executeQuery()) {
                if (rs.next()) {
                    out.addAll(Arrays.asList((String[]) rs.getArray(1).getArray()));
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
        try (PreparedStatement st = c.prepareStatement("SELECT id, disclosures FROM envelope "
                + "WHERE id = ANY(?) AND disclosures IS NOT NULL ORDER BY id")) {
            st.setArray(1, c.createArrayOf("bigint", envelopeIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), Arrays.asList((String[]) rs.getArray(2).getArray()));
                }
            }
        }
        return out;
    }
}
