package org.prooftrail.api;

import java.util.ArrayList;
import java.util.List;
import org.prooftrail.api.alerts.AlertRoutes;
import org.prooftrail.api.audit.AuditRoutes;
import org.prooftrail.api.dispensing.DispensingRoutes;
import org.prooftrail.api.docs.DocsPage;
import org.prooftrail.api.limits.EndpointClass;
import org.prooftrail.api.limits.PublicLimits;
import org.prooftrail.api.epcis.EpcisRoutes;
import org.prooftrail.api.proof.ProofRoutes;
import org.prooftrail.api.proof.TileRoutes;
import org.prooftrail.api.registry.RegistryRoutes;
import org.prooftrail.api.resolver.ResolverFeature;
import org.prooftrail.api.trace.TraceRoutes;

/**
 * Every feature of the HTTP API. Writes go to the primary ({@link ApiContext#db()}); lookups, proofs,
 * queries and traces read where {@link ApiContext#reads()} says (streaming replicas when configured).
 */
public final class ApiFeatures {
    private ApiFeatures() {
    }

    public static List<ApiFeature> all(ApiContext c) {
        List<ApiFeature> features = new ArrayList<>();
        // every endpoint that answers without a token spends its client's budget of its class
        PublicLimits limits = PublicLimits.from(c.settings(), c.metrics());
        features.add(new ProofRoutes(c.reads().replica(), c.logKey(), c.hashAlg(), c.witnesses().displayNames(), limits));
        features.add(new TileRoutes(c.db(), c.hashAlg(), limits.of(EndpointClass.LOG)));
        features.add(new ResolverFeature(c, limits));
        features.add(new RegistryRoutes(c));
        EpcisRoutes epcis = new EpcisRoutes(c);
        features.add(epcis);
        features.add(new org.prooftrail.api.certificate.CertificateRoutes(c, epcis.attested(), limits.of(EndpointClass.LOOKUP)));
        // EPCIS named queries and webhook subscriptions
        features.add(new org.prooftrail.api.epcis.SubscriptionsFeature(c));
        features.add(new TraceRoutes(c.reads().caughtUp(), org.prooftrail.api.resolver.ResolverSettings.from(c.settings()).epcBases()));
        features.add(new DispensingRoutes(c.db(), c.metrics()));
        features.add(new AlertRoutes(c.db()));
        features.add(new AuditRoutes(c.db(), c.logKey(), c.hashAlg()));
        features.add(new org.prooftrail.api.audit.LogHealthRoutes(c.db(), c.witnesses()));
        features.add(new DocsPage(limits.of(EndpointClass.LOG)));
        features.add(new org.prooftrail.api.console.ConsoleFeature(c, limits.of(EndpointClass.SIGN_IN)));
        return features;
    }
}
