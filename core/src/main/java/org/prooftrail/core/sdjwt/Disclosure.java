package org.prooftrail.core.sdjwt;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Objects;
import java.util.Set;
import org.prooftrail.core.crypto.Base64Url;

/**
 * One disclosure (RFC 9901 section 4.2): {@code [salt, name, value]} for an object member, or
 * {@code [salt, value]} for an array element, base64url-encoded; its digest is taken over that
 * encoded text, so the exact spelling chosen by the issuer is what is signed.
 *
 * @param encoded the disclosure as sent
 * @param name the member name, or null for an array element
 * @param value the disclosed value; shared, treat as read-only
 * @param digest base64url SHA-256 of {@code encoded}
 */
public record Disclosure(String encoded, String salt, String name, JsonNode value, String digest) {
    /** Names RFC 9901 reserves; a disclosure may not bring them in. */
    static final Set<String> RESERVED_NAMES = Set.of("_sd", "...");
    /** Disclosures are small; a bound keeps an unauthenticated one cheap to reject. */
    public static final int MAX_DEPTH = 32;

    private static final ObjectMapper READER = SdJson.strictMapper(MAX_DEPTH);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * The spelling of RFC 9901's examples (Python's json.dumps): ", " between elements, ": " after
     * names, no line breaks, UTF-8 as is. Any spelling is valid; this one reproduces the RFC's own
     * disclosures byte for byte, which is how the tests know ours are right.
     */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEntrySpacing(Separators.Spacing.AFTER)
            .withArrayValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultPrettyPrinter.NopIndenter())
            .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter()));

    public Disclosure {
        Objects.requireNonNull(encoded);
        Objects.requireNonNull(salt);
        Objects.requireNonNull(value);
        Objects.requireNonNull(digest);
    }

    /** A disclosure of member {@code name} with a fresh 128-bit salt. */
    public static Disclosure ofMember(String name, JsonNode value) {
        return create(SdDigests.salt(), Objects.requireNonNull(name), value);
    }

    /** A disclosure of an array element with a fresh 128-bit salt. */
    public static Disclosure ofElement(JsonNode value) {
        return create(SdDigests.salt(), null, value);
    }

    /** With a given salt: for tests against published examples; issuers use {@link #ofMember}/{@link #ofElement}. */
    public static Disclosure create(String salt, String name, JsonNode value) {
        if (name != null && RESERVED_NAMES.contains(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is reserved by RFC 9901 and cannot be disclosed");
        }
        ArrayNode array = MAPPER.createArrayNode().add(salt);
        if (name != null) {
            array.add(name);
        }
        array.add(value);
        String json;
        try {
            json = WRITER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        String encoded = Base64Url.encode(json.getBytes(UTF_8));
        return new Disclosure(encoded, salt, name, value, SdDigests.digest(encoded));
    }

    /** Reads a received disclosure; its digest is over {@code encoded} exactly as received. */
    public static Disclosure parse(String encoded) throws SdJwtException {
        byte[] json;
        try {
            json = Base64Url.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw malformed("is not base64url: " + e.getMessage());
        }
        try {
            UTF_8.newDecoder().decode(ByteBuffer.wrap(json));
        } catch (CharacterCodingException e) {
            throw malformed("is not UTF-8");
        }
        JsonNode array;
        try {
            array = READER.readTree(json);
        } catch (IOException e) {
            throw malformed("is not a JSON array: " + SdJson.oneLine(e));
        }
        if (array == null || !array.isArray() || (array.size() != 2 && array.size() != 3)) {
            throw malformed("must be a JSON array of [salt, name, value] or [salt, value]");
        }
        if (!array.get(0).isTextual() || array.get(0).textValue().isEmpty()) {
            throw malformed("salt must be a non-empty string");
        }
        String name = null;
        if (array.size() == 3) {
            if (!array.get(1).isTextual()) {
                throw malformed("member name must be a string");
            }
            name = array.get(1).textValue();
            if (RESERVED_NAMES.contains(name)) {
                throw malformed("discloses reserved name \"" + name + "\"");
            }
        }
        return new Disclosure(encoded, array.get(0).textValue(), name, array.get(array.size() - 1), SdDigests.digest(encoded));
    }

    public boolean isArrayElement() {
        return name == null;
    }

    private static SdJwtException malformed(String problem) {
        return new SdJwtException(SdJwtException.Problem.MALFORMED_DISCLOSURE, "disclosure " + problem);
    }
}
