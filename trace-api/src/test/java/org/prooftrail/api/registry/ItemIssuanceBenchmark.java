package org.prooftrail.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;

/**
 * How long issuing 100,000 items with China codes takes over HTTP, answered as CSV. Measures, does
 * not test. Run with: {@code ./mvnw -B -o verify -pl trace-api -am -Dtest=ItemIssuanceBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpt.excludedGroups=none -Dgroups=benchmark}
 */
@Tag("benchmark")
class ItemIssuanceBenchmark {

    @Test
    void hundredThousandItems() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ApiHarness api = ApiHarness.start(vertx, Map.of())) {
            String co = api.token(ApiRole.COMPANY, "pharma");
            send(api, "/v1/orgs", api.token(ApiRole.ADMIN, null), new JsonObject().put("id", "pharma").put("name", "P"));
            send(api, "/v1/products", co, new JsonObject().put("gtin", "09506000134352").put("name", "V").put("cnDrugId", "8612345"));
            StringBuilder report = new StringBuilder("issuing 100,000 items with China codes, CSV answer:");
            for (int lot = 1; lot <= 3; lot++) {
                send(api, "/v1/products/09506000134352/lots", co, new JsonObject().put("lot", "B" + lot));
                long t0 = System.nanoTime();
                HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/v1/products/09506000134352/lots/B" + lot + "/items", co)
                        .putHeader("accept", "text/csv")
                        .sendJsonObject(new JsonObject().put("count", 100_000).put("chinaDrugCodes", true))
                        .await(600, TimeUnit.SECONDS);
                assertEquals(201, r.statusCode(), r.bodyAsString());
                report.append(String.format("%n  lot %d: %d ms, %,d bytes", lot, (System.nanoTime() - t0) / 1_000_000, r.body().length()));
            }
            System.out.println(report);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void send(ApiHarness api, String path, String token, JsonObject body) throws Exception {
        assertEquals(201, api.request(HttpMethod.POST, path, token).sendJsonObject(body).await(30, TimeUnit.SECONDS).statusCode());
    }
}
