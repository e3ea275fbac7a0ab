package org.prooftrail.api.epcis;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, tamper-evident keyset cursors: where the last page ended (sort time, row id), how many
 * events were served so far (for eventCountLimit), and a digest of the query and caller scope it
 * belongs to, all under an HMAC. A forged, altered or borrowed token does not verify.
 */
final class PageToken {
    private static final Base64.Encoder ENC = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DEC = Base64.getUrlDecoder();
    private static final int BODY = 8 + 8 + 8 + 16;
    private static final int MAC = 16;

    /** @param micros sort time of the last event served, epoch microseconds */
    record Cursor(long micros, long id, long served) {
    }

    private final byte[] key;

    PageToken(byte[] key) {
        this.key = key.clone();
    }

    String issue(Cursor cursor, byte[] queryDigest) {
        ByteBuffer b = ByteBuffer.allocate(BODY + MAC);
        b.putLong(cursor.micros()).putLong(cursor.id()).putLong(cursor.served()).put(queryDigest, 0, 16);
        b.put(mac(b.array(), BODY));
        return ENC.encodeToString(b.array());
    }

    /** The cursor, or empty when the token was not issued by this server for this query. */
    Optional<Cursor> read(String token, byte[] queryDigest) {
        byte[] raw;
        try {
            raw = DEC.decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length != BODY + MAC) {
            return Optional.empty();
        }
        byte[] expected = mac(raw, BODY);
        byte[] given = java.util.Arrays.copyOfRange(raw, BODY, BODY + MAC);
        byte[] digest = java.util.Arrays.copyOfRange(raw, 24, BODY);
        if (!MessageDigest.isEqual(expected, given) || !MessageDigest.isEqual(digest, java.util.Arrays.copyOf(queryDigest, 16))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        return Optional.of(new Cursor(b.getLong(), b.getLong(), b.getLong()));
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(data, 0, length);
            return java.util.Arrays.copyOf(mac.doFinal(), MAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
