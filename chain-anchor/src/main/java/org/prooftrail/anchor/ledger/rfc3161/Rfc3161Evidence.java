package org.prooftrail.anchor.ledger.rfc3161;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.tsp.TimeStampToken;
import org.prooftrail.anchor.ledger.Receipt;

/**
 * The evidence of an {@code rfc3161} receipt. Only {@code token} is proof; the other fields repeat what
 * it says so that people and indexes can read them without decoding CMS, and the check makes sure
 * they agree with it.
 *
 * @param tsa           where the token came from
 * @param token         base64 of the DER TimeStampToken (a CMS SignedData over a TSTInfo)
 * @param genTime       the token's genTime, ISO-8601
 * @param serial        the token's serial number, decimal
 * @param hashAlg       the imprint's hash algorithm, {@code SHA-256}
 * @param tsaCertSha256 hex SHA-256 of the DER certificate that signed the token
 */
public record Rfc3161Evidence(String tsa, String token, String genTime, String serial, String hashAlg,
                              String tsaCertSha256) {
    public static final String LEDGER = "rfc3161";

    static Rfc3161Evidence of(URI tsa, TimeStampToken token, X509CertificateHolder signer) throws IOException {
        return new Rfc3161Evidence(
                tsa.toString(),
                Base64.getEncoder().encodeToString(token.getEncoded(ASN1Encoding.DER)),
                token.getTimeStampInfo().getGenTime().toInstant().toString(),
                token.getTimeStampInfo().getSerialNumber().toString(),
                Sha256.NAME,
                TsaCertificates.sha256Hex(signer));
    }

    /** Reads the evidence of a receipt; a missing or non-text field is an {@link IllegalArgumentException}. */
    public static Rfc3161Evidence from(Receipt receipt) {
        Map<String, Object> evidence = receipt.evidence();
        return new Rfc3161Evidence(
                text(evidence, "tsa"), text(evidence, "token"), text(evidence, "genTime"),
                text(evidence, "serial"), text(evidence, "hashAlg"), text(evidence, "tsaCertSha256"));
    }

    public Receipt toReceipt() {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("tsa", tsa);
        evidence.put("token", token);
        evidence.put("genTime", genTime);
        evidence.put("serial", serial);
        evidence.put("hashAlg", hashAlg);
        evidence.put("tsaCertSha256", tsaCertSha256);
        return new Receipt(LEDGER, evidence);
    }

    private static String text(Map<String, Object> evidence, String key) {
        Object value = evidence.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the evidence has no " + key);
        }
        if (!(value instanceof String)) {
            throw new IllegalArgumentException("the evidence " + key + " is a " + value.getClass().getSimpleName() + ", not text");
        }
        return (String) value;
    }
}
