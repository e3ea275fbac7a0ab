package org.prooftrail.anchor.proof;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.prooftrail.anchor.checkpoint.Cosignature;

/**
 * Everything needed to check one envelope offline: the signed envelope and its device key, the
 * envelope's path to its chunk's root, the chunk root's path to the signed checkpoint, and the
 * ledger's receipt for that checkpoint. Hashes are lower-case hex; see docs/proofs.md.
 */
public record ProofBundle(
        int version,
        String hashAlg,
        Envelope envelope,
        Chunk chunk,
        LogPath log,
        Anchor checkpoint) {

    /**
     * The JWS exactly as the device sent it, and the key it was registered with. For an SD-JWT envelope
     * {@code jws} is the issuer-signed JWT (the bytes the leaf hash covers) and {@code disclosures} the
     * stored disclosures this caller may see, in the order received, so that
     * {@code jws + "~" + each disclosure + "~"} is the SD-JWT (RFC 9901 section 4) as presented to the
     * caller; empty when it may see none. Null (left out of the JSON) for a plain JWS.
     */
    public record Envelope(String device, long seq, String jws, String kid, String alg, String publicKeyPem,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<String> disclosures) {
        public Envelope(String device, long seq, String jws, String kid, String alg, String publicKeyPem) {
            this(device, seq, jws, kid, alg, publicKeyPem, null);
        }

        public Envelope {
            disclosures = disclosures == null ? null : List.copyOf(disclosures);
        }
    }

    /** Position of the envelope in its chunk (an RFC 9162 tree), the audit path, the chunk root. */
    public record Chunk(long id, int size, int leafIndex, List<String> auditPath, String root) {
    }

    /** Position of the chunk root in the global log, and its inclusion path at the checkpoint's size. */
    public record LogPath(long index, long treeSize, List<String> inclusionPath) {
    }

    /**
     * The signed checkpoint note (with the witnesses' cosignature lines after the log's signature, per
     * C2SP signed-note), the ledger's receipt (null when not yet published), and the witnesses who
     * cosigned as the note names them; {@code prooftrail verify} checks those against its policy.
     */
    public record Anchor(String note, String ledger, Map<String, Object> receipt, List<Cosigner> cosigners) {
        public Anchor(String note, String ledger, Map<String, Object> receipt) {
            this(note, ledger, receipt, Cosigner.named(note, Map.of()));
        }

        public Anchor {
            cosigners = cosigners == null ? List.of() : List.copyOf(cosigners);
        }

        /** @param displayNames the configured witnesses' display names by key name */
        public static Anchor of(String note, String ledger, Map<String, Object> receipt, Map<String, String> displayNames) {
            return new Anchor(note, ledger, receipt, Cosigner.named(note, displayNames));
        }
    }

    /**
     * One cosignature on the checkpoint: the witness's key name, the name people know it by (the
     * server's configured display name, else the key name; a label, not checked) and when it
     * cosigned (POSIX seconds).
     */
    public record Cosigner(String name, String displayName, long timestamp) {
        /** The cosignature lines of a note: every signature line but the log's own (the key name is the origin). */
        static List<Cosigner> named(String note, Map<String, String> displayNames) {
            if (note == null) {
                return List.of();
            }
            String origin = note.split("\n", 2)[0];
            return Cosignature.signatureLines(note).stream()
                    .map(Cosignature::parse)
                    .flatMap(Optional::stream)
                    .filter(l -> !l.name().equals(origin))
                    .map(l -> new Cosigner(l.name(), displayNames.getOrDefault(l.name(), l.name()), l.timestamp()))
                    .toList();
        }
    }
}
