package org.prooftrail.api.epcis;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code GS1-Signature} header of a webhook delivery. The GS1 bindings leave the signature type to
 * the implementation and name HMAC-SHA256 as an example; here it is HMAC-SHA256 (RFC 2104) keyed with
 * the subscription's {@code signatureToken} (its UTF-8 bytes) over the exact request body bytes, sent as
 * {@code sha256=} followed by the MAC in lowercase hex. The receiver recomputes it over the body it read
 * and compares in constant time.
 */
public final class WebhookSignature {
    public static final String HEADER = "GS1-Signature";
    public static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    public static String sign(String signatureToken, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signatureToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    /** True when {@code header} is the signature of {@code body} under {@code signatureToken}. */
    public static boolean verify(String signatureToken, byte[] body, String header) {
        return header != null && java.security.MessageDigest.isEqual(
                sign(signatureToken, body).getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
    }
}
