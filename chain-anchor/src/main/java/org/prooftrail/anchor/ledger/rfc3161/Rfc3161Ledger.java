package org.prooftrail.anchor.ledger.rfc3161;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.prooftrail.anchor.ledger.Ledger;
import org.prooftrail.anchor.ledger.LedgerException;
import org.prooftrail.anchor.ledger.Receipt;

/**
 * Publishes checkpoints to an RFC 3161 timestamp authority: the TSA signs, with its own key and clock,
 * that the checkpoint existed at genTime, so the operator cannot later present another history as the
 * one it had then. Each token is checked before it is accepted, because a receipt that fails the
 * offline check later would be worse than a failed publication now (which the anchorer retries).
 */
public final class Rfc3161Ledger implements Ledger {
    private final URI tsa;
    private final TsaClient client;
    private final TokenCheck tokens;
    private final SecureRandom random = new SecureRandom();

    /** Trusts whichever certificate the TSA's tokens carry. */
    public Rfc3161Ledger(URI tsa, Duration timeout) {
        this(tsa, timeout, null);
    }

    /**
     * @param pinnedCertificatePem the TSA's certificate in PEM; when given, only tokens signed with exactly
     *                             this certificate are accepted. Null to trust the certificate a token carries.
     * @throws IllegalArgumentException for a URL that is not http(s), a non-positive timeout or a bad PEM
     */
    public Rfc3161Ledger(URI tsa, Duration timeout, String pinnedCertificatePem) {
        String scheme = tsa.getScheme() == null ? "" : tsa.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || tsa.getHost() == null) {
            throw new IllegalArgumentException("TSA URL must be http:// or https:// with a host: " + tsa);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("TSA timeout must be positive: " + timeout);
        }
        this.tsa = tsa;
        this.client = new TsaClient(tsa, timeout);
        this.tokens = new TokenCheck(pinnedCertificatePem == null ? null : TsaCertificates.fromPem(pinnedCertificatePem));
    }

    @Override
    public String name() {
        return Rfc3161Evidence.LEDGER;
    }

    @Override
    public Receipt publish(String signedNote) throws LedgerException {
        byte[] imprint = Sha256.ofNote(signedNote);
        TimeStampRequest request = request(imprint);
        TimeStampResponse response = parse(client.exchange(encode(request)));
        if (!TsaStatus.granted(response)) {
            throw new LedgerException("TSA " + tsa + " rejected the request: " + TsaStatus.describe(response));
        }
        TimeStampToken token = response.getTimeStampToken();
        if (token == null) {
            throw new LedgerException("TSA " + tsa + " granted the request but sent no token");
        }
        String problem = tokens.problem(token, imprint);
        if (problem != null) {
            throw new LedgerException("TSA " + tsa + " sent an unacceptable token: " + problem);
        }
        try {
            // Nonce, certReq and any requested policy: the token answers this request, not an earlier one.
            response.validate(request);
        } catch (TSPException e) {
            throw new LedgerException("TSA " + tsa + " sent a token that does not answer our request: " + e.getMessage(), e);
        }
        try {
            return Rfc3161Evidence.of(tsa, token, tokens.signer(token)).toReceipt();
        } catch (IOException e) {
            throw new LedgerException("could not encode the token from TSA " + tsa + ": " + e.getMessage(), e);
        }
    }

    private TimeStampRequest request(byte[] imprint) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        // certReq: the token then carries the TSA certificate and can be checked offline on its own.
        generator.setCertReq(true);
        return generator.generate(NISTObjectIdentifiers.id_sha256, imprint, new BigInteger(64, random));
    }

    private TimeStampResponse parse(byte[] reply) throws LedgerException {
        try {
            return new TimeStampResponse(reply);
        } catch (TSPException | IOException | RuntimeException e) {
            // BouncyCastle's ASN.1 layer reports some malformed input as IllegalArgumentException.
            throw new LedgerException("TSA " + tsa + " sent a reply that is not an RFC 3161 TimeStampResp: " + e.getMessage(), e);
        }
    }

    private static byte[] encode(TimeStampRequest request) throws LedgerException {
        try {
            return request.getEncoded();
        } catch (IOException e) {
            throw new LedgerException("could not encode a timestamp request: " + e.getMessage(), e);
        }
    }
}
