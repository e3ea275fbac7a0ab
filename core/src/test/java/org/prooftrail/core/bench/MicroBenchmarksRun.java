package org.prooftrail.core.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link MicroBenchmarks} with JMH (one fork, 3 warm-up and 5 measured iterations of 1 s, or of
 * {@code -Dpt.bench.seconds}) and writes {@code target/jmh.txt}, with the CPU time
 * ({@link CpuTimeProfiler}) and the bytes allocated per operation. Tag "benchmark": run with
 * {@code ./mvnw -pl core verify -Dtest=MicroBenchmarksRun -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class MicroBenchmarksRun {
    @Test
    void run() throws Exception {
        // Longer iterations when other work shares the machine: a fork then gets a fraction of a core
        TimeValue iteration = TimeValue.seconds(Integer.getInteger("pt.bench.seconds", 1));
        OptionsBuilder builder = new OptionsBuilder();
        // -Dpt.bench.params='size=64;keys=5,64' runs only those values of the benchmarks' parameters
        for (String param : System.getProperty("pt.bench.params", "").split(";")) {
            int eq = param.indexOf('=');
            if (eq > 0) {
                builder.param(param.substring(0, eq).trim(), param.substring(eq + 1).trim().split(","));
            }
        }
        Options options = builder
                // -Dpt.bench.jmh=verifyEventEnvelope runs the benchmarks whose name matches, alone
                .include(MicroBenchmarks.class.getName() + "." + System.getProperty("pt.bench.jmh", ".*"))
                .forks(1)
                .warmupIterations(3).warmupTime(iteration)
                .measurementIterations(5).measurementTime(iteration)
                .jvmArgsAppend("-Xmx1g")
                // CPU time and bytes allocated per operation: both hold up on a busy machine, the scores do not
                .addProfiler(CpuTimeProfiler.class)
                .addProfiler(GCProfiler.class)
                .result("target/jmh.txt").resultFormat(ResultFormatType.TEXT)
                .build();
        new Runner(options).run();
    }
}
