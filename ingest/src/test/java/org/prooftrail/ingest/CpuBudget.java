package org.prooftrail.ingest;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the CPU of one measured window went, per envelope: the broker process, PostgreSQL, each role of
 * this JVM's threads ({@link BenchThreadGroups}) and the rest of the machine, as a markdown table.
 *
 * @param groups CPU nanoseconds by group, from {@link org.prooftrail.embedded.testing.cpu.CpuSampler}
 */
record CpuBudget(Map<String, Long> groups, long envelopes, double seconds, String brokerName) {
    static final String BROKER_PROCESS = "broker process";
    static final String POSTGRES_ALL = "PostgreSQL, all processes";
    static final String POSTGRES_DATABASE = "PostgreSQL, this run's database";
    static final String POSTGRES_SERVER = "PostgreSQL, the server's own processes";
    static final String JVM = "JVM process";
    static final String MACHINE = "machine";

    String table() {
        StringBuilder t = new StringBuilder("| where the CPU went | CPU s | cores | µs per envelope |\n|---|---:|---:|---:|\n");
        long outside = 0;
        if (groups.containsKey(BROKER_PROCESS)) {
            row(t, "broker: " + brokerName, get(BROKER_PROCESS));
            outside += get(BROKER_PROCESS);
        }
        row(t, "PostgreSQL, all processes (a shared server counts others' work too)", get(POSTGRES_ALL));
        row(t, "&nbsp;&nbsp;of which backends and autovacuum of this run's database", get(POSTGRES_DATABASE));
        row(t, "&nbsp;&nbsp;of which the server's own processes (WAL writer, checkpointer, background writer)", get(POSTGRES_SERVER));
        row(t, "&nbsp;&nbsp;of which other databases and clients", get(POSTGRES_ALL) - get(POSTGRES_DATABASE) - get(POSTGRES_SERVER));
        outside += get(POSTGRES_ALL);
        long threads = 0;
        for (String group : BenchThreadGroups.ORDER) {
            if (groups.containsKey(group)) {
                row(t, group.equals(BenchThreadGroups.BROKER) ? "broker in this JVM: " + brokerName : group, get(group));
                threads += get(group);
            }
        }
        List<Map.Entry<String, Long>> others = groups.entrySet().stream().filter(e -> e.getKey().startsWith(BenchThreadGroups.OTHER))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).toList();
        long other = others.stream().mapToLong(Map.Entry::getValue).sum();
        threads += other;
        row(t, "JVM: other threads (" + others.stream().limit(4).filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().substring(BenchThreadGroups.OTHER.length()) + String.format(" %.2f s", e.getValue() / 1e9))
                .collect(Collectors.joining(", ")) + ")", other);
        row(t, "JVM: threads that ended between readings", get(JVM) - threads);
        row(t, "**JVM process, all threads**", get(JVM));
        row(t, "**all of the above**", outside + get(JVM));
        row(t, "rest of the machine (other work running)", get(MACHINE) - outside - get(JVM));
        row(t, "**machine, all CPUs busy**", get(MACHINE));
        return t.toString();
    }

    /** CPU per envelope of one group, in microseconds. */
    double micros(String group) {
        return get(group) / 1e3 / envelopes;
    }

    private long get(String group) {
        return groups.getOrDefault(group, 0L);
    }

    private void row(StringBuilder t, String what, long nanos) {
        t.append(String.format("| %s | %.2f | %.2f | %.1f |%n", what, nanos / 1e9, nanos / 1e9 / seconds, nanos / 1e3 / envelopes));
    }
}
