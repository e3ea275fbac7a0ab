package org.prooftrail.core.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Iterator;
import java.util.Map;

/**
 * Jackson set up for signed JSON: one reading of a document must be the only reading.
 *
 * <p>Duplicate member names are refused because parsers disagree on which one wins, and a signer
 * could show one value to one system and another to the next. Trailing content is refused for the
 * same reason. Nesting depth and number length are bounded inside the parser, before any tree exists.
 */
final class StrictJson {
    /** Longer numbers are not measurements; the limit keeps BigInteger parsing cheap. */
    static final int MAX_NUMBER_LENGTH = 100;
    /** Ends a problem report for text that is not Unicode at all, as opposed to merely unstorable. */
    static final String NOT_UNICODE = "contains an unpaired surrogate, so it is not Unicode text";

    private StrictJson() {
    }

    static ObjectMapper mapper(int maxDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(constraints(maxDepth))
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    }

    /**
     * A parser factory with the limits of {@link #mapper} that leaves duplicate member names to its
     * reader, for one-pass readers that know the members they expect: they find a repeated one with a
     * bit per member, where the parser keeps a set of names per object (a seventh of the CPU of
     * checking readings without the signature). Such a reader must also refuse trailing content itself.
     */
    static JsonFactory factoryWithoutDuplicateCheck(int maxDepth) {
        return JsonFactory.builder().streamReadConstraints(constraints(maxDepth)).build();
    }

    private static StreamReadConstraints constraints(int maxDepth) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build();
    }

    /** Whether {@link #unstorableText} would find nothing wrong with this string. */
    static boolean isStorable(String text) {
        return textProblem(text) == null;
    }

    /**
     * The first string (member name or value) that is not storable text, as {@code path: problem},
     * or null. Jackson accepts escaped lone surrogates ({@code "\ud800"}), which are not Unicode
     * text, and {@code "\u0000"}, which PostgreSQL refuses in text and jsonb.
     */
    static String unstorableText(JsonNode node) {
        if (node.isTextual()) {
            return textProblem(node.textValue());
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String problem = textProblem(field.getKey());
                if (problem != null) {
                    // The name itself is not repeated: it is exactly what cannot be shown safely.
                    return ": a member name" + problem.substring(1);
                }
                problem = unstorableText(field.getValue());
                if (problem != null) {
                    String here = Excerpt.path("", field.getKey());
                    return problem.startsWith("[") || problem.startsWith(":") ? here + problem : here + "." + problem;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String problem = unstorableText(node.get(i));
                if (problem != null) {
                    return "[" + i + "]" + (problem.startsWith("[") || problem.startsWith(":") ? "" : ".") + problem;
                }
            }
        }
        return null;
    }

    /** ": problem" for one string, or null. */
    private static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return ": contains U+0000, which cannot be stored";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return ": " + NOT_UNICODE;
            }
            if (Character.isLowSurrogate(c)) {
                return ": " + NOT_UNICODE;
            }
        }
        return null;
    }
}
