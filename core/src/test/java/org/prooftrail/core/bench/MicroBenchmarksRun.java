package org.prooftrail.core.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link MicroBenchmarks} with JMH (one fork, 3 warm-up and 5 measured iterations of 1 s) and
 * writes {@code target/jmh.txt}. Tag "benchmark": run with
 * {@code ./mvnw -pl core verify -Dtest=MicroBenchmarksRun -Dpt.excludedGroups=none -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class MicroBenchmarksRun {
    @Test
    void run() throws Exception {
        Options options = new OptionsBuilder()
                // -Dpt.bench.jmh=verifyEventEnvelope runs the benchmarks whose name matches, alone
                .include(MicroBenchmarks.class.getName() + "." + System.getProperty("pt.bench.jmh", ".*"))
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx1g")
                .result("target/jmh.txt").resultFormat(ResultFormatType.TEXT)
                .build();
        new Runner(options).run();
    }
}
