package org.prooftrail.api.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.api.testing.ConsoleHarness;

/**
 * The console's EPCIS upload over HTTP: a file (multipart) or pasted text becomes a capture job whose
 * page shows each event's result; the action needs the CSRF token; a company sees only its own jobs.
 */
class EpcisUploadConsoleTest {
    private static final String PASSWORD = "correct horse battery";
    private static Vertx vertx;
    private static ConsoleHarness console;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        console = ConsoleHarness.start(vertx);
        console.account("quality@farm-a", ApiRole.COMPANY, "farm-a", PASSWORD);
        console.account("quality@farm-b", ApiRole.COMPANY, "farm-b", PASSWORD);
        console.account("inspector", ApiRole.REGULATOR, null, PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> uploadFile(ConsoleHarness.Client c, String csrf, String tag) throws Exception {
        MultipartForm form = MultipartForm.create();
        if (csrf != null) {
            form.attribute("_csrf", csrf);
        }
        form.attribute("behaviour", "proceed").attribute("text", "")
                .textFileUpload("document", tag + ".jsonld", EpcisConsoleDocuments.oneGoodOneBad(tag).toBuffer(), "application/ld+json");
        return c.web().post("/console/epcis").sendMultipartForm(form).await(30, TimeUnit.SECONDS);
    }

    /** Follows the upload's redirect and reloads the job page until it stops asking to be reloaded. */
    private static String finishedJobPage(ConsoleHarness.Client c, HttpResponse<Buffer> upload) {
        assertEquals(303, upload.statusCode(), upload.bodyAsString());
        String location = upload.getHeader("location");
        assertTrue(location.startsWith("/console/epcis/jobs/"), location);
        AtomicReference<String> page = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<Buffer> r = c.get(location);
            assertEquals(200, r.statusCode(), r.bodyAsString());
            page.set(r.bodyAsString());
            return r.getHeader("refresh") == null;
        });
        return page.get();
    }

    @Test
    void anUploadedFileShowsEachEventsResult() throws Exception {
        ConsoleHarness.Client a = console.signIn("quality@farm-a", PASSWORD);
        a.get("/console/epcis");
        String page = finishedJobPage(a, uploadFile(a, a.csrf(), "file"));
        assertTrue(page.contains(EpcisConsoleDocuments.acceptedId("file")), page);
        assertTrue(page.contains(EpcisConsoleDocuments.refusedId("file")), page);
        assertTrue(page.contains("1 accepted, 1 refused"), page);
        assertTrue(page.contains(EpcisConsoleDocuments.REFUSED_REASON), "the refused event's reason: " + page);
        assertTrue(page.contains("partly stored"), page);
        assertFalse(page.contains("<meta http-equiv=\"refresh\""), "a finished job stops reloading");

        String zh = a.get("/console/epcis?lang=zh").bodyAsString();
        assertTrue(zh.contains("最近的采集任务") && zh.contains("部分保存"), zh);
        assertFalse(zh.contains("Recent capture jobs"), "the Chinese page has no English headings");
    }

    @Test
    void aPastedDocumentIsCapturedToo() throws Exception {
        ConsoleHarness.Client a = console.signIn("quality@farm-a", PASSWORD);
        HttpResponse<Buffer> r = a.post("/console/epcis", MultiMap.caseInsensitiveMultiMap().add("behaviour", "proceed")
                .add("text", EpcisConsoleDocuments.oneGoodOneBad("pasted").encode()));
        String page = finishedJobPage(a, r);
        assertTrue(page.contains(EpcisConsoleDocuments.acceptedId("pasted")), page);
    }

    @Test
    void allOrNothingRefusesTheDocumentWithTheFirstReason() throws Exception {
        ConsoleHarness.Client a = console.signIn("quality@farm-a", PASSWORD);
        HttpResponse<Buffer> r = a.post("/console/epcis", MultiMap.caseInsensitiveMultiMap().add("behaviour", "rollback")
                .add("text", EpcisConsoleDocuments.oneGoodOneBad("whole").encode()));
        assertEquals(400, r.statusCode(), r.bodyAsString());
        assertTrue(r.bodyAsString().contains(EpcisConsoleDocuments.REFUSED_REASON), r.bodyAsString());
        HttpResponse<Buffer> empty = a.post("/console/epcis", MultiMap.caseInsensitiveMultiMap().add("text", " "));
        assertEquals(400, empty.statusCode());
        assertTrue(empty.bodyAsString().contains("Choose a file or paste a document first"), empty.bodyAsString());
    }

    @Test
    void uploadNeedsTheCsrfToken() throws Exception {
        ConsoleHarness.Client a = console.signIn("quality@farm-a", PASSWORD);
        a.get("/console/epcis");
        HttpResponse<Buffer> r = uploadFile(a, null, "no-token");
        assertEquals(403, r.statusCode(), r.bodyAsString());
        HttpResponse<Buffer> wrong = uploadFile(a, "A".repeat(43), "wrong-token");
        assertEquals(403, wrong.statusCode(), wrong.bodyAsString());
    }

    @Test
    void aCompanySeesOnlyItsOwnJobs() throws Exception {
        ConsoleHarness.Client a = console.signIn("quality@farm-a", PASSWORD);
        a.get("/console/epcis");
        HttpResponse<Buffer> upload = uploadFile(a, a.csrf(), "private");
        finishedJobPage(a, upload);
        String jobPath = upload.getHeader("location");
        String jobId = jobPath.substring(jobPath.lastIndexOf('/') + 1);
        assertTrue(a.get("/console/epcis").bodyAsString().contains(jobId));

        ConsoleHarness.Client b = console.signIn("quality@farm-b", PASSWORD);
        assertFalse(b.get("/console/epcis").bodyAsString().contains(jobId), "farm-b's list has no farm-a job");
        HttpResponse<Buffer> other = b.get(jobPath);
        assertEquals(404, other.statusCode(), other.bodyAsString());
        assertFalse(other.bodyAsString().contains(EpcisConsoleDocuments.acceptedId("private")));

        HttpResponse<Buffer> regulator = console.signIn("inspector", PASSWORD).get("/console/epcis");
        assertEquals(403, regulator.statusCode(), "the upload is a company's page");
        assertNotNull(regulator.bodyAsString());
    }
}
