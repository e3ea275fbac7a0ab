package org.prooftrail.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.prooftrail.sim.SimDevice;

/**
 * The registry API as a scenario uses it, like a company's own systems would: organisations with an
 * admin token, everything else with a token of the organisation. What exists already (409) is fine,
 * so scenarios can run again.
 */
public final class ScenarioApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One issued item: its random serial, its Digital Link (its code in events) and China code if any. */
    public record IssuedItem(String serial, String digitalLink, String cnCode) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminToken;
    private final Function<String, String> companyToken;

    public ScenarioApi(String base, String adminToken, Function<String, String> companyToken) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.adminToken = adminToken;
        this.companyToken = companyToken;
    }

    public String base() {
        return base;
    }

    public void organisation(String id, String name) throws IOException, InterruptedException {
        send("POST", "/v1/orgs", adminToken, JSON.createObjectNode().put("id", id).put("name", name));
    }

    /** An organisation with its GLN: shipping events name it as destination by that GLN (docs/custody.md). */
    public void organisation(String id, String name, String gln) throws IOException, InterruptedException {
        send("POST", "/v1/orgs", adminToken, JSON.createObjectNode().put("id", id).put("name", name).put("gln", gln));
    }

    /**
     * The owner lets {@code grantee} (a carrier) write about one of its products: its events and readings
     * count on the product's journeys ({@code POST /v1/grants}).
     */
    public void grant(String owner, String grantee, String gtin) throws IOException, InterruptedException {
        send("POST", "/v1/grants", companyToken.apply(owner), JSON.createObjectNode().put("grantee", grantee).put("gtin", gtin));
    }

    public void device(SimDevice d, String kind, String location) throws IOException, InterruptedException {
        send("POST", "/v1/orgs/" + d.org() + "/devices", companyToken.apply(d.org()), JSON.createObjectNode()
                .put("id", d.id()).put("kind", kind).put("alg", d.key().algorithm().jwsName()).put("kid", d.kid())
                .put("publicKeyPem", d.publicKeyPem()).put("location", location));
    }

    /** @param rule null for no cold-chain rule, else {min °C, max °C, single-excursion minutes, total minutes} */
    public void product(String org, String gtin, String name, String category, double[] rule, String cnDrugId)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("gtin", gtin).put("name", name).put("category", category);
        if (rule != null) {
            body.put("tempMinC", rule[0]).put("tempMaxC", rule[1])
                    .put("maxSingleExcursionMinutes", (int) rule[2]).put("maxTotalExcursionMinutes", (int) rule[3]);
        }
        if (cnDrugId != null) {
            body.put("cnDrugId", cnDrugId);
        }
        send("POST", "/v1/products", companyToken.apply(org), body);
    }

    public void lot(String org, String gtin, String lot, java.time.Instant producedAt, java.time.LocalDate expiresOn)
            throws IOException, InterruptedException {
        send("POST", "/v1/products/" + gtin + "/lots", companyToken.apply(org), JSON.createObjectNode()
                .put("lot", lot).put("producedAt", producedAt.toString()).put("expiresOn", expiresOn.toString()));
    }

    public List<IssuedItem> items(String org, String gtin, String lot, int count, boolean chinaCodes)
            throws IOException, InterruptedException {
        JsonNode out = send("POST", "/v1/products/" + gtin + "/lots/" + lot + "/items", companyToken.apply(org),
                JSON.createObjectNode().put("count", count).put("chinaDrugCodes", chinaCodes));
        List<IssuedItem> items = new ArrayList<>();
        for (JsonNode i : out.path("items")) {
            items.add(new IssuedItem(i.path("serial").asText(), i.path("digitalLink").asText(),
                    i.hasNonNull("cnCode") ? i.path("cnCode").asText() : null));
        }
        if (items.size() != count) {
            throw new IOException("asked for " + count + " items, the answer lists " + items.size()
                    + " (the first 100 are listed; scenarios issue fewer)");
        }
        return items;
    }

    public void itemStatus(String org, String gtin, String serial, String status) throws IOException, InterruptedException {
        send("PATCH", "/v1/items/" + gtin + "/" + serial, companyToken.apply(org), JSON.createObjectNode().put("status", status));
    }

    /**
     * The pharmacy sells a pack (the NHSA one-sale rule, {@code POST /v1/dispensings}) at its GLN; a second
     * sale of the same code would be refused (409) and raised to regulators, so a re-run sells fresh packs.
     */
    public void dispense(String org, String cnCode, String gln, java.time.Instant soldAt) throws IOException, InterruptedException {
        send("POST", "/v1/dispensings", companyToken.apply(org), JSON.createObjectNode().put("code", cnCode)
                .put("location", gln).put("soldAt", soldAt.toString()));
    }

    private JsonNode send(String method, String path, String token, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .header("accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() == 409) {
            return JSON.createObjectNode();
        }
        if (resp.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + resp.statusCode() + ": " + resp.body());
        }
        return resp.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(resp.body());
    }
}
