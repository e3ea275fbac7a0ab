package org.prooftrail.api.epcis;

import org.prooftrail.api.ApiContext;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.ingest.IngestSettings;
import org.prooftrail.ingest.store.BatchWriter;

/**
 * EPCIS 2.0 capture and query (GS1 REST bindings) over the same signed store as MQTT: captured
 * events become envelopes signed by the server's attestation key, in one chunk per document.
 */
public final class EpcisRoutes implements ApiFeature {
    private final CaptureJobs jobs;
    private final CaptureWriter writer;
    private final EventSearch search;
    private final PageToken tokens;
    private final EpcisSettings settings;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    public EpcisRoutes(ApiContext c) {
        this.settings = EpcisSettings.from(c.settings());
        this.metrics = c.metrics();
        ServerAttestation attestation = ServerAttestation.load(settings);
        long seqWindow = c.settings().integer(IngestSettings.SEQ_WINDOW, 1_000_000, 1, Integer.MAX_VALUE);
        BatchWriter batches = new BatchWriter(c.db().dataSource(), MerkleHasher.byName(c.hashAlg()), seqWindow);
        this.jobs = new CaptureJobs(c.db());
        this.writer = new CaptureWriter(c.db(), batches, attestation);
        this.search = new EventSearch(c.db());
        this.tokens = new PageToken(attestation.pageTokenKey());
    }

    @Override
    public void mount(ApiMount m) {
        CaptureRoutes capture = new CaptureRoutes(m.vertx(), settings, jobs, writer, m.auth(), metrics);
        QueryRoutes query = new QueryRoutes(m.vertx(), settings, search, tokens);
        // Discovery of the capture limits (GS1 bindings: OPTIONS /capture); the contract has no OPTIONS.
        m.plain().options("/epcis/capture").handler(capture::options);
        // The limits go on every capture response the bindings allow, refusals by role included.
        m.operation("captureEvents").addHandler(ctx -> {
            capture.limits(ctx.response());
            ctx.next();
        }).addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(capture::capture);
        m.operation("getCaptureJob").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(capture::job);
        m.operation("queryEvents").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(query::query);
        m.operation("getEvent").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(query::one);
        m.operation("getEventsForEpc").addHandler(m.auth().require(ApiRole.COMPANY, ApiRole.REGULATOR)).addHandler(query::forEpc);
    }
}
