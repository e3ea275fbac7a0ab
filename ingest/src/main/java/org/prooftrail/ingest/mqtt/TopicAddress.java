package org.prooftrail.ingest.mqtt;

import java.util.Optional;

/** {@code pt/v1/{org}/{device}/{readings|events}}, parsed. */
public record TopicAddress(String org, String device, Kind kind) {
    public enum Kind { READINGS, EVENTS }

    public static final String ROOT = "pt/v1/";
    /**
     * What ingest subscribes to: all of ProofTrail's namespace, not only the topics it accepts. A device
     * publishing to {@code pt/v1/org/dev} or {@code pt/v1/org/dev/readings/x} used to match no subscription,
     * so the broker dropped its messages and nobody learnt why; now they arrive, are refused with
     * TOPIC_MISMATCH, stored and counted like every other rejection.
     */
    public static final String NAMESPACE = "pt/#";

    public static Optional<TopicAddress> parse(String topic) {
        if (topic == null || !topic.startsWith(ROOT)) {
            return Optional.empty();
        }
        String[] parts = topic.substring(ROOT.length()).split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        Kind kind;
        switch (parts[2]) {
            case "readings": kind = Kind.READINGS; break;
            case "events": kind = Kind.EVENTS; break;
            default: return Optional.empty();
        }
        return Optional.of(new TopicAddress(parts[0], parts[1], kind));
    }

    public static String of(String org, String device, Kind kind) {
        return ROOT + org + "/" + device + "/" + kind.name().toLowerCase();
    }
}
