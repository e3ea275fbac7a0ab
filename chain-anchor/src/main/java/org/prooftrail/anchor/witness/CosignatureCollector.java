package org.prooftrail.anchor.witness;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.prooftrail.anchor.checkpoint.Cosignature;
import org.prooftrail.anchor.checkpoint.SignedNote;

/**
 * The log's side of C2SP tlog-witness: submits a checkpoint to every witness at once, with a
 * consistency proof from the size each witness last cosigned. It remembers those sizes; a witness it
 * has not heard from yet (or one that answers 409) tells it its size, and gets a second request with
 * the proof from there. Only cosignature lines that verify under the configured witness key are kept.
 */
public final class CosignatureCollector {
    /** Consistency proofs from the log's tiles. */
    @FunctionalInterface
    public interface ProofSource {
        List<byte[]> consistencyProof(long oldSize, long newSize) throws SQLException;
    }

    /** What one round of requests gave: the valid cosignature lines and, per witness that gave none, why. */
    public record Outcome(Map<String, String> cosignatures, Map<String, String> refusals) {
        public String lines() {
            return String.join("", cosignatures.values());
        }
    }

    private record Reply(int status, String body, String error) {
    }

    private final Witnesses witnesses;
    private final HttpClient http;
    private final Map<String, Long> knownSizes = new HashMap<>();

    public CosignatureCollector(Witnesses witnesses) {
        this.witnesses = witnesses;
        this.http = HttpClient.newBuilder().connectTimeout(witnesses.timeout()).build();
    }

    public Witnesses witnesses() {
        return witnesses;
    }

    /** Asks every witness to cosign the checkpoint of {@code size} (its signed note {@code note}). */
    public Outcome collect(String note, long size, ProofSource proofs) throws SQLException {
        Map<String, String> cosignatures = new LinkedHashMap<>();
        Map<String, String> refusals = new LinkedHashMap<>();
        List<WitnessEndpoint> pending = new ArrayList<>(witnesses.endpoints());
        for (int round = 0; round < 2 && !pending.isEmpty(); round++) {
            Map<WitnessEndpoint, CompletableFuture<Reply>> sent = new LinkedHashMap<>();
            Map<Long, List<byte[]>> proofCache = new HashMap<>();
            for (WitnessEndpoint w : pending) {
                long old = knownSizes.getOrDefault(w.name(), 0L);
                if (old > size) {
                    refusals.put(w.name(), "it has cosigned size " + old + ", larger than this checkpoint's " + size
                            + ": the log was rolled back");
                    continue;
                }
                List<byte[]> proof = List.of();
                if (old != 0 && old != size) {
                    proof = proofCache.get(old);
                    if (proof == null) {
                        proof = proofs.consistencyProof(old, size);
                        proofCache.put(old, proof);
                    }
                }
                sent.put(w, send(w, new AddCheckpoint(old, proof, note)));
            }
            pending.clear();
            for (Map.Entry<WitnessEndpoint, CompletableFuture<Reply>> e : sent.entrySet()) {
                WitnessEndpoint w = e.getKey();
                Reply r = e.getValue().join();
                if (r.error() != null) {
                    refusals.put(w.name(), r.error());
                } else if (r.status() == 200) {
                    String line = validLine(w, note, r.body());
                    if (line != null) {
                        knownSizes.put(w.name(), size);
                        cosignatures.put(w.name(), line);
                        refusals.remove(w.name());
                    } else {
                        refusals.put(w.name(), "answered 200 without a valid cosignature by its key");
                    }
                } else if (r.status() == 409 && r.body().trim().matches("0|[1-9][0-9]{0,18}")) {
                    long theirs = Long.parseLong(r.body().trim());
                    boolean retry = knownSizes.getOrDefault(w.name(), 0L) != theirs;
                    knownSizes.put(w.name(), theirs);
                    refusals.put(w.name(), "409: it has cosigned size " + theirs);
                    if (retry) {
                        pending.add(w);
                    }
                } else {
                    refusals.put(w.name(), r.status() + ": " + r.body().trim());
                }
            }
        }
        return new Outcome(cosignatures, refusals);
    }

    private CompletableFuture<Reply> send(WitnessEndpoint w, AddCheckpoint request) {
        HttpRequest req = HttpRequest.newBuilder(w.addCheckpoint()).timeout(witnesses.timeout())
                .header("content-type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(request.body())).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Reply(r.statusCode(), r.body(), null))
                .exceptionally(e -> new Reply(0, "", "unreachable (" + (e.getCause() != null ? e.getCause() : e) + ")"));
    }

    /** The first line of the answer that is the witness's valid cosignature of this note; null when none is. */
    private static String validLine(WitnessEndpoint w, String note, String body) {
        String text = SignedNote.text(note);
        for (String line : body.split("\n")) {
            if (!line.isEmpty() && Cosignature.verify(line, w.key(), text).isPresent()) {
                return line + "\n";
            }
        }
        return null;
    }
}
