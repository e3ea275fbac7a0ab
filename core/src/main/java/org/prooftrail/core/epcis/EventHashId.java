package org.prooftrail.core.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The EPCIS event hash ID of GS1's CBV 2.0 (section "Event hash ID"): a name for an event that anyone
 * holding the event can recompute, whatever its serialisation, so an event captured without an
 * {@code eventID} can still be found, and duplicates can be told apart from new events. It is the
 * SHA-256 of the event's pre-hash string (UTF-8), written as an RFC 6920 named-information URI:
 * {@code ni:///sha-256;<hex>?ver=CBV2.0}.
 *
 * <p>Member names and values written as CURIEs ({@code example:myField}) are expanded with the prefixes
 * of the EPCIS 2.0 JSON-LD context, then those the caller gives (a capture document's {@code @context}),
 * then those of the event's own {@code @context}; a prefix defined nowhere is hashed as written.
 *
 * @param preHash the canonical string that was hashed
 * @param uri     {@code ni:///sha-256;<64 lower-case hex digits>?ver=CBV2.0}
 */
public record EventHashId(String preHash, String uri) {
    public static final String VERSION = "CBV2.0";
    /** Prefixes the EPCIS 2.0 JSON-LD context (epcis-context.jsonld) defines for terms and values. */
    public static final Map<String, String> EPCIS_CONTEXT_PREFIXES = Map.of(
            "epcis", "https://ref.gs1.org/epcis/",
            "cbv", "https://ref.gs1.org/cbv/",
            "cbvmda", "urn:epcglobal:cbv:mda:",
            "gs1", "https://gs1.org/voc/",
            "rdfs", "http://www.w3.org/2000/01/rdf-schema#",
            "owl", "http://www.w3.org/2002/07/owl#",
            "xsd", "http://www.w3.org/2001/XMLSchema#",
            "dcterms", "http://purl.org/dc/terms/");
    private static final Pattern FORM = Pattern.compile("ni:///sha-256;[0-9a-f]{64}\\?ver=CBV\\d+\\.\\d+(\\.\\d+)?");

    public EventHashId {
        Objects.requireNonNull(preHash);
        Objects.requireNonNull(uri);
    }

    /** The hash ID of one EPCIS 2.0 event in JSON, with no prefixes beyond the standard ones and its own. */
    public static EventHashId of(JsonNode event) {
        return of(event, Map.of());
    }

    /** @param documentPrefixes prefixes the enclosing document's {@code @context} defines */
    public static EventHashId of(JsonNode event, Map<String, String> documentPrefixes) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("an EPCIS event is a JSON object");
        }
        Map<String, String> own = prefixes(event.get("@context"));
        Map<String, String> prefixes = EPCIS_CONTEXT_PREFIXES;
        if (!documentPrefixes.isEmpty() || !own.isEmpty()) { // most events define none: no copy then
            prefixes = new HashMap<>(EPCIS_CONTEXT_PREFIXES);
            prefixes.putAll(documentPrefixes);
            prefixes.putAll(own);
        }
        String preHash = new PreHash(prefixes).of(event);
        return new EventHashId(preHash, "ni:///sha-256;" + HexFormat.of().formatHex(sha256(preHash)) + "?ver=" + VERSION);
    }

    /** Whether {@code text} has the form of a SHA-256 event hash ID (any CBV version). */
    public static boolean looksLikeOne(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /** The term prefixes a JSON-LD {@code @context} (string, object or array of them) defines as plain IRIs. */
    public static Map<String, String> prefixes(JsonNode context) {
        Map<String, String> out = new HashMap<>();
        if (context == null) {
            return out;
        }
        if (context.isArray()) {
            context.forEach(c -> out.putAll(prefixes(c)));
        } else if (context.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = context.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && !e.getKey().startsWith("@")) {
                    out.put(e.getKey(), e.getValue().textValue());
                }
            }
        }
        return out;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
