package org.prooftrail.store.registry;

/** A device key as registered: which device and organisation it speaks for, and whether it still may. */
public record StoredKey(String kid, String deviceId, String orgId, String alg, String publicKeyPem, boolean revoked) {
}
