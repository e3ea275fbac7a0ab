package org.prooftrail.embedded.testing.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What {@link CpuSampler} reads: this JVM's threads, this JVM, another process, the whole machine. */
public final class CpuSources {
    private CpuSources() {
    }

    /**
     * Each thread of this JVM, counted under the group its name gives. The name is the kernel's: a Java
     * thread's name cut to 15 characters, a JVM thread's own (C2 CompilerThread0, GC Thread#1, G1 Conc#0).
     */
    public static CpuSampler.Source jvmThreads(Function<String, String> groupOfName) {
        return () -> {
            List<CpuSampler.Part> parts = new ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    ProcStat.read(task.resolve("stat")).ifPresent(t ->
                            parts.add(new CpuSampler.Part("task/" + t.key(), groupOfName.apply(t.comm()), t.nanos())));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return parts;
        };
    }

    /** This JVM as a whole, threads that have ended included. */
    public static CpuSampler.Source jvm(String group) {
        return process(ProcessHandle.current().pid(), group);
    }

    /** A process's own CPU (all its threads, not its children). */
    public static CpuSampler.Source process(long pid, String group) {
        return () -> ProcStat.ofProcess(pid).map(p -> List.of(new CpuSampler.Part("process/" + p.key(), group, p.nanos())))
                .orElse(List.of());
    }

    /** Every CPU of the machine busy (not idle, not waiting for I/O), whoever used it. */
    public static CpuSampler.Source machine(String group) {
        return () -> {
            try {
                String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0); // "cpu  user nice system idle iowait irq softirq steal ..."
                String[] f = cpu.trim().split("\\s+");
                long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]) + Long.parseLong(f[8]);
                return List.of(new CpuSampler.Part("machine", group, busy * ProcStat.TICK_NANOS));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
