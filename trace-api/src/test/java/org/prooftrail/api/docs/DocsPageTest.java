package org.prooftrail.api.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.testing.ApiHarness;

class DocsPageTest {
    @Test
    void listsEveryOperationOfTheContractWithItsAccess() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ApiHarness api = ApiHarness.start(vertx, Map.of())) {
            HttpResponse<Buffer> page = api.client().get("/docs").send().await(10, TimeUnit.SECONDS);
            assertEquals(200, page.statusCode());
            String html = page.bodyAsString();
            String contract = api.client().get("/openapi.yaml").send().await(10, TimeUnit.SECONDS).bodyAsString();
            java.util.regex.Matcher ids = java.util.regex.Pattern.compile("operationId: (\\w+)").matcher(contract);
            int n = 0;
            while (ids.find()) {
                assertTrue(html.contains("<code>" + ids.group(1) + "</code>"), "docs list " + ids.group(1));
                n++;
            }
            assertTrue(n >= 25, "the contract has its operations: " + n);
            assertTrue(html.contains("<td class=m>POST</td><td><code>/epcis/capture</code></td><td>token</td>"), html);
            assertTrue(html.contains("<code>/01/{gtin}/10/{lot}/21/{serial}</code></td><td>public</td>"), html);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
