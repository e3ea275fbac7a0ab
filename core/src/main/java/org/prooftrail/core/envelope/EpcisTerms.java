package org.prooftrail.core.envelope;

import java.util.Locale;
import java.util.Optional;

/**
 * EPCIS vocabulary checks for values that come from elsewhere than an event, such as query
 * parameters: a query value must be something an event could hold, or the query cannot match.
 */
public final class EpcisTerms {
    private static final String[] BIZ_STEP_PREFIXES = {"urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-",
        "http://ref.gs1.org/cbv/BizStep-", "cbv:BizStep-"};
    private static final String[] DISPOSITION_PREFIXES = {"urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-",
        "http://ref.gs1.org/cbv/Disp-", "cbv:Disp-"};
    private static final String[] MEASUREMENT_PREFIXES = {"gs1:", "https://gs1.org/voc/", "http://gs1.org/voc/"};

    private EpcisTerms() {
    }

    /** An absolute URI, as EPCs, locations and event IDs are. */
    public static boolean isUri(String text) {
        return JsonChecks.isAbsoluteUri(text);
    }

    /** The value as events store it (a CBV short name, or another URI), or empty when it cannot be a bizStep. */
    public static Optional<String> bizStep(String text) {
        return vocabulary(text, EpcisVocabulary.BIZ_STEPS, BIZ_STEP_PREFIXES);
    }

    public static Optional<String> disposition(String text) {
        return vocabulary(text, EpcisVocabulary.DISPOSITIONS, DISPOSITION_PREFIXES);
    }

    /** A sensor measurement type as events store it: a GS1 Web Vocabulary name, or a non-GS1 URI. */
    public static Optional<String> measurementType(String text) {
        for (String prefix : MEASUREMENT_PREFIXES) {
            if (text.startsWith(prefix) && EpcisVocabulary.MEASUREMENT_TYPES.contains(text.substring(prefix.length()))) {
                return Optional.of(text.substring(prefix.length()));
            }
        }
        if (EpcisVocabulary.MEASUREMENT_TYPES.contains(text) || EpcisVocabulary.isNonGs1WebVocUri(text)) {
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /** A UN/ECE recommendation 20 unit code such as CEL or KGM, as a sensor report's uom holds it. */
    public static boolean isUnitCode(String text) {
        return text.matches("[A-Z0-9]{2,3}");
    }

    private static Optional<String> vocabulary(String text, java.util.Set<String> names, String[] prefixes) {
        if (names.contains(text)) {
            return Optional.of(text);
        }
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                String name = text.substring(prefix.length()).toLowerCase(Locale.ROOT);
                return names.contains(name) ? Optional.of(name) : Optional.empty();
            }
        }
        return EpcisVocabulary.isOtherUri(text) ? Optional.of(text) : Optional.empty();
    }
}
