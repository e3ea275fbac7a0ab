package org.prooftrail.sim.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.prooftrail.sim.SimDevice;

/**
 * Registers through the API, as a company's own systems would: the organisation with an admin
 * token, then each device (with its public key) with a token of that organisation. An organisation
 * or device that exists already (409) is fine: runs repeat.
 */
public final class ApiRegistrar implements Registrar {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String adminToken;
    private final java.util.function.Function<String, String> companyToken;

    /** @param companyToken gives a company token for an organisation id */
    public ApiRegistrar(String base, String adminToken, java.util.function.Function<String, String> companyToken) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.adminToken = adminToken;
        this.companyToken = companyToken;
    }

    @Override
    public void register(String org, String orgName, List<SimDevice> devices) throws IOException, InterruptedException {
        post("/v1/orgs", adminToken, JSON.createObjectNode().put("id", org).put("name", orgName));
        String token = companyToken.apply(org);
        for (SimDevice d : devices) {
            ObjectNode body = JSON.createObjectNode().put("id", d.id()).put("kind", "sensor")
                    .put("alg", d.key().algorithm().jwsName()).put("kid", d.kid()).put("publicKeyPem", d.publicKeyPem());
            post("/v1/orgs/" + org + "/devices", token, body);
        }
    }

    private void post(String path, String token, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + token).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 201 && resp.statusCode() != 200 && resp.statusCode() != 409) {
            throw new IOException("POST " + path + " answered " + resp.statusCode() + ": " + resp.body());
        }
    }
}
