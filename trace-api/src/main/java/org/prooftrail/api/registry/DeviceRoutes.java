package org.prooftrail.api.registry;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import org.prooftrail.api.ApiMount;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.core.crypto.KeyFormatException;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.VerifyingKey;
import org.prooftrail.store.registry.DeviceRegistration;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;

/**
 * A company registers its devices with their public keys. The key must parse as a key of the stated
 * algorithm: ingest binds the algorithm to the key, so a mismatch here would only surface later as
 * every envelope of the device failing to verify.
 */
final class DeviceRoutes {
    private final DeviceRegistry registry;
    private final Organisations orgs;

    DeviceRoutes(DeviceRegistry registry, Organisations orgs) {
        this.registry = registry;
        this.orgs = orgs;
    }

    void mount(ApiMount m) {
        WorkerExecutor workers = m.workers().queries();
        m.operation("registerDevice").addHandler(m.auth().require(ApiRole.COMPANY)).addHandler(ctx -> {
            String org = ctx.pathParam("org");
            if (!m.auth().checkWrite(ctx, org)) {
                return;
            }
            JsonObject body = BlockingReplies.body(ctx);
            Registration r;
            try {
                r = Registration.of(org, body);
            } catch (Refusal e) {
                BlockingReplies.fail(ctx, e);
                return;
            }
            BlockingReplies.json(workers, ctx, 201, () -> register(r));
        });
    }

    private JsonObject register(Registration r) throws SQLException {
        OrganisationRoutes.require(orgs, r.org(), null);
        // a device id or key id that is taken is a conflict (409): see DeviceRegistry
        registry.create(new DeviceRegistration(r.org(), r.id(), r.kind(), r.description(), r.location(), r.kid(),
                r.alg().jwsName(), r.pem(), r.readingsPublic()));
        JsonObject out = new JsonObject().put("id", r.id()).put("org", r.org()).put("kind", r.kind())
                .put("alg", r.alg().jwsName()).put("kid", r.kid()).put("readingsPublic", r.readingsPublic());
        if (r.description() != null) {
            out.put("description", r.description());
        }
        return r.location() == null ? out : out.put("location", r.location());
    }

    /**
     * A checked registration request; the key id defaults to the device id, and its readings' proofs are
     * public unless {@code readingsPublic} is false.
     */
    record Registration(String org, String id, String kind, String description, String location,
                        SignatureAlgorithm alg, String kid, String pem, boolean readingsPublic) {

        static Registration of(String org, JsonObject body) {
            String id = body.getString("id");
            SignatureAlgorithm alg = SignatureAlgorithm.fromJwsName(body.getString("alg")).orElseThrow(() ->
                    Refusal.badField("alg", "must be one of EdDSA, ES256, SM2SM3"));
            String pem = body.getString("publicKeyPem");
            VerifyingKey key;
            try {
                key = PublicKeys.fromPem(pem);
            } catch (KeyFormatException | RuntimeException e) {
                throw Refusal.badField("publicKeyPem", "is not a PEM public key (-----BEGIN PUBLIC KEY-----): "
                        + e.getMessage());
            }
            if (key.algorithm() != alg) {
                throw Refusal.badField("publicKeyPem", "holds a " + key.algorithm().jwsName()
                        + " key but alg is " + alg.jwsName());
            }
            String location = body.getString("location");
            if (location != null) {
                checkLocation(location);
            }
            return new Registration(org, id, body.getString("kind", "sensor"), body.getString("description"),
                    location, alg, body.getString("kid", id), PublicKeys.toPem(key), body.getBoolean("readingsPublic", true));
        }

        /** An EPCIS location is a URI: urn:epc:id:sgln:..., or a Digital Link / web URI of the place. */
        private static void checkLocation(String location) {
            try {
                URI uri = new URI(location);
                if (uri.getScheme() == null) {
                    throw Refusal.badField("location", "must be an absolute URI such as "
                            + "urn:epc:id:sgln:0614141.00777.0 or https://id.example.com/414/0614141007770");
                }
            } catch (URISyntaxException e) {
                throw Refusal.badField("location", "is not a URI: " + e.getMessage());
            }
        }
    }
}
