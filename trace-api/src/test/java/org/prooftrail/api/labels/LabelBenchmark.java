package org.prooftrail.api.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;

/**
 * How long labels of a 10,000-item lot take over HTTP, request to last byte (median of 3 runs per
 * format). Measures, does not test; excluded from normal builds. Run with:
 * {@code ./mvnw -B -o verify -pl trace-api -am -Dtest=LabelBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dpt.excludedGroups=none -Dgroups=benchmark}
 */
@Tag("benchmark")
class LabelBenchmark {
    static final int COUNT = 10_000;
    static final int RUNS = 3;

    @Test
    void tenThousandLabels() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ApiHarness api = ApiHarness.start(vertx, Map.of())) {
            LabelFixture.issue(api, COUNT);
            String token = api.token(ApiRole.COMPANY, "pharma");
            StringBuilder report = new StringBuilder("labels of " + COUNT + " items, median of " + RUNS + " runs ("
                    + Runtime.getRuntime().availableProcessors() + " cores):");
            for (String query : List.of("?format=zip&image=png", "?format=zip&image=svg", "?format=pdf")) {
                get(api, token, query); // warm-up: class loading and JIT
                List<Long> millis = new ArrayList<>();
                long bytes = 0;
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    bytes = get(api, token, query);
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                }
                Collections.sort(millis);
                report.append(String.format("%n  %-22s %6d ms  (runs %s, %,d bytes)", query, millis.get(RUNS / 2), millis, bytes));
            }
            System.out.println(report);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static long get(ApiHarness api, String token, String query) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.GET, LabelFixture.labelsPath(query), token).send()
                .await(300, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        return r.body().length();
    }
}
