package org.prooftrail.api.resolver;

import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiSettings;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.evidence.EvidenceRoutes;
import org.prooftrail.api.excursion.ExcursionRoutes;
import org.prooftrail.api.page.ProofCheckRoutes;
import org.prooftrail.api.provenance.ProvenanceService;

/**
 * The consumer side of the API and what shares its logic: the resolver with the consumer page, the
 * server's proof check the page falls back on and the evidence document the page rechecks (all under
 * one rate limit per client), the
 * excursion report computed from the same custody windows and rule, and the unconfirmed claims about a
 * lot that the same assembly kept off its journey.
 */
public final class ResolverFeature implements ApiFeature, AutoCloseable {
    private final ApiContext context;
    private ResolverRoutes resolver;

    public ResolverFeature(ApiContext context) {
        this.context = context;
    }

    @Override
    public void mount(ApiMount m) {
        ResolverSettings settings = ResolverSettings.from(context.settings());
        RateLimiter limiter = new RateLimiter(settings.perMinute(), ClientAddress.from(context.settings()), context.metrics());
        int lookupThreads = ApiSettings.from(context.settings(), 8080).lookupThreads();
        resolver = new ResolverRoutes(context.db(), lookupThreads, settings, limiter, context.metrics());
        resolver.mount(m);
        Witnesses witnesses = context.witnesses();
        new ProofCheckRoutes(context.db(), context.logKey(), witnesses, limiter).mount(m);
        new EvidenceRoutes(context.db(), new ProvenanceService(settings.epcBases()), limiter, witnesses).mount(m);
        new ExcursionRoutes(context.db(), new ProvenanceService(settings.epcBases())).mount(m);
        new org.prooftrail.api.provenance.ClaimRoutes(context.db(), new ProvenanceService(settings.epcBases())).mount(m);
    }

    /** Writes the lookups the scan log still holds. */
    @Override
    public void close() {
        if (resolver != null) {
            resolver.close();
        }
    }
}
