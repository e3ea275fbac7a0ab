package org.prooftrail.api.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.prooftrail.store.testing.SigningDevice;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;

/**
 * A recall at scale: one harvest lot into 10 product lots of 1,000 packs each, packed 20 to a case
 * and 50 cases to a pallet (10,521 nodes forward), stored as signed envelopes; times the forward
 * trace (JSON and CSV, whole recall list in one page) and a backward trace from one pack.
 */
@Tag("benchmark")
class TraceBenchmark {

    @Test
    void recallOfTenThousandPacks() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (ApiHarness api = ApiHarness.start(vertx, Map.of())) {
            SignedStore store = new SignedStore(api.db());
            SigningDevice farm = store.device("farm", "farm-gw");
            SigningDevice proc = store.device("processor", "proc-line");
            String harvest = "urn:epc:class:lgtin:4012345.011111.BIG";
            store.store(farm, FarmToShelf.object("h", "2026-06-01T06:00:00Z", "ADD", "commissioning", FarmToShelf.PLOT_A,
                    List.of(), List.of(harvest)));
            List<String> lots = new ArrayList<>();
            for (int l = 0; l < 10; l++) {
                lots.add("urn:epc:class:lgtin:4098765.022222.B" + l);
            }
            ObjectNode transform = FarmToShelf.object("t", "2026-06-02T06:00:00Z", "OBSERVE", "other", FarmToShelf.FACTORY,
                    List.of(), List.of());
            transform.put("type", "TransformationEvent").remove(List.of("action", "quantityList"));
            transform.putArray("inputQuantityList").addObject().put("epcClass", harvest).put("quantity", 1);
            var out = transform.putArray("outputQuantityList");
            lots.forEach(lot -> out.addObject().put("epcClass", lot).put("quantity", 1));
            store.store(proc, transform);
            List<ObjectNode> events = new ArrayList<>();
            List<String> cases = new ArrayList<>();
            for (int l = 0; l < 10; l++) {
                List<String> packs = new ArrayList<>();
                for (int p = 0; p < 1000; p++) {
                    packs.add("urn:epc:id:sgtin:4098765.022222." + (l * 1000 + p));
                }
                ObjectNode commission = FarmToShelf.object("c" + l, "2026-06-03T06:00:00Z", "ADD", "commissioning",
                        FarmToShelf.FACTORY, packs, List.of());
                commission.putObject("ilmd").put("cbvmda:lotNumber", "B" + l);
                events.add(commission);
                for (int k = 0; k < 50; k++) {
                    String sscc = String.format("urn:epc:id:sscc:4098765.%010d", l * 50 + k + 1);
                    cases.add(sscc);
                    events.add(FarmToShelf.aggregate("case" + l + "-" + k, "2026-06-04T06:00:00Z", "ADD", sscc,
                            packs.subList(k * 20, k * 20 + 20), FarmToShelf.FACTORY));
                }
            }
            for (int pal = 0; pal < 10; pal++) {
                events.add(FarmToShelf.aggregate("pallet" + pal, "2026-06-05T06:00:00Z", "ADD",
                        String.format("urn:epc:id:sscc:4098765.%010d", 9000 + pal), cases.subList(pal * 50, pal * 50 + 50),
                        FarmToShelf.FACTORY));
            }
            store.store(proc, events.toArray(new ObjectNode[0]));
            String token = api.token(ApiRole.REGULATOR, null);
            for (int run = 0; run < 3; run++) {
                long t0 = System.nanoTime();
                HttpResponse<Buffer> json = get(api, harvest, "direction=forward&limit=100000", token, null);
                long t1 = System.nanoTime();
                HttpResponse<Buffer> csv = get(api, harvest, "direction=forward&limit=100000", token, "text/csv");
                long t2 = System.nanoTime();
                HttpResponse<Buffer> back = get(api, "urn:epc:id:sgtin:4098765.022222.4321", "direction=back", token, null);
                long t3 = System.nanoTime();
                assertEquals(10_521, json.bodyAsJsonObject().getJsonArray("nodes").size());
                assertEquals(200, csv.statusCode());
                assertEquals(200, back.statusCode());
                System.out.printf("run %d: forward JSON %d ms (%d KB), forward CSV %d ms, back from one pack %d ms%n", run,
                        (t1 - t0) / 1_000_000, json.body().length() / 1024, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<Buffer> get(ApiHarness api, String code, String query, String token, String accept)
            throws Exception {
        var r = api.request(HttpMethod.GET, "/v1/trace/" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "?" + query, token);
        if (accept != null) {
            r.putHeader("accept", accept);
        }
        return r.send().await(120, TimeUnit.SECONDS);
    }
}
