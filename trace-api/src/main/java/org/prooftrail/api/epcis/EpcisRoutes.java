package org.prooftrail.api.epcis;

import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.core.envelope.SeqWindow;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.epcis.CaptureJobs;
import org.prooftrail.store.epcis.CaptureWriter;
import org.prooftrail.store.epcis.EventSearch;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.DisclosurePolicies;

/**
 * EPCIS 2.0 capture and query (GS1 REST bindings) over the same signed store as MQTT: captured
 * events become envelopes signed by the server's attestation key, in one chunk per document.
 */
public final class EpcisRoutes implements ApiFeature {
    private final CaptureJobs jobs;
    private final AttestedCapture writer;
    private final EventSearch search;
    private final PageToken tokens;
    private final EpcisSettings settings;
    private final io.micrometer.core.instrument.MeterRegistry metrics;
    private final AttestedEvents attested;

    public EpcisRoutes(ApiContext c) {
        this.settings = EpcisSettings.from(c.settings());
        this.metrics = c.metrics();
        ServerAttestation attestation = ServerAttestation.load(settings);
        BatchWriter batches = new BatchWriter(c.db().dataSource(), MerkleHasher.byName(c.hashAlg()), SeqWindow.from(c.settings()),
                SeqWindow.maxJump(c.settings()));
        this.jobs = new CaptureJobs(c.db().dataSource());
        this.writer = new AttestedCapture(new CaptureWriter(c.db().dataSource(), batches), attestation,
                new DeviceRegistry(c.db().dataSource()), new DisclosurePolicies(c.db().dataSource()));
        // queries read a replica once it holds every capture committed before they were asked (ReadPools)
        this.search = new EventSearch(c.reads().caughtUp().dataSource());
        this.tokens = new PageToken(attestation.pageTokenKey());
        this.attested = new AttestedEvents(jobs, writer);
    }

    /** The attested capture path for other features (one attestation key per process). */
    public AttestedEvents attested() {
        return attested;
    }

    @Override
    public void mount(ApiMount m) {
        CaptureRoutes capture = new CaptureRoutes(m.workers(), settings, jobs, writer, m.auth(), metrics);
        QueryRoutes query = new QueryRoutes(m.workers().queries(), settings, search, tokens);
        // Discovery of the capture limits (GS1 bindings: OPTIONS /capture); the contract has no OPTIONS.
        m.plain().options("/epcis/capture").handler(capture::options);
        // The limits go on every capture response the bindings allow, refusals by role included.
        m.operation("captureEvents").addHandler(ctx -> {
            capture.limits(ctx.response());
            ctx.next();
        }).addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(capture::capture);
        m.operation("listCaptureJobs").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(capture::list);
        m.operation("getCaptureJob").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(capture::job);
        m.operation("queryEvents").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(query::query);
        m.operation("getEvent").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(query::one);
        m.operation("getEventsForEpc").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(query::forEpc);
    }
}
