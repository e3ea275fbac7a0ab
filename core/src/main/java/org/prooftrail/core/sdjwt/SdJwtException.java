package org.prooftrail.core.sdjwt;

/** An SD-JWT, a disclosure or their combination that must be refused, with the kind of problem. */
public final class SdJwtException extends Exception {
    /** What is wrong; each maps to one rejection reason where envelopes are checked. */
    public enum Problem {
        /** Not an SD-JWT we accept: structure, base64url, JSON, {@code _sd}/{@code ...} shapes, {@code _sd_alg}. */
        MALFORMED,
        /** A disclosure is not a base64url JSON array of salt, (name,) value. */
        MALFORMED_DISCLOSURE,
        /** The issuer-signed JWT has no signature (empty third part, or {@code alg} "none"). */
        MISSING_SIGNATURE,
        /** The signature does not verify with the issuer's key. */
        BAD_SIGNATURE,
        /** A disclosure whose digest appears nowhere in the signed payload (or in disclosed values). */
        UNMATCHED_DISCLOSURE,
        /** A digest that appears more than once in the signed payload or the disclosures, or a disclosure sent twice. */
        DUPLICATE_DIGEST
    }

    private final Problem problem;

    public SdJwtException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
