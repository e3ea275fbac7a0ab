package org.prooftrail.ingest;

/**
 * Default in-flight bounds, from the JVM's maximum heap, so that a frozen database and a broker that
 * sends everything it has cannot exhaust the heap. A held message costs a few times its payload once
 * verified (the raw JWS, the decoded payload, the parsed readings) and a batch being written makes
 * transient copies of its payloads (bytea array text, the readings' COPY text), hence a tenth of the
 * heap for payloads. IngestMemoryBenchmark checks the result: a 384 MiB heap held 155 envelopes of
 * 256 KiB against a frozen database and stored them all afterwards (docs/deploy.md has the figures).
 */
final class InFlightDefaults {
    /** Heap budgeted per small message held (a 5-reading envelope is about 1 KiB on the wire). */
    static final long HEAP_PER_MESSAGE = 16 * 1024;
    /** A tenth of the heap for payloads in flight: held and written, they take several times that. */
    static final int HEAP_FRACTION_FOR_BYTES = 10;
    static final int MAX_DEFAULT_MESSAGES = 20_000;
    static final long MAX_DEFAULT_BYTES = 1L << 30;

    private InFlightDefaults() {
    }

    /** Up to 20,000 messages (the broker-side Receive Maximum shipped before), fewer on a small heap. */
    static int messages(long maxHeap, int batchSize) {
        long byHeap = maxHeap / HEAP_PER_MESSAGE;
        return (int) Math.max(batchSize, Math.min(MAX_DEFAULT_MESSAGES, byHeap));
    }

    static int bytes(long maxHeap, int maxPayload) {
        long byHeap = Math.min(MAX_DEFAULT_BYTES, maxHeap / HEAP_FRACTION_FOR_BYTES);
        return (int) Math.max(2L * maxPayload, byHeap);
    }

    /** A quarter of the in-flight bytes, so a batch's transient copies stay near the bound's size. */
    static int batchBytes(int inFlightBytes, int maxPayload) {
        return Math.max(maxPayload, inFlightBytes / 4);
    }
}
