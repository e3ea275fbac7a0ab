package org.prooftrail.anchor.witness;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The witness's memory: per origin, the latest checkpoint it cosigned, in one small JSON file.
 * A file and not a database table because a witness is run by someone other than the log's operator
 * (a regulator, a company) and should need nothing but a disk; its state is a few bytes per log.
 * Each change is written to a temporary file, forced to disk, and renamed over the old one (then the
 * directory is forced), so a crash leaves either the old state or the new, never a torn one.
 */
public final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(long size, String root) {
    }

    private final Path file;
    private final Map<String, Cosigned> state = new HashMap<>();

    private StateFile(Path file) {
        this.file = file;
    }

    /** Reads the state, or starts empty when the file does not exist yet. */
    public static StateFile open(Path file) {
        StateFile s = new StateFile(file.toAbsolutePath());
        try {
            Files.createDirectories(s.file.getParent());
            if (Files.exists(s.file)) {
                Map<String, Entry> read = JSON.readValue(s.file.toFile(), new TypeReference<Map<String, Entry>>() { });
                read.forEach((origin, e) -> s.state.put(origin, new Cosigned(e.size(), Base64.getDecoder().decode(e.root()))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("witness state " + file + " is unreadable", e);
        }
        return s;
    }

    public synchronized Optional<Cosigned> latest(String origin) {
        return Optional.ofNullable(state.get(origin));
    }

    /** Records the newly cosigned checkpoint durably; returns only once it is on disk. */
    public synchronized void record(String origin, Cosigned cosigned) throws IOException {
        Map<String, Entry> out = new HashMap<>();
        state.forEach((o, c) -> out.put(o, new Entry(c.size(), Base64.getEncoder().encodeToString(c.root()))));
        out.put(origin, new Entry(cosigned.size(), Base64.getEncoder().encodeToString(cosigned.root())));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(out)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException ignored) {
            // some file systems cannot open a directory for syncing; the rename is still atomic
        }
        state.put(origin, cosigned);
    }
}
