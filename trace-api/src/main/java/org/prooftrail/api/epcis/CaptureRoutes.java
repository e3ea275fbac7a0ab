package org.prooftrail.api.epcis;

import org.prooftrail.api.ApiWorkers;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.api.http.Problems;
import org.prooftrail.core.envelope.EpcisDocuments;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.store.epcis.CaptureJobs;
import org.prooftrail.store.epcis.CaptureRefused;
import org.prooftrail.store.epcis.CaptureWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /epcis/capture} and {@code GET /epcis/capture/{captureID}} as GS1's REST bindings
 * describe them: the whole document is checked before the 202, storing runs as a job the sender
 * polls, and the capture limits are advertised in GS1 headers (also on {@code OPTIONS}).
 */
final class CaptureRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureRoutes.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Per-event errors kept in one job; the summary error still counts them all. */
    static final int MAX_EVENT_ERRORS = 1000;

    private final ApiWorkers workers;
    private final EpcisSettings settings;
    private final CaptureJobs jobs;
    private final AttestedCapture writer;
    private final BearerAuth auth;
    private final MeterRegistry metrics;

    CaptureRoutes(ApiWorkers workers, EpcisSettings settings, CaptureJobs jobs, AttestedCapture writer, BearerAuth auth,
                  MeterRegistry metrics) {
        this.metrics = metrics;
        this.workers = workers;
        this.settings = settings;
        this.jobs = jobs;
        this.writer = writer;
        this.auth = auth;
    }

    void limits(HttpServerResponse r) {
        r.putHeader("GS1-EPCIS-Version", "2.0.0").putHeader("GS1-CBV-Version", "2.0.0")
                .putHeader("GS1-EPCIS-Capture-Limit", Integer.toString(settings.captureLimit()))
                .putHeader("GS1-EPCIS-Capture-File-Size-Limit", Integer.toString(settings.fileSizeLimit()))
                .putHeader("GS1-Capture-Error-Behaviour", "rollback");
    }

    void options(RoutingContext ctx) {
        limits(ctx.response());
        ctx.response().setStatusCode(204).putHeader("Allow", "OPTIONS, GET, POST").end();
    }

    void capture(RoutingContext ctx) {
        limits(ctx.response());
        Principal p = BearerAuth.principal(ctx);
        String org = ctx.queryParams().contains("org") ? ctx.queryParams().get("org") : p.org();
        if (!auth.checkWrite(ctx, org)) {
            return;
        }
        String type = ctx.request().getHeader("content-type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json") && !media.equals("application/ld+json")) {
            Problems.send(ctx, 415, "send the EPCISDocument as application/json or application/ld+json, not "
                    + (type == null ? "without a content type" : "'" + media + "'"));
            return;
        }
        String behaviour = ctx.request().getHeader("GS1-Capture-Error-Behaviour");
        if (behaviour != null && !behaviour.equalsIgnoreCase("rollback") && !behaviour.equalsIgnoreCase("proceed")) {
            Problems.send(ctx, 400, "GS1-Capture-Error-Behaviour: send 'rollback' (all or nothing, the default) or "
                    + "'proceed' (store the valid events, refuse the others one by one)");
            return;
        }
        boolean proceed = behaviour != null && behaviour.equalsIgnoreCase("proceed");
        byte[] body = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (body.length > settings.fileSizeLimit()) {
            count("too_large");
            tooLarge(ctx, "the document is " + body.length + " bytes; the limit is " + settings.fileSizeLimit()
                    + " bytes (GS1-EPCIS-Capture-File-Size-Limit). Split it into several captures");
            return;
        }
        EpcisDocuments.Verdict verdict = proceed ? EpcisDocuments.checkEach(body, settings.captureLimit())
                : EpcisDocuments.check(body, settings.captureLimit());
        if (!(verdict instanceof EpcisDocuments.Valid) && !(verdict instanceof EpcisDocuments.Sorted)) {
            count(verdict instanceof EpcisDocuments.Invalid ? "invalid" : "too_large");
        }
        if (verdict instanceof EpcisDocuments.TooManyEvents many) {
            tooLarge(ctx, "the document has " + many.count() + " events; the limit is " + settings.captureLimit()
                    + " (GS1-EPCIS-Capture-Limit). Split it into several captures");
            return;
        }
        if (verdict instanceof EpcisDocuments.Invalid invalid) {
            Problems.send(ctx, 400, invalid.detail() + ". Nothing of this document was stored",
                    new JsonObject().put("type", "epcisException:ValidationException"));
            return;
        }
        if (verdict instanceof EpcisDocuments.Sorted sorted) {
            captureEach(ctx, p, org, sorted);
            return;
        }
        List<EpcisEvent> events = ((EpcisDocuments.Valid) verdict).events();
        String id = newCaptureId();
        workers.bulk().executeBlocking(() -> {
            if (!jobs.organisationExists(org)) {
                return Start.UNKNOWN_ORGANISATION;
            }
            List<String> stored = writer.alreadyStored(events);
            if (!stored.isEmpty()) {
                return new Start(stored);
            }
            jobs.create(id, org, p.subject(), events.size());
            return new Start(List.of());
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (ar.result() == Start.UNKNOWN_ORGANISATION) {
                Problems.send(ctx, 403, "organisation '" + org + "' is not registered; an administrator registers it first");
            } else if (!ar.result().duplicates().isEmpty()) {
                count("duplicate");
                Problems.send(ctx, 409, CaptureWriter.duplicateMessage(ar.result().duplicates()),
                        new JsonObject().put("type", "epcisException:ResourceAlreadyExistsException")
                                .put("eventIDs", new JsonArray(ar.result().duplicates().stream().limit(MAX_EVENT_ERRORS).toList())));
            } else {
                ctx.response().setStatusCode(202).putHeader("Location", "/epcis/capture/" + id)
                        .putHeader("content-type", "application/json")
                        .end(new JsonObject().put("captureID", id).put("running", true).put("eventCount", events.size()).encode());
                run(id, org, events);
            }
        });
    }

    /**
     * {@code GS1-Capture-Error-Behaviour: proceed}: events that are invalid or already stored are refused
     * one by one (each an error of the job with its {@code eventIndex}), the others stored as one chunk.
     * The job starts whatever is refused, so the sender reads every event's result in one place.
     */
    private void captureEach(RoutingContext ctx, Principal p, String org, EpcisDocuments.Sorted sorted) {
        String id = newCaptureId();
        int total = sorted.accepted().size() + sorted.refused().size();
        workers.bulk().executeBlocking(() -> {
            if (!jobs.organisationExists(org)) {
                return null;
            }
            List<EpcisEvent> valid = sorted.accepted().stream().map(EpcisDocuments.Placed::event).toList();
            Set<String> stored = new HashSet<>(writer.alreadyStored(valid));
            List<EpcisEvent> toStore = new ArrayList<>();
            TreeMap<Integer, JsonObject> refused = new TreeMap<>();
            sorted.refused().forEach(r -> refused.put(r.index(), refusal("epcisException:ValidationException", "Invalid event", 400,
                    r.detail(), r.index(), r.eventId())));
            for (EpcisDocuments.Placed e : sorted.accepted()) {
                String eventId = e.event().json().path("eventID").textValue();
                if (eventId != null && stored.contains(eventId)) {
                    refused.put(e.index(), refusal("epcisException:ResourceAlreadyExistsException", "Conflict", 409,
                            "eventID " + eventId + " is already stored; an EPCIS event is captured once", e.index(), eventId));
                } else {
                    toStore.add(e.event());
                }
            }
            jobs.create(id, org, p.subject(), total);
            return new Plan(toStore, List.copyOf(refused.values()));
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (ar.result() == null) {
                Problems.send(ctx, 403, "organisation '" + org + "' is not registered; an administrator registers it first");
            } else {
                ctx.response().setStatusCode(202).putHeader("Location", "/epcis/capture/" + id)
                        .putHeader("content-type", "application/json")
                        .end(new JsonObject().put("captureID", id).put("running", true).put("eventCount", total).encode());
                runEach(id, org, total, ar.result());
            }
        });
    }

    /** What a proceed capture stores, and the errors of the events it refused (in document order). */
    private record Plan(List<EpcisEvent> toStore, List<JsonObject> refused) {
    }

    private void runEach(String id, String org, int total, Plan plan) {
        JsonArray errors = new JsonArray();
        if (!plan.refused().isEmpty()) {
            errors.add(new JsonObject().put("type", "epcisException:ValidationException").put("title", "Events refused")
                    .put("status", 400).put("detail", plan.refused().size() + " of " + total + " events were refused; the other "
                            + plan.toStore().size() + " were stored"));
            plan.refused().stream().limit(MAX_EVENT_ERRORS).forEach(errors::add);
        }
        if (plan.toStore().isEmpty() && !plan.refused().isEmpty()) {
            count("invalid");
            workers.bulk().executeBlocking(() -> {
                jobs.fail(id, errors.encode());
                return null;
            }, false).onFailure(e -> LOG.error("capture {}: the failure could not be recorded", id, e));
            return;
        }
        run(id, org, plan.toStore(), errors.isEmpty() ? CaptureWriter.AlsoStore.NOTHING
                : c -> CaptureJobs.refusedSome(c, id, errors.encode()));
    }

    private static JsonObject refusal(String type, String title, int status, String detail, int index, String eventId) {
        JsonObject e = new JsonObject().put("type", type).put("title", title).put("status", status).put("detail", detail)
                .put("eventIndex", index);
        if (eventId != null) {
            e.put("eventID", eventId);
        }
        return e;
    }

    /** How a capture could start: a job, or eventIDs that are already stored. */
    private record Start(List<String> duplicates) {
        static final Start UNKNOWN_ORGANISATION = new Start(List.of());
    }

    private void run(String id, String org, List<EpcisEvent> events) {
        run(id, org, events, CaptureWriter.AlsoStore.NOTHING);
    }

    private void run(String id, String org, List<EpcisEvent> events, CaptureWriter.AlsoStore also) {
        workers.bulk().executeBlocking(() -> writer.storeUnderOwnPolicy(id, org, events, also), false).onComplete(ar -> {
            if (ar.succeeded()) {
                LOG.info("capture {} of {}: {} events stored in chunk {}", id, org, events.size(), ar.result());
                count("stored");
                metrics.counter("pt_epcis_captured_events_total").increment(events.size());
                return;
            }
            Throwable why = ar.cause();
            boolean duplicate = why instanceof CaptureRefused r && r.duplicate();
            if (why instanceof CaptureRefused) {
                LOG.info("capture {} of {} refused: {}", id, org, why.getMessage());
            } else {
                LOG.error("capture {} of {} failed", id, org, why);
            }
            count(duplicate ? "duplicate" : "failed");
            JsonObject error = new JsonObject()
                    .put("type", duplicate ? "epcisException:ResourceAlreadyExistsException" : "epcisException:ImplementationException")
                    .put("title", duplicate ? "Conflict" : "Capture failed")
                    .put("status", duplicate ? 409 : 500)
                    .put("detail", why instanceof CaptureRefused ? why.getMessage() : "the document could not be stored ("
                            + why.getClass().getSimpleName() + "); nothing of it was stored. Retry later");
            JsonArray errors = new JsonArray().add(error);
            if (why instanceof CaptureRefused r) {
                // One error per event that caused the refusal, so the sender can see which events to drop.
                r.eventIds().stream().limit(MAX_EVENT_ERRORS).forEach(eventId -> errors.add(new JsonObject()
                        .put("type", "epcisException:ResourceAlreadyExistsException").put("title", "Conflict").put("status", 409)
                        .put("detail", "eventID " + eventId + " is already stored").put("eventID", eventId)));
            }
            workers.bulk().executeBlocking(() -> {
                jobs.fail(id, errors.encode());
                return null;
            }, false).onFailure(e -> LOG.error("capture {}: the failure could not be recorded", id, e));
        });
    }

    void job(RoutingContext ctx) {
        limits(ctx.response());
        Principal p = BearerAuth.principal(ctx);
        String id = ctx.pathParam("captureID");
        String onlyOrg = p.role() == ApiRole.COMPANY ? p.org() : null;
        workers.queries().executeBlocking(() -> {
            var found = jobs.find(id, onlyOrg);
            if (found.isEmpty()) {
                return java.util.Optional.<JsonObject>empty();
            }
            var j = found.get();
            List<CaptureJobs.StoredEvent> stored = j.chunkId() == null ? List.of() : jobs.storedEvents(j.chunkId(), MAX_EVENT_ERRORS);
            return java.util.Optional.of(CaptureJobJson.of(j).put("events", CaptureJobJson.events(j, stored)));
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
            } else if (ar.result().isEmpty()) {
                Problems.send(ctx, 404, "no capture job " + id + " of your organisation");
            } else {
                ctx.response().putHeader("content-type", "application/json").end(ar.result().get().encode());
            }
        });
    }

    /**
     * {@code GET /epcis/capture}: the caller's capture jobs (a regulator's: all), newest first, each as
     * {@code GET /epcis/capture/{captureID}} shows it; paged with {@code Link: <...>; rel="next"}.
     */
    void list(RoutingContext ctx) {
        limits(ctx.response());
        Principal p = BearerAuth.principal(ctx);
        String onlyOrg = p.role() == ApiRole.COMPANY ? p.org() : null;
        int perPage = ctx.queryParams().contains("perPage") ? Integer.parseInt(ctx.queryParams().get("perPage")) : 30;
        CaptureJobs.Before before;
        try {
            before = before(ctx.queryParams().get("nextPageToken"));
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, "nextPageToken is not one this server issued; list again without it");
            return;
        }
        workers.queries().executeBlocking(() -> jobs.list(onlyOrg, before, perPage + 1), false).onComplete(ar -> {
            if (ar.failed()) {
                Problems.failed(ctx, ar.cause());
                return;
            }
            List<org.prooftrail.store.epcis.CaptureJob> found = ar.result();
            if (found.size() > perPage) {
                found = found.subList(0, perPage);
                var last = found.get(perPage - 1);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString((java.time.temporal.ChronoUnit.MICROS
                        .between(java.time.Instant.EPOCH, last.createdAt()) + ":" + last.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                ctx.response().putHeader("Link", "</epcis/capture?perPage=" + perPage + "&nextPageToken=" + token + ">; rel=\"next\"");
            }
            JsonArray out = new JsonArray();
            found.forEach(j -> out.add(CaptureJobJson.of(j)));
            ctx.response().putHeader("content-type", "application/json").end(out.encode());
        });
    }

    private static CaptureJobs.Before before(String token) {
        if (token == null) {
            return null;
        }
        String raw = new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
        int colon = raw.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("no cursor");
        }
        try {
            return new CaptureJobs.Before(Long.parseLong(raw.substring(0, colon)), raw.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("no cursor", e);
        }
    }

    /** Capture documents by outcome: stored, invalid, too_large, duplicate, failed. */
    private void count(String outcome) {
        metrics.counter("pt_epcis_captures_total", "outcome", outcome).increment();
    }

    private void tooLarge(RoutingContext ctx, String detail) {
        Problems.send(ctx, 413, detail, new JsonObject().put("type", "epcisException:CaptureLimitExceededException"));
    }

    private static String newCaptureId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
