package org.prooftrail.api;

/**
 * One feature of the HTTP API (proofs, resolver, EPCIS, trace, ...). It attaches its handlers to
 * operations of the OpenAPI contract, so every request it sees was already validated against it.
 */
public interface ApiFeature {
    void mount(ApiMount mount);
}
