package org.prooftrail.store.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.prooftrail.core.merkle.MerkleHasher;

/** A server's {@link LogProofs}, one per hash, each with its bounded cache of full tiles kept across requests. */
public final class LogProofsByHash {
    private final Map<String, LogProofs> logs = new ConcurrentHashMap<>();

    public LogProofs get(MerkleHasher hasher) {
        return logs.computeIfAbsent(hasher.name(), n -> new LogProofs(hasher, new TileCache(hasher.size(), TileCache.DEFAULT_TILES)));
    }
}
