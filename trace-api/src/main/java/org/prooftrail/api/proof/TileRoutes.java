package org.prooftrail.api.proof;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import org.prooftrail.api.ApiFeature;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.http.Problems;
import org.prooftrail.api.limits.PublicRateLimit;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.core.merkle.TilePath;
import org.prooftrail.core.merkle.TiledSubtrees;
import org.prooftrail.store.Database;
import org.prooftrail.store.log.CheckpointRows;
import org.prooftrail.store.log.ChunkRoots;
import org.prooftrail.store.log.LogTiles;
import org.prooftrail.store.log.StoredCheckpoint;

/**
 * The log as C2SP tlog-tiles serves it, with prefix {@code /log}: the signed checkpoint, hash tiles and
 * entry bundles (an entry is a chunk root, its leaf hash {@code H(0x00 || root)}). A mirror, monitor
 * or CDN can follow the log from these alone. Full tiles never change and are cached for a year;
 * partial ones and the checkpoint change with every append. The tile paths span several path
 * segments, which the contract cannot describe, so they are plain routes.
 */
public final class TileRoutes implements ApiFeature {
    static final String FULL_CACHE = "public, max-age=31536000, immutable";
    static final String SHORT_CACHE = "public, max-age=2";
    private static final String PREFIX = "/log/tile/";

    private final Database db;
    private final int hashSize;
    private final PublicRateLimit limit;

    public TileRoutes(Database db, String hashAlg, PublicRateLimit limit) {
        this.db = db;
        this.limit = limit;
        this.hashSize = MerkleHasher.byName(hashAlg).size();
    }

    @Override
    public void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().lookups();
        m.operation("getLogCheckpoint").addHandler(limit).addHandler(ctx -> checkpoint(workers, ctx));
        m.plain().getWithRegex("/log/tile/.*").handler(limit).handler(ctx -> tile(workers, ctx));
        m.operation("getLogTile").addHandler(ctx -> tile(workers, ctx)); // never reached: the plain route matches first
    }

    private void checkpoint(WorkerExecutor workers, RoutingContext ctx) {
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                return CheckpointRows.latest(c);
            }
        }, false).onSuccess(cp -> {
            if (cp == null) {
                Problems.send(ctx, 404, "no checkpoint yet");
            } else {
                ctx.response().putHeader("content-type", "text/plain; charset=utf-8")
                        .putHeader("cache-control", SHORT_CACHE).end(cp.note());
            }
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    private void tile(WorkerExecutor workers, RoutingContext ctx) {
        TilePath path;
        try {
            path = TilePath.parse(ctx.request().path().substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, 400, e.getMessage());
            return;
        }
        workers.executeBlocking(() -> {
            try (Connection c = db.connection()) {
                return path.entries() ? entries(c, path) : hashes(c, path);
            }
        }, false).onSuccess(bytes -> {
            if (bytes == null) {
                Problems.send(ctx, 404, "no tile " + path.format() + " in the log as of its latest checkpoint");
            } else {
                ctx.response().putHeader("content-type", "application/octet-stream")
                        .putHeader("cache-control", path.partial() ? SHORT_CACHE : FULL_CACHE).end(Buffer.buffer(bytes));
            }
        }).onFailure(e -> Problems.failed(ctx, e));
    }

    /** The tile's first {@code width} hashes, or null when the stored tile is shorter (beyond the tree). */
    private byte[] hashes(Connection c, TilePath path) throws java.sql.SQLException {
        byte[] tile = LogTiles.read(c, path.level(), path.index());
        int bytes = path.width() * hashSize;
        if (tile == null || tile.length < bytes) {
            return null;
        }
        return tile.length == bytes ? tile : Arrays.copyOf(tile, bytes);
    }

    /**
     * Entry bundle: each chunk root with a big-endian uint16 length prefix. Only entries the tiles (and
     * so a checkpoint) hold are served.
     */
    private byte[] entries(Connection c, TilePath path) throws java.sql.SQLException {
        long from = path.index() * TiledSubtrees.WIDTH;
        long to = from + path.width();
        if (LogTiles.size(c, hashSize) < to) {
            return null;
        }
        List<byte[]> roots = ChunkRoots.logged(c, from, to);
        if (roots.size() != path.width()) {
            return null;
        }
        Buffer out = Buffer.buffer(roots.size() * (2 + hashSize));
        for (byte[] root : roots) {
            out.appendUnsignedShort(root.length).appendBytes(root);
        }
        return out.getBytes();
    }
}
