package org.prooftrail.embedded.testing.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The PostgreSQL server behind a pool, as processes on this machine: the postmaster and its children
 * (a backend per connection, autovacuum workers, the WAL writer, the checkpointer). The server must run
 * on this machine, seen from this PID namespace.
 */
public final class PostgresServer {
    private final long postmaster;
    private final String database;
    /** What each child (by {@link ProcStat#key}) works for, from its title, which names its database and never changes. */
    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();

    private enum Kind { DATABASE, SERVER, OTHER }

    private PostgresServer(long postmaster, String database) {
        this.postmaster = postmaster;
        this.database = database;
    }

    /** The server of the pool's database, found from one backend's parent. */
    public static PostgresServer of(DataSource db) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid(), current_database()")) {
            rs.next();
            long backend = rs.getLong(1);
            long parent = ProcStat.ofProcess(backend).map(ProcStat::ppid).orElseThrow(() -> new IllegalStateException(
                    "backend " + backend + " is not a process here: PostgreSQL runs on another machine or in another PID namespace"));
            return new PostgresServer(parent, rs.getString(2));
        }
    }

    public long postmaster() {
        return postmaster;
    }

    public String database() {
        return database;
    }

    /**
     * All of the server's CPU so far: the postmaster's own time, what its ended children used (added to
     * it when it reaps them) and what its live children used; exact between two readings even though
     * backends come and go. On a shared server it counts everyone's work.
     */
    public long allNanos() {
        return ProcStat.ofProcess(postmaster).map(pm -> pm.nanos() + pm.childNanos()
                + children().stream().mapToLong(ProcStat::nanos).sum()).orElse(0L);
    }

    /**
     * {@link #allNanos} under {@code allGroup}; and, each to its last reading before it ended, the live
     * processes working for this pool's database (its backends and autovacuum workers) under
     * {@code databaseGroup} and the server's own (WAL writer, checkpointer, background writer,
     * launchers), which work for every database, under {@code serverGroup}. What remains of the
     * whole is other databases' and other clients' work.
     */
    public CpuSampler.Source source(String allGroup, String databaseGroup, String serverGroup) {
        return () -> ProcStat.ofProcess(postmaster).map(pm -> {
            List<CpuSampler.Part> parts = new ArrayList<>();
            long all = pm.nanos() + pm.childNanos();
            for (ProcStat child : children()) {
                all += child.nanos();
                Kind kind = kinds.computeIfAbsent(child.key(), k -> kind(title(child.id())));
                if (kind != Kind.OTHER) {
                    parts.add(new CpuSampler.Part("postgres/" + child.key(), kind == Kind.DATABASE ? databaseGroup : serverGroup,
                            child.nanos()));
                }
            }
            parts.add(new CpuSampler.Part("postgres/" + pm.key(), allGroup, all));
            return parts;
        }).orElse(List.of());
    }

    /** From a title such as "postgres: 15/main: user database 127.0.0.1(41234) idle" or "postgres: 15/main: walwriter". */
    private Kind kind(String title) {
        if (title.contains(database)) {
            return Kind.DATABASE;
        }
        boolean client = title.matches("(?s).*(\\(\\d+\\)|\\[local\\]).*");
        boolean worker = title.contains("autovacuum worker") || title.contains("parallel worker");
        return client || worker || title.isEmpty() ? Kind.OTHER : Kind.SERVER;
    }

    private List<ProcStat> children() {
        List<ProcStat> children = new ArrayList<>();
        for (long pid : childPids()) {
            ProcStat.ofProcess(pid).filter(p -> p.ppid() == postmaster).ifPresent(children::add);
        }
        return children;
    }

    private long[] childPids() {
        Path list = Path.of("/proc", Long.toString(postmaster), "task", Long.toString(postmaster), "children");
        try {
            String pids = Files.readString(list).trim();
            return pids.isEmpty() ? new long[0] : Stream.of(pids.split(" ")).mapToLong(Long::parseLong).toArray();
        } catch (IOException noChildrenFile) {
            // a kernel without CONFIG_PROC_CHILDREN: every process, filtered by parent in children()
            try (var procs = Files.list(Path.of("/proc"))) {
                return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .mapToLong(Long::parseLong).toArray();
            } catch (IOException e) {
                return new long[0];
            }
        }
    }

    /** A backend's process title: "postgres: 15/main: user database host(port) state". */
    private static String title(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }
}
