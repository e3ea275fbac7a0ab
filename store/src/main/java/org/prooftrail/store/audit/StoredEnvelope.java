package org.prooftrail.store.audit;

/**
 * An envelope row as the audit reads it.
 *
 * @param orgId the organisation of the device it is stored under (null when that device is gone)
 */
public record StoredEnvelope(long id, String deviceId, long seq, String orgId, byte[] jws) {
}
