package org.prooftrail.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * CPU time spent since it was made by this JVM and by the PostgreSQL server behind a pool (read from
 * {@code /proc}: the postmaster, the children it reaped and its live backends), so a benchmark on a busy
 * machine can still say what one unit of work costs, which wall-clock rates there cannot. The database's
 * figure counts everything that server did: meaningful for a test's own (embedded) server only.
 */
final class CpuClock {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ on Linux
    /** Threads that do the server's work: its worker pools, the signing and derivation on the common pool, the event loops (which also run the benchmark's HTTP client). */
    private static final java.util.List<String> SERVER_THREADS = java.util.List.of("pt-api-", "pt-db", "ForkJoinPool.commonPool-", "vert.x-eventloop-");
    private final java.util.Map<Long, Long> serverStart = serverThreads();
    private final long jvmStart;
    private final long postmaster;
    private final long databaseStart;

    CpuClock(DataSource db) throws SQLException, IOException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            postmaster = field(rs.getLong(1), 3);
        }
        jvmStart = jvmNanos();
        databaseStart = databaseTicks();
    }

    long jvmMicros() {
        return (jvmNanos() - jvmStart) / 1000;
    }

    /** CPU of {@link #SERVER_THREADS} (JIT and garbage collection not included). */
    long serverMicros() {
        long nanos = 0;
        for (var e : serverThreads().entrySet()) {
            nanos += e.getValue() - serverStart.getOrDefault(e.getKey(), 0L);
        }
        return nanos / 1000;
    }

    private static java.util.Map<Long, Long> serverThreads() {
        var threads = ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && SERVER_THREADS.stream().anyMatch(info.getThreadName()::startsWith)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t >= 0) {
                    cpu.put(info.getThreadId(), t);
                }
            }
        }
        return cpu;
    }

    long databaseMicros() throws IOException {
        return (databaseTicks() - databaseStart) * 1_000_000 / TICKS_PER_SECOND;
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long databaseTicks() throws IOException {
        long ticks = field(postmaster, 13) + field(postmaster, 14) + field(postmaster, 15) + field(postmaster, 16);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name);
                    if (field(pid, 3) == postmaster) {
                        ticks += field(pid, 13) + field(pid, 14);
                    }
                } catch (IOException gone) {
                    // exited between the listing and the read; its time is now in the postmaster's cutime
                }
            }
        }
        return ticks;
    }

    /** Field {@code index} (0-based, after the command name) of /proc/pid/stat: 3 ppid, 13 utime, 14 stime, 15 cutime, 16 cstime. */
    private static long field(long pid, int index) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(after[index - 2]);
    }
}
