package org.prooftrail.core.trace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The opaque page token of a trace: an offset into the walk, bound to the query it came from (code,
 * direction, depth), so a token cannot be replayed against another trace or forged into an
 * arbitrary shape. Not a secret: the offset only saves a client from counting.
 */
public final class PageToken {
    private static final String VERSION = "t1";
    /** Past this, paging means walking too much again for each page; the caller narrows the trace. */
    public static final long MAX_OFFSET = 1_000_000L;

    private PageToken() {
    }

    public static String encode(String code, String direction, int depth, long offset) {
        String raw = VERSION + "." + offset + "." + fingerprint(code, direction, depth);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the token is malformed or belongs to another query */
    public static long decode(String token, String code, String direction, int depth) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pageToken is not a token this server issued; use nextPageToken as given");
        }
        String[] parts = raw.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].matches("[0-9]{1,7}")) {
            throw new IllegalArgumentException("pageToken is not a token this server issued; use nextPageToken as given");
        }
        if (!parts[2].equals(fingerprint(code, direction, depth))) {
            throw new IllegalArgumentException("pageToken belongs to another trace (code, direction and depth must stay the same)");
        }
        long offset = Long.parseLong(parts[1]);
        if (offset > MAX_OFFSET) {
            throw new IllegalArgumentException("pageToken offset is beyond " + MAX_OFFSET);
        }
        return offset;
    }

    private static String fingerprint(String code, String direction, int depth) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest((code + "\n" + direction + "\n" + depth).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
