package org.prooftrail.api.console;

import java.util.Locale;

/**
 * WCAG 2.x contrast between two opaque sRGB colours: the relative luminance of each and the ratio
 * (L1 + 0.05) / (L2 + 0.05), lighter over darker, from 1 (same colour) to 21 (black on white).
 */
final class WcagContrast {
    private WcagContrast() {
    }

    /** The ratio of two colours written as {@code #rgb} or {@code #rrggbb}. */
    static double ratio(String a, String b) {
        double la = relativeLuminance(a);
        double lb = relativeLuminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double relativeLuminance(String hex) {
        int[] rgb = rgb(hex);
        return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    }

    // WCAG 2.0 and 2.1 print 0.03928 as the threshold, 2.2 the sRGB standard's 0.04045: no 8-bit channel
    // value lies between the two, so either gives the same luminance
    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int[] rgb(String hex) {
        String h = hex.trim().toLowerCase(Locale.ROOT);
        if (!h.matches("#([0-9a-f]{3}|[0-9a-f]{6})")) {
            throw new IllegalArgumentException("not an opaque hex colour: " + hex);
        }
        if (h.length() == 4) {
            h = "#" + h.charAt(1) + h.charAt(1) + h.charAt(2) + h.charAt(2) + h.charAt(3) + h.charAt(3);
        }
        return new int[] {Integer.parseInt(h.substring(1, 3), 16), Integer.parseInt(h.substring(3, 5), 16),
                Integer.parseInt(h.substring(5, 7), 16)};
    }
}
