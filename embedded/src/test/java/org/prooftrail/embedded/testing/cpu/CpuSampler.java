package org.prooftrail.embedded.testing.cpu;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time over a window, by group, from readings of {@code /proc} taken when the window opens, every
 * {@code every} while it is open, and when it closes. Threads and processes come and go inside a
 * window (a database backend, a JIT compiler thread, a client that disconnects): what one used before
 * it ended is counted up to its last reading, so at most {@code every} of its time is missed; one that
 * starts inside the window counts from zero. The sampling thread ({@value #THREAD_NAME}) costs about a
 * millisecond per reading and is itself a thread of the JVM to be grouped.
 */
public final class CpuSampler {
    public static final String THREAD_NAME = "pt-bench-cpu";

    /** One reading: the CPU used so far by one thread or process ({@code key}), counted under {@code group}. */
    public record Part(String key, String group, long nanos) {
    }

    /** Something read each time: threads of this JVM, a process, a database server. */
    @FunctionalInterface
    public interface Source {
        List<Part> read();
    }

    private final List<Source> sources;
    private final Map<String, Long> atOpen = new HashMap<>();
    private final Map<String, Part> latest = new HashMap<>();
    private final Thread thread;
    private volatile boolean open = true;

    private CpuSampler(Duration every, List<Source> sources) {
        this.sources = List.copyOf(sources);
        for (Part p : readAll()) {
            atOpen.put(p.key(), p.nanos());
            latest.put(p.key(), p);
        }
        thread = new Thread(() -> {
            while (open) {
                try {
                    Thread.sleep(every.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /** Opens the window now. */
    public static CpuSampler open(Duration every, List<Source> sources) {
        return new CpuSampler(every, sources);
    }

    /** Closes the window now: CPU nanoseconds used inside it, by group, groups in the order first seen. */
    public Map<String, Long> close() {
        open = false;
        thread.interrupt();
        sample();
        Map<String, Long> byGroup = new LinkedHashMap<>();
        synchronized (this) {
            for (Part p : latest.values()) {
                byGroup.merge(p.group(), p.nanos() - atOpen.getOrDefault(p.key(), 0L), Long::sum);
            }
        }
        return byGroup;
    }

    private void sample() {
        List<Part> parts = readAll();
        synchronized (this) {
            for (Part p : parts) {
                latest.put(p.key(), p);
            }
        }
    }

    private List<Part> readAll() {
        return sources.stream().flatMap(s -> s.read().stream()).toList();
    }
}
