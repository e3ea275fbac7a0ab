package org.prooftrail.embedded.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.prooftrail.core.config.DatabaseSettings;

/**
 * A real hot standby of the test PostgreSQL server: a base backup into a temporary folder and a second
 * {@code postgres} process on a free port, streaming from the server through a replication slot (so the
 * primary keeps the WAL it needs). With {@code pg_basebackup} beside the server's binaries (Debian's) it
 * is {@code pg_basebackup -R}; the embedded server's binaries have no {@code pg_basebackup}, so its backup
 * is PostgreSQL's low-level one ({@code pg_backup_start}, a copy of the data folder, {@code pg_backup_stop}).
 * The server must allow replication connections from 127.0.0.1; when it does not, the test is skipped by an
 * assumption naming the pg_hba.conf line it lacks. Close it in every case: the process is killed, the slot
 * dropped and the folder deleted.
 */
public final class HotStandby implements AutoCloseable {
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts");
    private static final Set<String> EMPTIED = Set.of("pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_subtrans");

    private final DatabaseSettings primary;
    private final Path dir;
    private final Process process;
    private final int port;
    private final String slot;
    /** Kills the standby if the test JVM ends without closing it. */
    private final Thread killer;

    private HotStandby(DatabaseSettings primary, Path dir, Process process, int port, String slot) {
        this.primary = primary;
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.slot = slot;
        this.killer = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** A standby of the server that holds {@code db} (every database of it), streaming and open for reads. */
    public static HotStandby of(DatabaseSettings db) throws Exception {
        String slot = "pt_standby_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dir = Files.createTempDirectory(TestServices.workDir(), "standby-");
        Process process = null;
        boolean slotMade = false;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            String walLevel = show(c, "wal_level");
            Assumptions.assumeTrue(!walLevel.equals("minimal") && Integer.parseInt(show(c, "max_wal_senders")) > 0,
                    "the test PostgreSQL must allow streaming replication: wal_level = replica and max_wal_senders > 0 (has "
                            + walLevel + ", " + show(c, "max_wal_senders") + ")");
            replicationAllowed(db);
            Path bin = binaries(c);
            int primaryPort = Integer.parseInt(show(c, "port"));
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_create_physical_replication_slot('" + slot + "', true)");
                slotMade = true;
            }
            String conninfo = "host=127.0.0.1 port=" + primaryPort + " user=" + db.user()
                    + (db.password().isEmpty() ? "" : " password=" + db.password());
            if (Files.isExecutable(bin.resolve("pg_basebackup"))) {
                run(List.of(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort),
                        "-U", db.user(), "-D", dir.toString(), "-R", "-X", "stream", "-c", "fast", "-S", slot), db.password());
            } else {
                lowLevelBackup(c, dir);
                Files.writeString(dir.resolve("standby.signal"), "");
                Files.writeString(dir.resolve("postgresql.auto.conf"), "\nprimary_conninfo = '" + conninfo + "'\n"
                        + "primary_slot_name = '" + slot + "'\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND,
                        java.nio.file.StandardOpenOption.CREATE);
            }
            // Debian keeps its configuration under /etc, not in the data folder: the standby gets its own
            if (!Files.exists(dir.resolve("postgresql.conf"))) {
                Files.writeString(dir.resolve("postgresql.conf"), "");
            }
            Files.writeString(dir.resolve("pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
            if (!Files.exists(dir.resolve("pg_ident.conf"))) {
                Files.writeString(dir.resolve("pg_ident.conf"), "");
            }
            int port = freePort();
            List<String> cmd = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // PostgreSQL refuses to run as root; in a user namespace of its own it is not (as zonky runs it)
                cmd.addAll(List.of("unshare", "-U"));
            }
            cmd.addAll(List.of(bin.resolve("postgres").toString(), "-D", dir.toString(), "-p", String.valueOf(port),
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "hot_standby=on",
                    "-c", "fsync=off", "-c", "logging_collector=off"));
            // a hot standby needs at least the primary's values of these
            for (String p : List.of("max_connections", "max_worker_processes", "max_wal_senders", "max_prepared_transactions",
                    "max_locks_per_transaction")) {
                cmd.addAll(List.of("-c", p + "=" + show(c, p)));
            }
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.getParent().resolve(dir.getFileName() + ".log").toFile()).start();
            HotStandby standby = new HotStandby(db, dir, process, port, slot);
            Process started = process;
            String dbName = db.url().substring(db.url().lastIndexOf('/') + 1).split("\\?")[0];
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!started.isAlive()) {
                    throw new IllegalStateException("the standby stopped: " + standby.log());
                }
                try (Connection s = DriverManager.getConnection(standby.settings(dbName).url(), db.user(), db.password());
                     Statement st = s.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                    return rs.next() && rs.getBoolean(1);
                } catch (SQLException e) {
                    return false;
                }
            });
            return standby;
        } catch (Throwable e) {
            if (process != null) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (slotMade) {
                dropSlot(db, slot);
            }
            TestServices.deleteTree(dir);
            throw e;
        }
    }

    /** The standby's settings for database {@code name} of the server. */
    public DatabaseSettings settings(String name) {
        return new DatabaseSettings("jdbc:postgresql://127.0.0.1:" + port + "/" + name, primary.user(), primary.password(), 4);
    }

    /** The standby's settings for the same database as {@code db}. */
    public DatabaseSettings like(DatabaseSettings db) {
        String name = db.url().substring(db.url().lastIndexOf('/') + 1).split("\\?")[0];
        return settings(name).withPoolSize(db.poolSize());
    }

    public int port() {
        return port;
    }

    /** Replay paused (true) or resumed (false): the primary goes on, the standby stays where it is. */
    public void pauseReplay(boolean pause) throws SQLException {
        try (Connection c = DriverManager.getConnection(settings("postgres").url(), primary.user(), primary.password());
             Statement s = c.createStatement()) {
            s.execute(pause ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()");
        }
    }

    /** Waits until the standby has replayed everything the primary had written when called. */
    public void catchUp() throws SQLException {
        long target;
        try (Connection c = DriverManager.getConnection(primary.url(), primary.user(), primary.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()::text")) {
            rs.next();
            target = lsn(rs.getString(1));
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> replayed() >= target);
    }

    /** How far the standby has replayed. */
    public long replayed() throws SQLException {
        try (Connection c = DriverManager.getConnection(settings("postgres").url(), primary.user(), primary.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_last_wal_replay_lsn()::text")) {
            rs.next();
            return lsn(rs.getString(1));
        }
    }

    private static long lsn(String text) {
        int slash = text.indexOf('/');
        return (Long.parseLong(text.substring(0, slash), 16) << 32) | Long.parseLong(text.substring(slash + 1), 16);
    }

    /** What the standby process wrote (for a failure's message). */
    public String log() {
        try {
            return Files.readString(dir.getParent().resolve(dir.getFileName() + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the standby (a fast shutdown, then SIGKILL), drops its slot on the primary and deletes its folder. */
    @Override
    public void close() throws Exception {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            // SIGINT is PostgreSQL's fast shutdown; SIGTERM (Process.destroy) would wait for every client to leave
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().removeShutdownHook(killer);
        dropSlot(primary, slot);
        TestServices.deleteTree(dir);
        Files.deleteIfExists(dir.getParent().resolve(dir.getFileName() + ".log"));
    }

    private static void dropSlot(DatabaseSettings db, String slot) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement()) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "'");
                return true;
            });
        } catch (SQLException ignored) {
            // best effort: the slot of a dead standby only keeps WAL on a test server
        }
    }

    /** Skips the test, naming the missing pg_hba.conf line, when the server refuses replication connections. */
    private static void replicationAllowed(DatabaseSettings db) {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        p.setProperty("password", db.password());
        p.setProperty("replication", "true");
        p.setProperty("assumeMinServerVersion", "9.4");
        p.setProperty("preferQueryMode", "simple");
        try (Connection ignored = DriverManager.getConnection(db.url(), p)) {
            // allowed
        } catch (SQLException e) {
            boolean hba = String.valueOf(e.getMessage()).contains("pg_hba.conf");
            Assumptions.assumeTrue(!hba, "the test PostgreSQL does not allow replication connections from 127.0.0.1: its "
                    + "pg_hba.conf needs the line 'host replication " + db.user() + " 127.0.0.1/32 trust' (" + e.getMessage() + ")");
            throw new IllegalStateException("replication connection refused: " + e.getMessage(), e);
        }
    }

    /** The folder of the running server's binaries: its postmaster's executable, else Debian's for its version. */
    private static Path binaries(Connection c) throws SQLException, IOException {
        Path data = Path.of(show(c, "data_directory"));
        try {
            String pid = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
            Path exe = Files.readSymbolicLink(Path.of("/proc", pid, "exe"));
            return exe.getParent();
        } catch (IOException | SecurityException e) {
            String major = show(c, "server_version_num").substring(0, 2);
            return Path.of("/usr/lib/postgresql", major, "bin");
        }
    }

    /** PostgreSQL's low-level base backup: the data folder copied between pg_backup_start and pg_backup_stop. */
    private static void lowLevelBackup(Connection c, Path target) throws SQLException, IOException {
        Path data = Path.of(show(c, "data_directory"));
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_backup_start('prooftrail-test-standby', true)");
            copy(data, target);
            try (ResultSet rs = s.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(target.resolve("backup_label"), rs.getString(1));
                String map = rs.getString(2);
                if (map != null && !map.isEmpty()) {
                    Files.writeString(target.resolve("tablespace_map"), map);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path rel = from.relativize(p);
                if (rel.getNameCount() > 0 && NOT_COPIED.contains(rel.toString())) {
                    continue;
                }
                if (rel.getNameCount() > 1 && EMPTIED.contains(rel.getName(0).toString())) {
                    continue; // the folder is made, its contents are the running server's own
                }
                Path dest = to.resolve(rel.toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest);
                    }
                } catch (NoSuchFileException | FileAlreadyExistsException e) {
                    // a file the server removed while it was copied: the WAL replayed from the backup start restores it
                }
            }
        }
    }

    private static void run(List<String> cmd, String password) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (!password.isEmpty()) {
            b.environment().put("PGPASSWORD", password);
        }
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
