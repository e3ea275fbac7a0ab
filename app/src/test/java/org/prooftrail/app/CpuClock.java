package org.prooftrail.app;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.prooftrail.embedded.testing.cpu.PostgresServer;

/**
 * CPU time spent since it was made by this JVM and by the PostgreSQL server behind a pool (read from
 * {@code /proc} by {@link PostgresServer}: the postmaster, the children it reaped and its live backends),
 * so a benchmark on a busy machine can still say what one unit of work costs, which wall-clock rates
 * there cannot. The database's figure counts everything that server did: meaningful for a test's own
 * (embedded) server only.
 */
final class CpuClock {
    /** Threads that do the server's work: its worker pools, the signing and derivation on the common pool, the event loops (which also run the benchmark's HTTP client). */
    private static final java.util.List<String> SERVER_THREADS = java.util.List.of("pt-api-", "pt-db", "ForkJoinPool.commonPool-", "vert.x-eventloop-");
    private final java.util.Map<Long, Long> serverStart = serverThreads();
    private final long jvmStart;
    private final PostgresServer database;
    private final long databaseStart;

    CpuClock(DataSource db) throws SQLException {
        database = PostgresServer.of(db);
        jvmStart = jvmNanos();
        databaseStart = database.allNanos();
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

    long databaseMicros() {
        return (database.allNanos() - databaseStart) / 1000;
    }

    private static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
