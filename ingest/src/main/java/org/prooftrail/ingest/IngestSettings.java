package org.prooftrail.ingest;

import java.time.Duration;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.envelope.SeqWindow;
import org.prooftrail.ingest.loss.LossSettings;

/**
 * How ingest batches and bounds its work.
 *
 * @param maxPayloadBytes envelopes above this are rejected unread (OVERSIZED)
 * @param batchSize       a batch commits when it holds this many messages...
 * @param batchDelay      ...or when its oldest message has waited this long...
 * @param batchIdle       ...or when no message came for this long (the broker may be waiting for acks)
 * @param maxInFlight     messages received but not yet acknowledged; sent to the broker as the MQTT 5
 *                        Receive Maximum, so a slow database stops the flow at the broker, not in memory,
 *                        and enforced by ingest itself for brokers that do not honour it
 * @param maxInFlightBytes payload bytes received but not yet acknowledged; past it ingest stops reading
 *                        from the broker until half of it is stored
 * @param batchBytes      a batch also commits once its payloads reach this many bytes (writing a batch
 *                        makes transient copies of it)
 * @param verifyThreads   signature checks in parallel; a device's messages are checked one after another,
 *                        in the order they arrived
 * @param verifyBatch     a free verification thread takes the next message of up to this many devices that
 *                        have one waiting and checks them together (Ed25519 signatures in one batch); it never
 *                        waits for more, so under light load batches are of one
 * @param writers         batches committed at once, each on its own connection; a device's messages
 *                        always go to the same writer, so its envelopes are stored in the order they arrived
 * @param seqWindow       an envelope whose seq is more than this far below the device's highest stored
 *                        seq is refused (SEQ_OUT_OF_WINDOW)
 * @param seqMaxJump      ... and one more than this far above it (PT_INGEST_SEQ_MAX_JUMP, see SeqWindow)
 * @param hashAlg         sha256, or sm3 in national-algorithm mode
 * @param revocationPoll  how often revocations are picked up from the database
 * @param sessionExpiry   how long the broker keeps ingest's session (and its queued messages) while
 *                        ingest is away
 * @param maxClockSkew    envelopes dated further ahead of this server's clock are refused (CLOCK_SKEW)
 * @param loss            when seq gaps raise alerts and degrade readiness
 * @param resubscribeIdle after this long with nothing received and nothing held, the subscription is sent
 *                        again ({@link org.prooftrail.ingest.mqtt.IngestMqttClient#resubscribeIfIdle})
 * @param leaveOnStop     whether a graceful stop leaves the shared subscription (the broker then routes to
 *                        the other replicas) or keeps it (the broker queues this replica's share for its
 *                        return under the same client id); see docs/deploy.md
 */
public record IngestSettings(int maxPayloadBytes, int batchSize, Duration batchDelay, Duration batchIdle, int maxInFlight,
                             int maxInFlightBytes, int batchBytes, int verifyThreads, int verifyBatch, int writers, long seqWindow, long seqMaxJump, String hashAlg,
                             Duration revocationPoll, Duration sessionExpiry, Duration maxClockSkew, LossSettings loss,
                             Duration resubscribeIdle, boolean leaveOnStop) {
    public static final String MAX_PAYLOAD = "PT_INGEST_MAX_PAYLOAD_BYTES";
    public static final String BATCH_SIZE = "PT_INGEST_BATCH_SIZE";
    public static final String BATCH_DELAY = "PT_INGEST_BATCH_DELAY";
    public static final String BATCH_IDLE = "PT_INGEST_BATCH_IDLE";
    public static final String MAX_IN_FLIGHT = "PT_INGEST_MAX_IN_FLIGHT";
    public static final String MAX_IN_FLIGHT_BYTES = "PT_INGEST_MAX_IN_FLIGHT_BYTES";
    public static final String BATCH_BYTES = "PT_INGEST_BATCH_BYTES";
    public static final String VERIFY_THREADS = "PT_INGEST_VERIFY_THREADS";
    public static final String VERIFY_BATCH = "PT_INGEST_VERIFY_BATCH";
    public static final String WRITERS = "PT_INGEST_WRITERS";
    public static final String SEQ_WINDOW = SeqWindow.SETTING;
    public static final String HASH = "PT_HASH";
    public static final String REVOCATION_POLL = "PT_INGEST_REVOCATION_POLL";
    public static final String SESSION_EXPIRY = "PT_INGEST_SESSION_EXPIRY";
    public static final String MAX_CLOCK_SKEW = "PT_INGEST_MAX_CLOCK_SKEW";
    public static final String RESUBSCRIBE_IDLE = "PT_INGEST_RESUBSCRIBE_IDLE";
    public static final String LEAVE_ON_STOP = "PT_INGEST_LEAVE_ON_STOP";

    public static IngestSettings from(Settings s) {
        String hash = s.string(HASH, "sha256").toLowerCase();
        if (!hash.equals("sha256") && !hash.equals("sm3")) {
            throw new ConfigException(HASH, "must be sha256 or sm3, got '" + hash + "'");
        }
        int batch = s.integer(BATCH_SIZE, 1000, 1, 20_000);
        long heap = Runtime.getRuntime().maxMemory();
        int inFlight = s.integer(MAX_IN_FLIGHT, InFlightDefaults.messages(heap, batch), 1, 65_535);
        if (inFlight < batch) {
            throw new ConfigException(MAX_IN_FLIGHT, "must be at least " + BATCH_SIZE + " (" + batch + "), got " + inFlight);
        }
        int maxPayload = s.integer(MAX_PAYLOAD, 256 * 1024, 1024, 64 * 1024 * 1024);
        int inFlightBytes = s.integer(MAX_IN_FLIGHT_BYTES, InFlightDefaults.bytes(heap, maxPayload), 1024, Integer.MAX_VALUE);
        if (inFlightBytes < 2 * maxPayload) {
            // reading resumes at half the bound, where the largest message must fit
            throw new ConfigException(MAX_IN_FLIGHT_BYTES, "must be at least twice " + MAX_PAYLOAD + " (" + 2L * maxPayload
                    + "), got " + inFlightBytes);
        }
        int batchBytes = s.integer(BATCH_BYTES, InFlightDefaults.batchBytes(inFlightBytes, maxPayload), 1024, inFlightBytes);
        return new IngestSettings(
                maxPayload,
                batch,
                s.duration(BATCH_DELAY, Duration.ofMillis(50)),
                s.duration(BATCH_IDLE, Duration.ofMillis(3)),
                inFlight,
                inFlightBytes,
                batchBytes,
                s.integer(VERIFY_THREADS, Runtime.getRuntime().availableProcessors(), 1, 256),
                // 64: Ed25519BatchVerifier costs about a third of single checks per signature from 16 on,
                // and a batch with a bad signature pays single checks for all of it
                s.integer(VERIFY_BATCH, 64, 1, 1024),
                // one: with ingest, the broker and PostgreSQL on the same two cores, two writers made
                // batches a fifth the size (each commits sooner, so less waits for it) and no faster;
                // more than one pays where the database has cores of its own (docs/configuration.md)
                s.integer(WRITERS, 1, 1, 16),
                SeqWindow.from(s),
                SeqWindow.maxJump(s),
                hash,
                s.duration(REVOCATION_POLL, Duration.ofSeconds(2)),
                s.duration(SESSION_EXPIRY, Duration.ofDays(7)),
                s.duration(MAX_CLOCK_SKEW, Duration.ofMinutes(5)),
                LossSettings.from(s),
                s.duration(RESUBSCRIBE_IDLE, Duration.ofSeconds(10)),
                s.flag(LEAVE_ON_STOP, true));
    }

    public static IngestSettings defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
