package org.prooftrail.core.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time of the benchmark's JVM per operation, as {@code cpu.time.norm}. On a shared machine the
 * scores (time or operations per second of wall clock) follow the load; CPU time per operation stays
 * close to what the code costs. It counts every thread of the fork (the benchmark thread, and garbage
 * collection and compilation, which are part of the cost), so a single-threaded benchmark reads it best.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long before;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        before = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
        long nanos = os.getProcessCpuTime() - before;
        long ops = result.getMetadata().getAllOps();
        return ops == 0 ? List.of() : List.of(new ScalarResult("cpu.time.norm", nanos / 1e3 / ops, "us/op", AggregationPolicy.AVG));
    }
}
