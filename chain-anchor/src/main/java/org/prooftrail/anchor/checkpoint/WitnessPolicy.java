package org.prooftrail.anchor.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which witnesses a verifier trusts and how many of them must have cosigned a checkpoint. With
 * quorum 0 any checkpoint passes (the behaviour without witnesses).
 */
public record WitnessPolicy(List<CosignerKey> witnesses, int quorum) {
    public static final WitnessPolicy NONE = new WitnessPolicy(List.of(), 0);

    public WitnessPolicy {
        witnesses = List.copyOf(witnesses);
        if (quorum < 0 || quorum > witnesses.size()) {
            throw new IllegalArgumentException("a quorum of " + quorum + " cannot be met by " + witnesses.size() + " witnesses");
        }
    }

    /** What the cosignature lines of a note show. */
    public record Result(List<String> cosigners, List<String> invalid, int quorum) {
        public boolean met() {
            return invalid.isEmpty() && cosigners.size() >= quorum;
        }
    }

    /**
     * The trusted witnesses whose cosignature on the note verifies; a line by a trusted name and key
     * id that does not verify is named in {@link Result#invalid()} (signed-note: reject the note).
     * Lines by unknown keys are ignored.
     */
    public Result check(String note) {
        String text = SignedNote.text(note);
        Set<String> valid = new LinkedHashSet<>();
        List<String> invalid = new ArrayList<>();
        if (text != null) {
            for (String line : Cosignature.signatureLines(note)) {
                var parsed = Cosignature.parse(line);
                if (parsed.isEmpty()) {
                    continue;
                }
                for (CosignerKey w : witnesses) {
                    if (Cosignature.isBy(parsed.get(), w)) {
                        if (Cosignature.verify(line, w, text).isPresent()) {
                            valid.add(w.name());
                        } else {
                            invalid.add(w.name());
                        }
                    }
                }
            }
        }
        return new Result(List.copyOf(valid), invalid, quorum);
    }
}
