package org.prooftrail.api.resolver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.prooftrail.store.journey.CodeIdentity;

/**
 * The weak ETag of a lookup, computed from what the lookup's first statement read, so that a
 * matching {@code If-None-Match} is answered 304 before any journey is built. It covers the code's
 * registry rows (product with its rule, lot, item with its sale to a patient), the latest stored chunk (any new envelope, hence
 * any new event or reading, changes it), the representation, language and base asked for, and the
 * current {@link #PERIOD}: what changes without a new envelope (a device moved to another place,
 * an organisation renamed, an open custody window growing older) shows at the latest one period later.
 * The scan count is left out: it changes with every lookup.
 *
 * @param variant     representation, language and public base of the request
 * @param ifNoneMatch the request's If-None-Match, or null
 */
record LookupTag(String variant, String ifNoneMatch) {
    static final Duration PERIOD = Duration.ofMinutes(1);

    String of(CodeIdentity.Identity id, String canonical, Instant now) {
        return of(identity(id, canonical), now);
    }

    /**
     * The tag from an {@link #identity} digest made before: a kept pack's identity is digested once
     * when its lot is kept, not per lookup (the registry rows' text was a sizeable share of what a
     * lookup allocated).
     */
    String of(String identity, Instant now) {
        return "W/\"" + hex(identity + "|" + variant + "|" + now.getEpochSecond() / PERIOD.toSeconds(), 12) + "\"";
    }

    /** What the tag says of the code's registry rows and the latest chunk, as a digest. */
    static String identity(CodeIdentity.Identity id, String canonical) {
        return hex(id.product() + "|" + id.lot() + "|" + id.item() + "|" + id.version() + "|" + canonical, 32);
    }

    private static String hex(String content, int bytes) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the client holds this tag (weak comparison: with or without the W/ prefix). */
    boolean matches(String etag) {
        return ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.contains(etag.substring(2)));
    }
}
