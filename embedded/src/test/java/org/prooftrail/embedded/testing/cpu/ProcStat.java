package org.prooftrail.embedded.testing.cpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of {@code /proc/<pid>/stat} or {@code /proc/<pid>/task/<tid>/stat}: what a process or thread
 * is called and the CPU it has used. Linux counts that CPU in clock ticks of 10 ms (USER_HZ 100 on
 * every architecture the project runs on), so a figure read from here is good to 10 ms per thread.
 *
 * @param id the pid or tid
 * @param comm the name, cut by the kernel to 15 characters (a Java thread's name as Java set it)
 * @param ppid the parent process
 * @param ticks user plus system time of this process or thread
 * @param childTicks user plus system time of the children it has reaped (a process only)
 * @param startTicks when it started, after boot: with {@code id}, names it even after the id is reused
 */
public record ProcStat(long id, String comm, long ppid, long ticks, long childTicks, long startTicks) {
    public static final long TICK_NANOS = 10_000_000L;

    /** Empty when the process or thread has gone. */
    public static Optional<ProcStat> read(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException gone) {
            return Optional.empty();
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')'); // a name may itself hold ')' or spaces
        // fields from the 3rd (state) on; man 5 proc numbers them from 1
        String[] f = line.substring(close + 2).split(" ");
        return Optional.of(new ProcStat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close),
                Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14]), Long.parseLong(f[19])));
    }

    public static Optional<ProcStat> ofProcess(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat"));
    }

    public long nanos() {
        return ticks * TICK_NANOS;
    }

    public long childNanos() {
        return childTicks * TICK_NANOS;
    }

    /** A key that a later process or thread with the same id does not share. */
    public String key() {
        return id + "@" + startTicks;
    }
}
