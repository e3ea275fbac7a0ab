package org.prooftrail.core.envelope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an EPCIS 2.0 {@code EPCISDocument} as sent to a capture interface and checks all of it
 * before anything is stored: strict UTF-8 and JSON (no duplicate members, bounded depth), the
 * document members of GS1's schema (definition epcisDocument), and every event with the same event
 * rules as signed envelopes ({@link EpcisEventValidator}). Each valid event carries the document's
 * {@code @context} where that defines more than the EPCIS 2.0 context ({@link EpcisContext}). The verdict names the first bad field by
 * its JSON path, e.g. {@code epcisBody.eventList[3].bizStep: ...}, so a sender can fix it.
 */
public final class EpcisDocuments {
    /**
     * Each event is stored as a signed envelope, so it must fit the limits ingest puts on envelopes:
     * in a document an event sits two levels deeper than in an envelope (document, body and list
     * against payload), and its JSON must leave room for base64 and the envelope's other members.
     */
    public static final int MAX_DEPTH = EnvelopeLimits.DEFAULT_MAX_JSON_DEPTH + 2;
    public static final int MAX_EVENT_BYTES = EnvelopeLimits.DEFAULT_MAX_ENVELOPE_BYTES / 4 * 3 - 2048;
    private static final Set<String> DOCUMENT_MEMBERS = Set.of("@context", "id", "type", "schemaVersion",
            "creationDate", "instanceIdentifier", "sender", "receiver", "epcisHeader", "epcisBody");
    private static final ObjectMapper MAPPER = StrictJson.mapper(MAX_DEPTH);

    private EpcisDocuments() {
    }

    /** What a capture body turned out to be. */
    public sealed interface Verdict permits Valid, Invalid, TooManyEvents, Sorted {
    }

    /** Every event valid, in document order. */
    public record Valid(List<EpcisEvent> events) implements Verdict {
    }

    /** {@code detail} is {@code path: problem} for the first problem found. */
    public record Invalid(String detail) implements Verdict {
    }

    /**
     * The answer of {@link #checkEach}: a valid document whose events were judged one by one.
     *
     * @param accepted the valid events, in document order, with their places in the document
     * @param refused  the invalid ones, each with why
     */
    public record Sorted(List<Placed> accepted, List<Refusal> refused) implements Verdict {
    }

    /** A valid event and its index in the document's eventList. */
    public record Placed(int index, EpcisEvent event) {
    }

    /**
     * An event refused alone: its index, its eventID when it has a textual one (else null), and
     * {@code path: problem} for its first problem.
     */
    public record Refusal(int index, String eventId, String detail) {
    }

    /** More events than the capture limit; nothing else was checked. */
    public record TooManyEvents(int count) implements Verdict {
    }

    public static Verdict check(byte[] body, int maxEvents) {
        return check(body, maxEvents, false);
    }

    /**
     * Like {@link #check(byte[], int)}, but an invalid event refuses only itself (GS1's
     * {@code GS1-Capture-Error-Behaviour: proceed}): a valid document answers {@link Sorted}. A bad
     * document (not JSON, missing members, too many events) is still {@link Invalid} or
     * {@link TooManyEvents} as a whole.
     */
    public static Verdict checkEach(byte[] body, int maxEvents) {
        return check(body, maxEvents, true);
    }

    private static Verdict check(byte[] body, int maxEvents, boolean eachEvent) {
        int invalid = Utf8.firstInvalidByte(body);
        if (invalid >= 0) {
            return new Invalid("the body is not valid UTF-8 at byte " + invalid);
        }
        JsonNode doc;
        try {
            doc = MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            return new Invalid("the body exceeds a limit (nesting depth at most " + MAX_DEPTH + "): "
                    + Excerpt.line(e.getOriginalMessage().replaceFirst(",? from `[^`]*`", "")));
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? "" : " at byte " + e.getLocation().getByteOffset();
            return new Invalid("the body is not valid JSON" + at + ": " + Excerpt.line(e.getOriginalMessage()));
        } catch (IOException e) {
            return new Invalid("the body is not valid JSON: " + Excerpt.line(e.getMessage()));
        }
        if (doc == null || doc.isMissingNode()) {
            return new Invalid("the body is empty; send an EPCISDocument");
        }
        String unstorable = StrictJson.unstorableText(doc);
        if (unstorable != null) {
            return new Invalid(unstorable.startsWith(":") ? "document" + unstorable : unstorable);
        }
        return check(doc, maxEvents, eachEvent);
    }

    static Verdict check(JsonNode doc, int maxEvents) {
        return check(doc, maxEvents, false);
    }

    private static Verdict check(JsonNode doc, int maxEvents, boolean eachEvent) {
        if (!doc.isObject()) {
            return new Invalid("document: must be an EPCISDocument object, not " + JsonChecks.describe(doc));
        }
        Violations v = new Violations();
        JsonNode type = doc.get("type");
        if (type == null) {
            v.add("type", "is required and must be \"EPCISDocument\"");
        } else if (!"EPCISDocument".equals(type.textValue())) {
            v.add("type", (type.isTextual() ? Excerpt.quote(type.textValue()) : JsonChecks.describe(type))
                    + " is not \"EPCISDocument\"");
        }
        require(doc, "@context", v);
        require(doc, "schemaVersion", v);
        require(doc, "creationDate", v);
        require(doc, "epcisBody", v);
        if (v.first() != null) {
            return new Invalid(v.first());
        }
        EpcisFieldChecks.CONTEXT.check(doc.get("@context"), "@context", v);
        String version = JsonChecks.string(doc.get("schemaVersion"), "schemaVersion", v);
        if (version != null && !version.matches("\\d{1,9}(\\.\\d{1,9}){0,5}")) {
            v.add("schemaVersion", Excerpt.quote(version) + " is not a version like \"2.0\"");
        }
        JsonChecks.time(doc.get("creationDate"), "creationDate", v);
        for (String uri : new String[] {"id"}) {
            if (doc.has(uri)) {
                JsonChecks.uri(doc.get(uri), uri, v);
            }
        }
        for (String text : new String[] {"instanceIdentifier", "sender", "receiver"}) {
            if (doc.has(text)) {
                JsonChecks.string(doc.get(text), text, v);
            }
        }
        if (doc.has("epcisHeader") && !doc.get("epcisHeader").isObject()) {
            v.add("epcisHeader", "must be an object, not " + JsonChecks.describe(doc.get("epcisHeader")));
        }
        EpcisFieldChecks.extensionNames(doc, DOCUMENT_MEMBERS, "", v);
        JsonNode body = doc.get("epcisBody");
        if (!body.isObject()) {
            v.add("epcisBody", "must be an object, not " + JsonChecks.describe(body));
        } else if (!body.has("eventList")) {
            v.add("epcisBody.eventList", "is required");
        } else if (!body.get("eventList").isArray()) {
            v.add("epcisBody.eventList", "must be an array, not " + JsonChecks.describe(body.get("eventList")));
        }
        if (v.first() != null) {
            return new Invalid(v.first());
        }
        JsonNode list = body.get("eventList");
        if (list.size() > maxEvents) {
            return new TooManyEvents(list.size());
        }
        List<Placed> accepted = new ArrayList<>(list.size());
        List<Refusal> refused = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String problem = checkEvent(doc, list.get(i), i, ids, accepted);
            if (problem != null) {
                if (!eachEvent) {
                    return new Invalid(problem);
                }
                JsonNode id = list.get(i).path("eventID");
                refused.add(new Refusal(i, id.isTextual() ? id.textValue() : null, problem));
            }
        }
        if (eachEvent) {
            return new Sorted(accepted, refused);
        }
        return new Valid(accepted.stream().map(Placed::event).toList());
    }

    /**
     * Checks event {@code i}; a valid one is added to {@code accepted} and its eventID to {@code ids}.
     *
     * @return the first problem, or null when the event is valid
     */
    private static String checkEvent(JsonNode doc, JsonNode node, int i, Map<String, Integer> ids, List<Placed> accepted) {
        String path = "epcisBody.eventList[" + i + "]";
        Violations v = new Violations();
        EpcisEvent event = EpcisEventValidator.validate(node, path, v);
        if (event == null) {
            return v.first();
        }
        // Each event is stored and signed alone: it keeps the document's extension namespaces.
        event = EpcisContext.inherit(doc.get("@context"), event);
        int size = event.json().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size > MAX_EVENT_BYTES) {
            return path + ": the event is " + size + " bytes of JSON; at most " + MAX_EVENT_BYTES
                    + " per event (each is stored as a signed envelope of at most " + EnvelopeLimits.DEFAULT_MAX_ENVELOPE_BYTES
                    + " bytes). Split its lists over several events";
        }
        JsonNode id = event.json().get("eventID");
        if (id != null) {
            Integer earlier = ids.putIfAbsent(id.textValue(), i);
            if (earlier != null) {
                return path + ".eventID: " + Excerpt.quote(id.textValue())
                        + " is also the eventID of epcisBody.eventList[" + earlier + "]";
            }
        }
        accepted.add(new Placed(i, event));
        return null;
    }

    private static void require(JsonNode doc, String member, Violations v) {
        if (!doc.has(member)) {
            v.add(member, "is required");
        }
    }
}
