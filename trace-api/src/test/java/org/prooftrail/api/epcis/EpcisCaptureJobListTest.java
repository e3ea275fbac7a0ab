package org.prooftrail.api.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prooftrail.api.epcis.EpcisFixtures.assertProblem;
import static org.prooftrail.api.epcis.SubscriptionFixtures.call;
import static org.prooftrail.api.epcis.SubscriptionFixtures.document;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ApiHarness;
import org.prooftrail.core.crypto.KeyFiles;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.store.registry.Organisations;

/** {@code GET /epcis/capture}: capture jobs newest first, paged, by organisation; duplicates named per event. */
class EpcisCaptureJobListTest {
    private static final String RP = "urn:epc:id:sgln:4012345.00041.0";
    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static ApiHarness api;
    private static final List<String> farmAJobs = new ArrayList<>();
    private static String farmA;
    private static String farmB;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Path keyFile = dir.resolve("api-signing.pem");
        KeyFiles.writePrivate(keyFile, SigningKey.generate(SignatureAlgorithm.EdDSA));
        api = ApiHarness.start(vertx, Map.of(EpcisSettings.SIGNING_KEY_FILE, keyFile.toString(), SubscriptionSettings.DELIVER, "false"));
        new Organisations(api.db().dataSource()).ensure("farm-a", "Farm A");
        new Organisations(api.db().dataSource()).ensure("farm-b", "Farm B");
        farmA = api.token(ApiRole.COMPANY, "farm-a");
        farmB = api.token(ApiRole.COMPANY, "farm-b");
        for (int i = 0; i < 3; i++) {
            farmAJobs.add(0, EpcisFixtures.capture(api, farmA, document("jobs-a", RP, i * 3, 3)).getString("captureID"));
        }
        EpcisFixtures.capture(api, farmB, document("jobs-b", RP, 0, 2));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static List<String> ids(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        List<String> out = new ArrayList<>();
        r.bodyAsJsonArray().forEach(j -> out.add(((JsonObject) j).getString("captureID")));
        return out;
    }

    @Test
    void aCompanyListsItsOwnJobsNewestFirstPageByPage() throws Exception {
        HttpResponse<Buffer> first = call(api, HttpMethod.GET, farmA, "/epcis/capture?perPage=2");
        assertEquals(farmAJobs.subList(0, 2), ids(first));
        JsonObject job = first.bodyAsJsonArray().getJsonObject(0);
        assertEquals(true, job.getBoolean("success"));
        assertEquals(3, job.getInteger("eventCount"));
        Matcher next = Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(first.getHeader("Link"));
        assertTrue(next.find(), first.getHeader("Link"));
        HttpResponse<Buffer> second = call(api, HttpMethod.GET, farmA, next.group(1));
        assertEquals(farmAJobs.subList(2, 3), ids(second));
        assertEquals(null, second.getHeader("Link"));
        assertEquals(1, ids(call(api, HttpMethod.GET, farmB, "/epcis/capture")).size());
        assertEquals(4, ids(call(api, HttpMethod.GET, api.token(ApiRole.REGULATOR, null), "/epcis/capture")).size());
        assertProblem(call(api, HttpMethod.GET, farmA, "/epcis/capture?nextPageToken=bm9wZQ"), 400);
    }

    @Test
    void aDuplicateCaptureNamesEveryEventAlreadyStored() throws Exception {
        HttpResponse<Buffer> r = EpcisFixtures.post(api, farmA, "/epcis/capture", "application/json",
                document("jobs-a", RP, 1, 4).toBuffer());
        assertProblem(r, 409);
        JsonArray named = r.bodyAsJsonObject().getJsonArray("eventIDs");
        assertEquals(List.of(SubscriptionFixtures.eventId("jobs-a", 1), SubscriptionFixtures.eventId("jobs-a", 2),
                SubscriptionFixtures.eventId("jobs-a", 3), SubscriptionFixtures.eventId("jobs-a", 4)).stream().sorted().toList(),
                named.stream().map(Object::toString).sorted().toList());
    }
}
