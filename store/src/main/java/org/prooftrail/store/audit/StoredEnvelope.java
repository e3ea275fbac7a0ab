package org.prooftrail.store.audit;

import java.util.List;

/**
 * An envelope row as the audit reads it.
 *
 * @param orgId the organisation of the device it is stored under (null when that device is gone)
 * @param disclosures an SD-JWT envelope's stored disclosures, in the order received; empty for a plain JWS
 */
public record StoredEnvelope(long id, String deviceId, long seq, String orgId, byte[] jws, List<String> disclosures) {
    public StoredEnvelope {
        disclosures = List.copyOf(disclosures);
    }
}
