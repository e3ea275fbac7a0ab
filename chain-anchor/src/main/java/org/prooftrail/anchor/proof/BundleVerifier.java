package org.prooftrail.anchor.proof;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.Checkpoints;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.checkpoint.WitnessPolicy;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.anchor.ledger.Receipt;
import org.prooftrail.anchor.ledger.ReceiptCheck;
import org.prooftrail.anchor.ledger.evm.EvmReceiptCheck;
import org.prooftrail.anchor.ledger.rfc3161.Rfc3161ReceiptCheck;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.envelope.DeviceKey;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.Rejection;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleProofs;
import org.prooftrail.core.merkle.Verification;

/**
 * Checks a proof bundle step by step, offline: the device's signature, the envelope's path to its
 * chunk root, the chunk root's path to the checkpoint root, the checkpoint's signature by the log
 * key the caller trusts, and the ledger receipt. Every step is reported; one failure fails all.
 * The command line and the API both use this.
 */
public final class BundleVerifier {
    private static final HexFormat HEX = HexFormat.of();

    /** One step's outcome. */
    public record Step(String name, boolean passed, String detail) {
    }

    private final LogKey trustedLogKey;
    private final Map<String, ReceiptCheck> receiptChecks;
    private final WitnessPolicy witnesses;

    /** @param trustedLogKey the log's key as the verifier knows it, never the one a bundle might carry */
    public BundleVerifier(LogKey trustedLogKey, Map<String, ReceiptCheck> receiptChecks) {
        this(trustedLogKey, receiptChecks, WitnessPolicy.NONE);
    }

    /** @param witnesses the witnesses the verifier trusts and the quorum of them a checkpoint needs */
    public BundleVerifier(LogKey trustedLogKey, Map<String, ReceiptCheck> receiptChecks, WitnessPolicy witnesses) {
        this.trustedLogKey = trustedLogKey;
        this.receiptChecks = Map.copyOf(receiptChecks);
        this.witnesses = witnesses;
    }

    /** Offline receipt checks for every ledger (the evm check looks only at form and hashes). */
    public static BundleVerifier offline(LogKey trustedLogKey) {
        return offline(trustedLogKey, WitnessPolicy.NONE);
    }

    /** The same, with the witnesses trusted and the quorum of them a checkpoint needs. */
    public static BundleVerifier offline(LogKey trustedLogKey, WitnessPolicy witnesses) {
        return new BundleVerifier(trustedLogKey, Map.of(
                LocalLedger.NAME, LocalLedger::problem,
                "rfc3161", new Rfc3161ReceiptCheck(),
                "evm", new EvmReceiptCheck()), witnesses);
    }

    public List<Step> verify(ProofBundle b) {
        List<Step> steps = new ArrayList<>();
        MerkleHasher hasher;
        try {
            hasher = MerkleHasher.byName(b.hashAlg());
        } catch (IllegalArgumentException e) {
            steps.add(new Step("bundle", false, e.getMessage()));
            return steps;
        }
        byte[] jws = b.envelope().jws().getBytes(StandardCharsets.US_ASCII);
        steps.add(signature(b));
        byte[] chunkRoot = unhex(b.chunk().root());
        steps.add(path("envelope in chunk " + b.chunk().id(), MerkleProofs.verifyInclusion(hasher, b.chunk().leafIndex(),
                b.chunk().size(), hasher.hashLeaf(jws), unhex(b.chunk().auditPath()), chunkRoot)));
        Checkpoint cp;
        try {
            cp = Checkpoints.parse(b.checkpoint().note());
        } catch (IllegalArgumentException e) {
            steps.add(new Step("checkpoint", false, e.getMessage()));
            return steps;
        }
        if (cp.size() != b.log().treeSize()) {
            steps.add(new Step("chunk in log", false, "the bundle says tree size " + b.log().treeSize()
                    + " but the checkpoint is for size " + cp.size()));
        } else {
            steps.add(path("chunk root in log at index " + b.log().index(), MerkleProofs.verifyInclusion(hasher,
                    b.log().index(), cp.size(), hasher.hashLeaf(chunkRoot), unhex(b.log().inclusionPath()), cp.root())));
        }
        String sig = SignedNote.problem(b.checkpoint().note(), trustedLogKey);
        steps.add(new Step("checkpoint signature", sig == null, sig == null
                ? "signed by " + trustedLogKey.name() + " at tree size " + cp.size() : sig));
        if (!witnesses.witnesses().isEmpty()) {
            steps.add(cosignatures(b));
        }
        steps.add(receipt(b));
        return steps;
    }

    /** The checkpoint's cosignatures by trusted witnesses against the quorum; a bad one by a trusted key fails it. */
    private Step cosignatures(ProofBundle b) {
        WitnessPolicy.Result r = witnesses.check(b.checkpoint().note());
        if (!r.invalid().isEmpty()) {
            return new Step("cosignatures", false, "the cosignature of " + String.join(", ", r.invalid()) + " does not verify");
        }
        String who = r.cosigners().isEmpty() ? "no trusted witness" : String.join(", ", r.cosigners());
        return r.met()
                ? new Step("cosignatures", true, "cosigned by " + who + " (" + r.cosigners().size() + " of the quorum of " + r.quorum() + ")")
                : new Step("cosignatures", false, "cosigned by " + who + ": " + r.cosigners().size() + " of the quorum of "
                        + r.quorum() + "; a checkpoint without its quorum may be a view shown to you alone");
    }

    public static boolean allPassed(List<Step> steps) {
        return !steps.isEmpty() && steps.stream().allMatch(Step::passed);
    }

    private static Step signature(ProofBundle b) {
        try {
            var key = PublicKeys.fromPem(b.envelope().publicKeyPem());
            // An SD-JWT event's bundle holds its issuer-signed JWT alone: withheld fields are digests, not errors.
            if (WithheldEnvelopeCheck.applies(b.envelope().jws())) {
                return WithheldEnvelopeCheck.check(b.envelope(), key);
            }
            EnvelopeVerifier v = new EnvelopeVerifier(kid -> kid.equals(b.envelope().kid())
                    ? Optional.of(DeviceKey.active(kid, b.envelope().device(), key)) : Optional.empty());
            VerificationResult r = v.verify(b.envelope().jws().getBytes(StandardCharsets.US_ASCII));
            if (r instanceof Rejection rej) {
                return new Step("device signature", false, rej.reason() + ": " + rej.message());
            }
            return new Step("device signature", true, b.envelope().alg() + " by " + b.envelope().device()
                    + " (key " + b.envelope().kid() + "), seq " + b.envelope().seq());
        } catch (KeyFormatException e) {
            return new Step("device signature", false, "the device key in the bundle is unreadable: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private Step receipt(ProofBundle b) {
        Map<String, Object> stored = b.checkpoint().receipt();
        if (stored == null) {
            return new Step("ledger receipt", false, "the checkpoint is not yet published to its ledger (" + b.checkpoint().ledger() + ")");
        }
        String ledger = String.valueOf(stored.get("ledger"));
        Object evidence = stored.get("evidence");
        ReceiptCheck check = receiptChecks.get(ledger);
        if (check == null || !(evidence instanceof Map)) {
            return new Step("ledger receipt", false, "no way to check a receipt of ledger '" + ledger + "'");
        }
        String problem = check.problem(b.checkpoint().note(), new Receipt(ledger, (Map<String, Object>) evidence));
        return new Step("ledger receipt", problem == null, problem == null ? ledger + " receipt covers this checkpoint" : problem);
    }

    private static Step path(String name, Verification v) {
        return new Step(name, v.ok(), v.ok() ? "path verifies" : v.reason());
    }

    private static byte[] unhex(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static List<byte[]> unhex(List<String> hex) {
        return hex.stream().map(BundleVerifier::unhex).toList();
    }

}
