package org.prooftrail.api.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;

/** A company with one product and a lot of issued items, as label tests and the benchmark need. */
final class LabelFixture {
    static final String GTIN = "09506000134352";
    static final String LOT = "L2026-11";

    private LabelFixture() {
    }

    /** Issues {@code count} items and returns serial to Digital Link URI, in issuance order. */
    static Map<String, String> issue(ApiHarness api, int count) throws Exception {
        String company = api.token(ApiRole.COMPANY, "pharma");
        post(api, "/v1/orgs", api.token(ApiRole.ADMIN, null), new JsonObject().put("id", "pharma").put("name", "Pharma"));
        post(api, "/v1/products", company, new JsonObject().put("gtin", GTIN).put("name", "Vaccine"));
        post(api, "/v1/products/" + GTIN + "/lots", company, new JsonObject().put("lot", LOT).put("expiresOn", "2028-02-29"));
        HttpResponse<Buffer> csv = api.request(HttpMethod.POST, itemsPath(), company).putHeader("accept", "text/csv")
                .sendJsonObject(new JsonObject().put("count", count)).await(120, TimeUnit.SECONDS);
        assertEquals(201, csv.statusCode(), csv.bodyAsString());
        Map<String, String> uris = new LinkedHashMap<>();
        String[] lines = csv.bodyAsString().split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            uris.put(f[2], f[3]);
        }
        assertEquals(count, uris.size());
        return uris;
    }

    static String itemsPath() {
        return "/v1/products/" + GTIN + "/lots/" + LOT + "/items";
    }

    static String labelsPath(String query) {
        return "/v1/products/" + GTIN + "/lots/" + LOT + "/labels" + query;
    }

    private static void post(ApiHarness api, String path, String token, JsonObject body) throws Exception {
        HttpResponse<Buffer> r = api.request(HttpMethod.POST, path, token).sendJsonObject(body).await(30, TimeUnit.SECONDS);
        assertEquals(201, r.statusCode(), r.bodyAsString());
    }
}
