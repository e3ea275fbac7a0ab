package org.prooftrail.core.trace;

import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises the farm events a backward trace reports at a harvest lot's plot. CBV 2.0 has no
 * business steps for planting or for applying pesticide or fertiliser, so deployments use their own
 * URIs; what counts is the last word of the bizStep URI (after '/', '#', ':' or '-'), or, for input
 * applications, an extension member whose local name is {@code inputApplication}.
 */
public final class FarmSteps {
    private static final Set<String> PLANTING = Set.of("planting", "sowing", "transplanting");
    private static final Set<String> INPUT = Set.of("input_application", "applying", "spraying", "fertilising",
            "fertilizing", "pesticide_application", "fertiliser_application", "fertilizer_application");
    private static final Set<String> HARVEST = Set.of("harvesting", "harvest");
    private static final Set<String> SHIPPING = Set.of("shipping", "departing");
    private static final Set<String> RECEIVING = Set.of("receiving", "arriving", "accepting");

    /** The farm-relevant kind of an event. */
    public enum Kind {
        PLANTING, INPUT_APPLICATION, HARVEST, OTHER
    }

    private FarmSteps() {
    }

    /** @param memberNames the event's top-level member names (extensions included) */
    public static Kind classify(String bizStep, Iterator<String> memberNames) {
        String word = lastWord(bizStep);
        if (PLANTING.contains(word)) {
            return Kind.PLANTING;
        }
        if (INPUT.contains(word)) {
            return Kind.INPUT_APPLICATION;
        }
        while (memberNames.hasNext()) {
            String name = memberNames.next();
            if (lastWord(name).equals("inputapplication")) {
                return Kind.INPUT_APPLICATION;
            }
        }
        return HARVEST.contains(word) ? Kind.HARVEST : Kind.OTHER;
    }

    public static boolean isShipping(String bizStep) {
        return SHIPPING.contains(lastWord(bizStep));
    }

    public static boolean isReceiving(String bizStep) {
        return RECEIVING.contains(lastWord(bizStep));
    }

    static String lastWord(String uri) {
        if (uri == null) {
            return "";
        }
        int cut = Math.max(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('#')), Math.max(uri.lastIndexOf(':'), uri.lastIndexOf('-')));
        return uri.substring(cut + 1).toLowerCase(Locale.ROOT);
    }
}
