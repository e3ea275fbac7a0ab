package org.prooftrail.api.proof;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
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
        if (caller != null && (caller.role() != ApiRole.COMPANY || envelope.orgId().equals(caller.org()))) {
            return true;
        }
        return "readings".equals(envelope.kind()) && envelope.readingsPublic() || envelope.publishedRecord();
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
