package org.prooftrail.store.registry;

/**
 * A new device with its first key, as a company registers it.
 *
 * @param description  free text for people, or null
 * @param location     the EPCIS location URI where the device sits, or null
 * @param alg          the JWS algorithm name the key signs with (EdDSA, ES256, SM2SM3)
 * @param publicKeyPem the public key, already parsed and checked against {@code alg}
 * @param readingsPublic whether anyone may fetch the proof bundles of its reading envelopes without a
 *                       token (its events never; docs/proofs.md)
 */
public record DeviceRegistration(String org, String id, String kind, String description, String location,
                                 String kid, String alg, String publicKeyPem, boolean readingsPublic) {
    /** A device whose readings are public, the default. */
    public DeviceRegistration(String org, String id, String kind, String description, String location,
                              String kid, String alg, String publicKeyPem) {
        this(org, id, kind, description, location, kid, alg, publicKeyPem, true);
    }
}
