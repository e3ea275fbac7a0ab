package org.prooftrail.api.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.prooftrail.core.certificate.Basis;
import org.prooftrail.core.certificate.CommitmentCertificate;
import org.prooftrail.core.certificate.Commitment;
import org.prooftrail.store.journey.Lot;
import org.prooftrail.store.journey.LotCertificate;

/**
 * A certificate as the API shows it: the issuer's fields as signed, each commitment and basis with its
 * words in Chinese and English, and its public page.
 */
public final class CertificateJson {
    private CertificateJson() {
    }

    /** The public page (and JSON) of certificate {@code id}, relative to the API's base. */
    public static String path(String id) {
        return "/v1/certificates/" + id;
    }

    public static JsonObject of(JsonNode content) {
        JsonObject o = new JsonObject(content.toString());
        JsonArray commitments = new JsonArray();
        for (Commitment c : Commitment.values()) {
            commitments.add(new JsonObject().put("commitment", c.field())
                    .put("affirmed", content.path("commitments").path(c.field()).asBoolean(false))
                    .put("zh", c.text("zh")).put("en", c.text("en")));
        }
        JsonArray basis = new JsonArray();
        for (Basis b : CommitmentCertificate.basisOf(content)) {
            basis.add(new JsonObject().put("basis", b.code()).put("zh", b.text("zh")).put("en", b.text("en")));
        }
        o.put("commitments", commitments).put("basis", basis)
                .put("title", new JsonObject().put("zh", CertificateText.of("zh").get("title"))
                        .put("en", CertificateText.of("en").get("title")))
                .put("page", path(content.path("id").asText()));
        return o;
    }

    /** The certificates that apply to a lot, each saying whether it was issued for an input lot. */
    public static JsonArray ofLot(Lot lot) {
        JsonArray out = new JsonArray();
        for (LotCertificate c : lot.certificates()) {
            out.add(of(c.content()).put("appliesVia", c.issuedFor(lot) ? "lot" : "input")
                    .put("certifiedLot", new JsonObject().put("gtin", c.gtin()).put("lot", c.lot())));
        }
        return out;
    }
}
