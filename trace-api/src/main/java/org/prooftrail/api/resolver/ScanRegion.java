package org.prooftrail.api.resolver;

import java.util.regex.Pattern;
import java.util.Locale;

/**
 * The coarse region a lookup is counted under in the scan log: a CDN's country header
 * ({@code CF-IPCountry}, else {@code X-Region}), never an IP address or anything else about the person.
 */
final class ScanRegion {
    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9-]{1,16}");

    private ScanRegion() {
    }

    /** The region a request names, or {@code unknown}; Cloudflare's XX (unknown) and T1 (Tor) count as unknown. */
    static String of(String cfCountry, String xRegion) {
        for (String h : new String[] {cfCountry, xRegion}) {
            if (h != null && REGION.matcher(h).matches() && !h.equalsIgnoreCase("XX") && !h.equalsIgnoreCase("T1")) {
                return h.toUpperCase(Locale.ROOT);
            }
        }
        return "unknown";
    }
}
