package org.prooftrail.api.evidence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.anchor.checkpoint.Cosignature;
import org.prooftrail.anchor.checkpoint.SignedNote;
import org.prooftrail.anchor.witness.WitnessEndpoint;
import org.prooftrail.anchor.witness.Witnesses;

/**
 * The evidence document's {@code witnesses} member: the witnesses this server's policy trusts (verifier
 * key, key name, display name) and the quorum of cosignatures a checkpoint needs, so a page can check
 * the checkpoint note's cosignature lines itself. With {@code ?verify=server} each key also says
 * whether its cosignature on the document's checkpoint verifies here, for keys a browser cannot use
 * (SM2), as {@code serverVerified} does for envelopes.
 */
final class WitnessEvidence {
    private WitnessEvidence() {
    }

    /** @param note the checkpoint note with its cosignature lines, or null without a checkpoint */
    static JsonObject of(Witnesses witnesses, String note, boolean serverCheck) {
        JsonArray keys = new JsonArray();
        String text = note == null ? null : SignedNote.text(note);
        for (WitnessEndpoint w : witnesses.endpoints()) {
            JsonObject k = new JsonObject().put("name", w.name()).put("displayName", w.displayName())
                    .put("vkey", w.key().vkey().encode());
            if (serverCheck) {
                k.put("serverVerified", text != null && Cosignature.signatureLines(note).stream()
                        .anyMatch(line -> Cosignature.verify(line, w.key(), text).isPresent()));
            }
            keys.add(k);
        }
        return new JsonObject().put("quorum", witnesses.quorum()).put("keys", keys);
    }
}
