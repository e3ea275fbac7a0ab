package org.prooftrail.api.proof;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.prooftrail.anchor.proof.BundleDisclosures;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.auth.BearerAuth;
import org.prooftrail.api.auth.Principal;
import org.prooftrail.store.log.ProofReads.EnvelopeAccess;

/**
 * Who may read one envelope by its device and seq (proof bundles and the server's proof check).
 * Event payloads name serial numbers (an AggregationEvent lists every pack of a case) and business
 * fields, and seqs are easy to guess, so without a token only reading envelopes of a device whose
 * readings are public by its owner's policy are served, and the issuing events of commitment-compliance
 * certificates (their content is the certificate's public page, which links this proof). A company token of the device's organisation,
 * a regulator's or an admin's reads every envelope. Anything else gets the same 404 as an envelope that
 * does not exist ({@link #NOT_SHOWN}), so the answer confirms nothing.
 */
public final class ProofAccess {
    /** The one answer for an envelope that does not exist, is not anchored yet, or is not the caller's to read. */
    public static final String NOT_SHOWN = "no anchored envelope you may read under this device and seq: unknown, "
            + "not yet covered by a checkpoint, or not public (events, and readings of devices whose readings are "
            + "not public, need a token of the device's organisation or a regulator's)";

    private ProofAccess() {
    }

    public static boolean allows(Principal caller, EnvelopeAccess envelope) {
        return readsWhole(caller, envelope)
                || "readings".equals(envelope.kind()) && envelope.readingsPublic() || envelope.publishedRecord();
    }

    /**
     * Which disclosures of an SD-JWT envelope the caller's bundle carries: every one for the owner
     * organisation's token and regulators' and admins'; for anyone else allowed the bundle, only what
     * the owner's policy publishes (docs/proofs.md, "Who may fetch a proof bundle").
     */
    public static BundleDisclosures disclosures(Principal caller, EnvelopeAccess envelope) {
        return readsWhole(caller, envelope) ? BundleDisclosures.ALL : BundleDisclosures.PUBLIC_BY_POLICY;
    }

    private static boolean readsWhole(Principal caller, EnvelopeAccess envelope) {
        return caller != null && (caller.role() != ApiRole.COMPANY || envelope.orgId().equals(caller.org()));
    }

    /**
     * Authenticates a request that carries a token (refusing a bad one with 401) and passes one without
     * on as anonymous: the operation is public, a token only widens what it shows.
     */
    public static Handler<RoutingContext> optionalToken(BearerAuth auth) {
        return ctx -> {
            if (ctx.request().getHeader("authorization") == null || BearerAuth.principal(ctx) != null) {
                ctx.next();
            } else {
                auth.authenticateThen(ctx, RoutingContext::next);
            }
        };
    }
}
