package org.prooftrail.anchor.witness;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.anchor.checkpoint.Checkpoint;
import org.prooftrail.anchor.checkpoint.Checkpoints;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.anchor.checkpoint.Cosignature;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.MerkleProofs;
import org.prooftrail.core.merkle.Verification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A C2SP tlog-witness: checks that each checkpoint a log submits is signed by the log and consistent
 * with the last one it cosigned for that log, records it, and cosigns it. The answers and their order
 * follow the spec: 400 malformed, 404 unknown origin, 403 no valid signature by the log's key,
 * 409 (with the witness's size) when the log's "old" size is not the one recorded, 422 when the
 * proof or the roots do not agree. Check-and-record is one critical section, so two concurrent
 * requests can never roll the recorded size back.
 */
public final class Witness {
    private static final Logger LOG = LoggerFactory.getLogger(Witness.class);

    private final CosignerKey id;
    private final SigningKey key;
    private final Map<String, LogKey> logs;
    private final StateFile state;
    private final Clock clock;

    public Witness(CosignerKey id, SigningKey key, Map<String, LogKey> logs, StateFile state, Clock clock) {
        if (!id.key().equals(key.verifyingKey())) {
            throw new IllegalArgumentException("the witness key does not match " + id.name());
        }
        this.id = id;
        this.key = key;
        this.logs = Map.copyOf(logs);
        this.state = state;
        this.clock = clock;
    }

    public CosignerKey id() {
        return id;
    }

    /** What this witness last cosigned for {@code origin}. */
    public Optional<Cosigned> latest(String origin) {
        return state.latest(origin);
    }

    public Answer addCheckpoint(String body) {
        AddCheckpoint request;
        Checkpoint cp;
        try {
            request = AddCheckpoint.parse(body);
            cp = Checkpoints.parse(request.checkpoint());
        } catch (IllegalArgumentException e) {
            return Answer.of(400, "malformed add-checkpoint request: " + e.getMessage());
        }
        LogKey log = logs.get(cp.origin());
        if (log == null) {
            return Answer.of(404, "unknown log origin '" + cp.origin() + "'");
        }
        String problem = SignedNote.problem(request.checkpoint(), log);
        if (problem != null) {
            LOG.warn("refused a checkpoint of {} at size {}: {}", cp.origin(), cp.size(), problem);
            return Answer.of(403, problem);
        }
        if (request.oldSize() > cp.size()) {
            return Answer.of(400, "old size " + request.oldSize() + " is larger than the checkpoint's " + cp.size());
        }
        synchronized (this) {
            return checkAndCosign(request, cp, log);
        }
    }

    private Answer checkAndCosign(AddCheckpoint request, Checkpoint cp, LogKey log) {
        Cosigned latest = state.latest(cp.origin()).orElse(null);
        long known = latest == null ? 0 : latest.size();
        if (request.oldSize() != known) {
            return new Answer(409, Answer.SIZE, known + "\n");
        }
        MerkleHasher hasher = log.key().algorithm() == SignatureAlgorithm.SM2SM3 ? MerkleHasher.sm3() : MerkleHasher.sha256();
        String refused = inconsistency(hasher, request, cp, latest);
        if (refused != null) {
            // Signed by the log and still inconsistent: evidence of a split view, worth a log line.
            LOG.warn("refused checkpoint of {} at size {} (cosigned size {}): {}", cp.origin(), cp.size(), known, refused);
            return Answer.of(422, refused);
        }
        try {
            state.record(cp.origin(), new Cosigned(cp.size(), cp.root()));
        } catch (IOException e) {
            LOG.error("cannot record the checkpoint of {} at size {}: {}", cp.origin(), cp.size(), e.getMessage());
            return Answer.of(503, "the witness cannot record its state: " + e.getMessage());
        }
        String text = SignedNote.text(request.checkpoint());
        return new Answer(200, Answer.TEXT, Cosignature.sign(text, id, key, Math.max(1, clock.instant().getEpochSecond())));
    }

    private static String inconsistency(MerkleHasher hasher, AddCheckpoint request, Checkpoint cp, Cosigned latest) {
        if (cp.root().length != hasher.size()) {
            return "the root is " + cp.root().length + " bytes, not a " + hasher.name() + " hash";
        }
        if (cp.size() == 0 && !Arrays.equals(cp.root(), hasher.emptyRoot())) {
            return "a checkpoint of size 0 must have the empty tree's root";
        }
        if (request.oldSize() == 0) {
            return request.proof().isEmpty() ? null : "a consistency proof from size 0 must be empty";
        }
        if (request.oldSize() == cp.size()) {
            return Arrays.equals(latest.root(), cp.root()) ? null
                    : "another root at the size already cosigned, " + cp.size() + ": the log forked";
        }
        Verification v = MerkleProofs.verifyConsistency(hasher, request.oldSize(), cp.size(), latest.root(), cp.root(),
                request.proof());
        return v.ok() ? null : "not consistent with the checkpoint cosigned at size " + request.oldSize() + ": " + v.reason();
    }
}
