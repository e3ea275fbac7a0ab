package org.prooftrail.core.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One commitment-compliance certificate (承诺达标合格证) for one production batch, as its issuer
 * states it. Its JSON ({@link #json}) is what is signed and shown; every commitment is affirmed by
 * construction ({@link CertificateRequest} refuses a request that leaves one out).
 *
 * @param basis at least one, in the template's order
 */
public record CommitmentCertificate(String id, String issuer, String gtin, String lot, String productName,
                                    BigDecimal quantity, String unit, String origin, String producerName,
                                    String producerContact, LocalDate issuedOn, List<Basis> basis) {
    public CommitmentCertificate {
        basis = List.copyOf(basis);
    }

    /** The certificate as signed: fixed member names, the commitments spelled out as true. */
    public ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id).put("issuer", issuer).put("gtin", gtin).put("lot", lot).put("productName", productName)
                .put("quantity", quantity).put("unit", unit).put("origin", origin);
        o.putObject("producer").put("name", producerName).put("contact", producerContact);
        o.put("issuedOn", issuedOn.toString());
        ObjectNode commitments = o.putObject("commitments");
        for (Commitment c : Commitment.values()) {
            commitments.put(c.field(), true);
        }
        basis.forEach(b -> o.withArray("basis").add(b.code()));
        return o;
    }

    /** The basis codes of a stored certificate's JSON, unknown ones left out. */
    public static List<Basis> basisOf(JsonNode certificate) {
        java.util.List<Basis> out = new java.util.ArrayList<>();
        certificate.path("basis").forEach(b -> Basis.ofCode(b.asText()).ifPresent(out::add));
        return out;
    }
}
