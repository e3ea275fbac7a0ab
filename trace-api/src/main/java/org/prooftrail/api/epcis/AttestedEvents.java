package org.prooftrail.api.epcis;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.store.epcis.CaptureJobs;
import org.prooftrail.store.epcis.CaptureRefused;
import org.prooftrail.store.epcis.CaptureWriter;

/**
 * For other features of the API that record facts as events (certificates, their receipts): the same
 * server-attested path as {@code POST /epcis/capture}, run at once rather than as a polled job. Each
 * call is still a capture job of its own (so it is listed and audited like one), the events are signed
 * by the organisation's pseudo-device as SD-JWTs under the caller's disclosure policy, stored in one
 * chunk and so logged and provable, and {@code also} is written in the same transaction. Blocking.
 */
public final class AttestedEvents {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CaptureJobs jobs;
    private final AttestedCapture capture;

    AttestedEvents(CaptureJobs jobs, AttestedCapture capture) {
        this.jobs = jobs;
        this.capture = capture;
    }

    /**
     * @param subject who asked (the token's subject), kept with the job
     * @param policy what the SD-JWT envelopes keep in the clear, as for a capture
     *     (the organisation's own for a capture; a fixed one for published records)
     * @return the chunk that holds the events
     */
    public long store(String org, String subject, List<EpcisEvent> events, EpcisDisclosurePolicy policy,
                      CaptureWriter.AlsoStore also) throws SQLException, CaptureRefused {
        List<String> stored = capture.alreadyStored(events);
        if (!stored.isEmpty()) {
            throw new CaptureRefused(CaptureWriter.duplicateMessage(stored), true);
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String jobId = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jobs.create(jobId, org, subject, events.size());
        try {
            return capture.store(jobId, org, events, policy, also);
        } catch (SQLException | CaptureRefused | RuntimeException e) {
            // the job says what became of it, as a polled capture's would
            jobs.fail(jobId, new io.vertx.core.json.JsonArray().add(new io.vertx.core.json.JsonObject()
                    .put("type", "epcisException:ImplementationException").put("detail", String.valueOf(e.getMessage()))).encode());
            throw e;
        }
    }
}
