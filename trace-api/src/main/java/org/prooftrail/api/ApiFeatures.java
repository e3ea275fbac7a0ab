package org.prooftrail.api;

import java.util.ArrayList;
import java.util.List;
import org.prooftrail.api.proof.ProofRoutes;

/** Every feature of the HTTP API. */
public final class ApiFeatures {
    private ApiFeatures() {
    }

    public static List<ApiFeature> all(ApiContext c) {
        List<ApiFeature> features = new ArrayList<>();
        features.add(new ProofRoutes(c.db(), c.logKey(), c.hashAlg()));
        features.add(new org.prooftrail.api.trace.TraceRoutes(c.db()));
        features.add(new org.prooftrail.api.audit.AuditRoutes(c.db(), c.logKey(), c.hashAlg()));
        return features;
    }
}
