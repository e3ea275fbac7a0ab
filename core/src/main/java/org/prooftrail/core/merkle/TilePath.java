package org.prooftrail.core.merkle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A C2SP tlog-tiles resource path below {@code tile/}: {@code <L>/<N>[.p/<W>]} for hashes,
 * {@code entries/<N>[.p/<W>]} for entry bundles. {@code N} is written in zero-padded 3-digit
 * elements, all but the last prefixed with {@code x} (1234067 is {@code x001/x234/067}).
 *
 * @param level the tile level (0..63), or -1 for an entry bundle
 * @param width 256 for a full tile, 1..255 for a partial one
 */
public record TilePath(int level, long index, int width) {
    public static final int ENTRIES = -1;

    private static final Pattern SHAPE = Pattern.compile(
            "(entries|0|[1-9][0-9]?)/((?:x[0-9]{3}/)*)([0-9]{3})(?:\\.p/([1-9][0-9]{0,2}))?");

    public boolean entries() {
        return level == ENTRIES;
    }

    public boolean partial() {
        return width < TiledSubtrees.WIDTH;
    }

    /**
     * Reads a path below {@code tile/}.
     *
     * @throws IllegalArgumentException naming what is wrong, for anything the spec does not allow
     */
    public static TilePath parse(String path) {
        Matcher m = SHAPE.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("a tile path is <L>/<N>[.p/<W>] or entries/<N>[.p/<W>], "
                    + "N in 3-digit elements, all but the last starting with x (e.g. 1/x001/x234/067.p/8)");
        }
        int level = "entries".equals(m.group(1)) ? ENTRIES : Integer.parseInt(m.group(1));
        if (level > 63) {
            throw new IllegalArgumentException("tile level " + level + " is above 63");
        }
        String[] upper = m.group(2).isEmpty() ? new String[0] : m.group(2).split("/");
        if (upper.length > 6) {
            throw new IllegalArgumentException("tile index has more than 21 digits");
        }
        if (upper.length > 0 && "x000".equals(upper[0])) {
            throw new IllegalArgumentException("tile index has a leading zero element x000");
        }
        long index = 0;
        try {
            for (String element : upper) {
                index = Math.addExact(Math.multiplyExact(index, 1000), Integer.parseInt(element.substring(1)));
            }
            index = Math.addExact(Math.multiplyExact(index, 1000), Integer.parseInt(m.group(3)));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tile index is too large");
        }
        int width = m.group(4) == null ? TiledSubtrees.WIDTH : Integer.parseInt(m.group(4));
        if (m.group(4) != null && width >= TiledSubtrees.WIDTH) {
            throw new IllegalArgumentException("partial tile width " + width + " is not between 1 and 255");
        }
        return new TilePath(level, index, width);
    }

    /** The path below {@code tile/}, as {@link #parse} reads it. */
    public String format() {
        StringBuilder n = new StringBuilder(String.format("%03d", index % 1000));
        for (long rest = index / 1000; rest > 0; rest /= 1000) {
            n.insert(0, String.format("x%03d/", rest % 1000));
        }
        return (entries() ? "entries" : Integer.toString(level)) + "/" + n + (partial() ? ".p/" + width : "");
    }
}
