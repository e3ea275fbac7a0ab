package org.prooftrail.store.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Reads the certificates column of {@link CodeIdentity}: a JSON array of {id, gtin, lot, content}, or null. */
final class LotCertificates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LotCertificates() {
    }

    static List<LotCertificate> parse(String array) {
        List<LotCertificate> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        try {
            for (JsonNode c : JSON.readTree(array)) {
                out.add(new LotCertificate(c.path("id").asText(), c.path("gtin").asText(), c.path("lot").asText(),
                        c.path("content")));
            }
        } catch (JsonProcessingException e) {
            // PostgreSQL wrote it with jsonb_agg: unreadable JSON here is a bug, not data to skip.
            throw new IllegalStateException("certificates column is not JSON", e);
        }
        return out;
    }
}
