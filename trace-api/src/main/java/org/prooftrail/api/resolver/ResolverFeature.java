package org.prooftrail.api.resolver;

import org.prooftrail.anchor.witness.Witnesses;
import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiSettings;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.evidence.EvidenceRoutes;
import org.prooftrail.api.excursion.ExcursionRoutes;
import org.prooftrail.api.limits.EndpointClass;
import org.prooftrail.api.limits.PublicLimits;
import org.prooftrail.api.limits.PublicRateLimit;
import org.prooftrail.api.page.ProofCheckRoutes;
import org.prooftrail.api.provenance.ProvenanceService;

/**
 * The consumer side of the API and what shares its logic: the resolver with the consumer page, the
 * server's proof check the page falls back on and the evidence document the page rechecks (all under
 * the budget of {@link EndpointClass#LOOKUP} per client), the
 * excursion report computed from the same custody windows and rule, and the unconfirmed claims about a
 * lot that the same assembly kept off its journey.
 */
public final class ResolverFeature implements ApiFeature, AutoCloseable {
    private final ApiContext context;
    private final PublicLimits limits;
    private ResolverRoutes resolver;

    public ResolverFeature(ApiContext context, PublicLimits limits) {
        this.context = context;
        this.limits = limits;
    }

    @Override
    public void mount(ApiMount m) {
        ResolverSettings settings = ResolverSettings.from(context.settings());
        PublicRateLimit limiter = limits.of(EndpointClass.LOOKUP);
        int lookupThreads = ApiSettings.from(context.settings(), 8080).lookupThreads();
        resolver = new ResolverRoutes(context.db(), context.reads().replica(), lookupThreads, settings, limiter,
                limits.of(EndpointClass.LOG), context.metrics());
        resolver.mount(m);
        Witnesses witnesses = context.witnesses();
        new ProofCheckRoutes(context.reads().replica(), context.logKey(), witnesses, limiter).mount(m);
        new EvidenceRoutes(context.reads().caughtUp(), new ProvenanceService(settings.epcBases()), limiter, witnesses,
                context.logKey()).mount(m);
        new ExcursionRoutes(context.reads().caughtUp(), new ProvenanceService(settings.epcBases())).mount(m);
        new org.prooftrail.api.provenance.ClaimRoutes(context.reads().caughtUp(), new ProvenanceService(settings.epcBases())).mount(m);
    }

    /** Writes the lookups the scan log still holds. */
    @Override
    public void close() {
        if (resolver != null) {
            resolver.close();
        }
    }
}
