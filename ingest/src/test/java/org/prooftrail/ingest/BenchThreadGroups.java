package org.prooftrail.ingest;

import java.util.List;
import java.util.function.Function;
import org.prooftrail.embedded.testing.cpu.CpuSampler;

/**
 * The role of each thread of the benchmark's JVM, from the name the kernel keeps (Java's name cut to
 * 15 characters). Paho names its threads {@code MQTT Rec: <client id>}, {@code MQTT Snd: ...},
 * {@code MQTT Call: ...}, {@code MQTT Ping: ...}, which leaves only the first four or five characters
 * of the id: ingest's and the publishers' ids must differ in their first character.
 */
final class BenchThreadGroups implements Function<String, String> {
    static final String VERIFY = "ingest: verification (pt-ingest-verify-N)";
    static final String WRITER = "ingest: writer, batches and SQL (pt-ingest-writer)";
    static final String MQTT_RECEIVE = "ingest: MQTT client, receive (MQTT Rec)";
    static final String MQTT_OTHER = "ingest: MQTT client, callback, send, ping (MQTT Call/Snd/Ping)";
    static final String POLLER = "ingest: poller (pt-ingest-poller)";
    static final String ANCHORER = "anchorer (pt-anchor)";
    static final String PUBLISHER_MQTT = "publishers: MQTT clients (Paho)";
    static final String PUBLISHER_LOOPS = "publishers: publishing loops";
    static final String BROKER = "broker in this JVM (HiveMQ CE)";
    static final String JIT = "JVM: JIT compilers";
    static final String GC = "JVM: GC";
    static final String SAMPLER = "benchmark: CPU sampler (reads /proc)";
    /** The JVM's first thread keeps the kernel name "java": JUnit's main thread, which waits for the count. */
    static final String WAITING = "benchmark: waiting for the count (java, bench-watch)";
    /** Prefix of the groups of every other thread, by name with digits as '#'. */
    static final String OTHER = "other: ";
    /** In the order of the budget's table. */
    static final List<String> ORDER = List.of(VERIFY, MQTT_RECEIVE, MQTT_OTHER, WRITER, POLLER, ANCHORER, BROKER,
            PUBLISHER_MQTT, PUBLISHER_LOOPS, JIT, GC, SAMPLER, WAITING);
    static final String PUBLISH_LOOP_THREAD = "bench-publish-";
    static final String WATCH_THREAD = "bench-watch";
    private static final List<String> HIVEMQ = List.of("hivemq-", "single-writer", "persistence-", "payload-persist",
            "extension-", "managed-extensi", "async-iterator", "rocksdb:", "Xodus");

    private final String ingestClientId;
    private final String publisherClientIdPrefix;

    BenchThreadGroups(String ingestClientId, String publisherClientIdPrefix) {
        if (ingestClientId.charAt(0) == publisherClientIdPrefix.charAt(0)) {
            throw new IllegalArgumentException("client ids " + ingestClientId + " and " + publisherClientIdPrefix
                    + "... would be one group: Paho's thread names keep only their first characters");
        }
        this.ingestClientId = ingestClientId;
        this.publisherClientIdPrefix = publisherClientIdPrefix;
    }

    @Override
    public String apply(String name) {
        if (name.startsWith("MQTT ") && name.contains(": ")) {
            String id = name.substring(name.indexOf(": ") + 2);
            if (!id.isEmpty() && ingestClientId.startsWith(id)) {
                return name.startsWith("MQTT Rec:") ? MQTT_RECEIVE : MQTT_OTHER;
            }
            if (!id.isEmpty() && publisherClientIdPrefix.startsWith(id)) {
                return PUBLISHER_MQTT;
            }
        }
        if (name.startsWith("pt-ingest-verif")) {
            return VERIFY;
        }
        if (name.startsWith("pt-ingest-write")) {
            return WRITER;
        }
        if (name.startsWith("pt-ingest-polle")) {
            return POLLER;
        }
        if (name.startsWith("pt-anchor")) {
            return ANCHORER;
        }
        if (name.startsWith(PUBLISH_LOOP_THREAD)) {
            return PUBLISHER_LOOPS;
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return GC;
        }
        if (name.startsWith(CpuSampler.THREAD_NAME)) {
            return SAMPLER;
        }
        if (name.startsWith(WATCH_THREAD) || name.equals("java")) {
            return WAITING;
        }
        if (HIVEMQ.stream().anyMatch(name::startsWith)) {
            return BROKER;
        }
        return OTHER + name.replaceAll("[0-9]+", "#");
    }
}
