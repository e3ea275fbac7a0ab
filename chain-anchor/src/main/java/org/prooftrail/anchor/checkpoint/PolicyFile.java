package org.prooftrail.anchor.checkpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trust policy file in the format of C2SP tlog-policy, the subset a ProofTrail verifier needs:
 * {@code log <vkey> [url]}, {@code witness <name> <vkey> [url]},
 * {@code group <name> <n|any|all> <witness>...} and {@code quorum <witness or group | none>}.
 * Groups of groups are refused rather than half understood. Blank lines and {@code #} comments are skipped.
 */
public final class PolicyFile {
    /** The log key named by the policy (null when it names none) and the witness quorum. */
    public record Policy(LogKey log, WitnessPolicy witnesses) {
    }

    private PolicyFile() {
    }

    /** @throws IllegalArgumentException naming the line that is wrong */
    public static Policy parse(String text) {
        LogKey log = null;
        Map<String, CosignerKey> witnesses = new LinkedHashMap<>();
        Map<String, WitnessPolicy> groups = new LinkedHashMap<>();
        WitnessPolicy quorum = null;
        int n = 0;
        for (String raw : text.split("\n")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            try {
                switch (f[0]) {
                    case "log" -> {
                        need(f, 2, 3);
                        log = LogKey.from(VerifierKey.parse(f[1]));
                    }
                    case "witness" -> {
                        need(f, 3, 4);
                        unused(f[1], witnesses, groups);
                        witnesses.put(f[1], CosignerKey.parse(f[2]));
                    }
                    case "group" -> {
                        if (f.length < 4) {
                            throw new IllegalArgumentException("a group has a name, a threshold and members");
                        }
                        unused(f[1], witnesses, groups);
                        List<CosignerKey> members = new ArrayList<>();
                        for (int i = 3; i < f.length; i++) {
                            CosignerKey w = witnesses.get(f[i]);
                            if (w == null) {
                                throw new IllegalArgumentException(groups.containsKey(f[i])
                                        ? "groups of groups are not supported" : "'" + f[i] + "' is not a witness defined above");
                            }
                            members.add(w);
                        }
                        int threshold = switch (f[2]) {
                            case "any" -> 1;
                            case "all" -> members.size();
                            default -> Integer.parseInt(f[2]);
                        };
                        groups.put(f[1], new WitnessPolicy(members, threshold));
                    }
                    case "quorum" -> {
                        need(f, 2, 2);
                        if (f[1].equals("none")) {
                            quorum = new WitnessPolicy(List.copyOf(witnesses.values()), 0);
                        } else if (groups.containsKey(f[1])) {
                            quorum = groups.get(f[1]);
                        } else if (witnesses.containsKey(f[1])) {
                            quorum = new WitnessPolicy(List.of(witnesses.get(f[1])), 1);
                        } else {
                            throw new IllegalArgumentException("quorum names '" + f[1] + "', neither a witness nor a group defined above");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown keyword '" + f[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("policy line " + n + ": " + e.getMessage(), e);
            }
        }
        if (quorum == null) {
            throw new IllegalArgumentException("the policy has no quorum line (write 'quorum none' to trust the log alone)");
        }
        return new Policy(log, quorum);
    }

    private static void need(String[] f, int min, int max) {
        if (f.length < min || f.length > max) {
            throw new IllegalArgumentException("'" + f[0] + "' takes " + (min - 1) + (max > min ? " or " + (max - 1) : "") + " values");
        }
    }

    private static void unused(String name, Map<String, ?> a, Map<String, ?> b) {
        if (a.containsKey(name) || b.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is defined twice");
        }
    }
}
