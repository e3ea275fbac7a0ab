package org.prooftrail.ingest.verify;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.VerifyingKey;
import org.prooftrail.core.envelope.DeviceKey;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.StoredKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device keys by key id, loaded from the registry on first use and kept. Revocation reaches the
 * cache by polling the registry for keys revoked since the last poll ({@link #pollRevocations}),
 * so a revoked key stops verifying within one poll interval on every replica. Unknown key ids are
 * remembered briefly so that a flood of garbage does not become a flood of queries.
 */
public final class KeyCache {
    private static final Logger LOG = LoggerFactory.getLogger(KeyCache.class);
    private static final long UNKNOWN_TTL_NANOS = 2_000_000_000L;

    /** A usable key with the organisation its device belongs to. */
    public record CachedKey(DeviceKey deviceKey, String orgId) {
    }

    private record Entry(CachedKey key, long loadedNanos) {
    }

    private final DeviceRegistry registry;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile Instant lastPoll;

    public KeyCache(DeviceRegistry registry) throws SQLException {
        this.registry = registry;
        this.lastPoll = registry.revokedSince(Instant.now()).asOf();
    }

    /** Empty when the key id is unknown; a revoked key is returned marked revoked. */
    public Optional<CachedKey> find(String kid) {
        Entry e = entries.get(kid);
        if (e != null && (e.key() != null || System.nanoTime() - e.loadedNanos() < UNKNOWN_TTL_NANOS)) {
            return Optional.ofNullable(e.key());
        }
        Entry loaded = load(kid);
        entries.put(kid, loaded);
        return Optional.ofNullable(loaded.key());
    }

    private Entry load(String kid) {
        try {
            Optional<StoredKey> stored = registry.findKey(kid);
            if (stored.isEmpty()) {
                return new Entry(null, System.nanoTime());
            }
            StoredKey s = stored.get();
            VerifyingKey key = PublicKeys.fromPem(s.publicKeyPem());
            return new Entry(new CachedKey(new DeviceKey(s.kid(), s.deviceId(), key, s.revoked()), s.orgId()),
                    System.nanoTime());
        } catch (KeyFormatException e) {
            LOG.error("registered key {} cannot be read: {}", kid, e.getMessage());
            return new Entry(null, System.nanoTime());
        } catch (SQLException e) {
            // The database is down: the message cannot be judged now. Callers treat this as
            // "retry later", never as an unknown device.
            throw new KeyLookupUnavailable(kid, e);
        }
    }

    /** Drops keys revoked since the last poll; they are reloaded, marked revoked, on next use. */
    public int pollRevocations() throws SQLException {
        DeviceRegistry.Revocations r = registry.revokedSince(lastPoll.minusSeconds(1));
        for (String kid : r.kids()) {
            entries.remove(kid);
        }
        lastPoll = r.asOf();
        return r.kids().size();
    }

    /** The registry could not be asked; the message must wait, not be refused. */
    public static final class KeyLookupUnavailable extends RuntimeException {
        public KeyLookupUnavailable(String kid, SQLException cause) {
            super("cannot look up key " + kid + ": " + cause.getMessage(), cause);
        }
    }
}
