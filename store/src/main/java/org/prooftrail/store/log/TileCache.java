package org.prooftrail.store.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.prooftrail.core.merkle.TileSource;
import org.prooftrail.core.merkle.TiledSubtrees;

/**
 * A bounded cache of full tiles, which never change once full, shared by a process's proof requests.
 * Partial tiles (the log's right edge) are read afresh each time. A proof of one leaf touches one or
 * two tiles per tile level (four levels hold 2^32 leaves), so a few hundred tiles serve a busy API.
 */
public final class TileCache {
    /** About 8 MiB of SHA-256 or SM3 tiles. */
    public static final int DEFAULT_TILES = 1024;

    private final int hashSize;
    private final LinkedHashMap<String, byte[]> full;

    public TileCache(int hashSize, int maxTiles) {
        this.hashSize = hashSize;
        this.full = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > maxTiles;
            }
        };
    }

    /**
     * The tiles as one request sees them, reading through {@code c}: partial tiles are read once per
     * source, so one proof sees one right edge.
     *
     * @throws UncheckedSqlException from {@link TileSource#tile} when the read fails
     */
    public TileSource source(Connection c) {
        Map<String, byte[]> seen = new HashMap<>();
        return (level, index) -> {
            String key = level + "/" + index;
            byte[] tile = seen.get(key);
            if (tile == null) {
                synchronized (full) {
                    tile = full.get(key);
                }
            }
            if (tile == null) {
                try {
                    tile = LogTiles.read(c, level, index);
                } catch (SQLException e) {
                    throw new UncheckedSqlException(e);
                }
                if (tile != null && tile.length == TiledSubtrees.WIDTH * hashSize) {
                    synchronized (full) {
                        full.put(key, tile);
                    }
                }
            }
            if (tile != null) {
                seen.put(key, tile);
            }
            return tile;
        };
    }

    /** A failed tile read inside a {@link TileSource}, whose signature cannot throw {@link SQLException}. */
    public static final class UncheckedSqlException extends RuntimeException {
        public UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
