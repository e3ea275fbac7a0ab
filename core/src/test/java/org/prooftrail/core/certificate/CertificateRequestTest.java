package org.prooftrail.core.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    private static ObjectNode good() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"gtin": "6901234000016", "lot": "H1", "quantity": 12.5, "unit": "kg", "origin": " 浙江省杭州市 ",
                 "producer": {"name": "合作社", "contact": "0571-1"}, "issuedOn": "2026-03-01",
                 "commitments": {"noBannedPesticidesOrVeterinaryDrugs": true, "withdrawalPeriodsKept": true,
                                 "residuesWithinLimits": true},
                 "basis": ["entrustedTest", "selfCheck", "selfCheck"]}""");
    }

    private static String refusedField(ObjectNode body) {
        return assertThrows(CertificateRequest.Refused.class, () -> CertificateRequest.read(body, TODAY)).field();
    }

    @Test
    void aCompleteRequestIsReadWithTheGtinPaddedAndTheBasisInTemplateOrder() throws Exception {
        CertificateRequest.Stated s = CertificateRequest.read(good(), TODAY);
        assertEquals("06901234000016", s.gtin());
        assertEquals(new BigDecimal("12.5"), s.quantity());
        assertEquals("浙江省杭州市", s.origin());
        assertEquals(List.of(Basis.SELF_CHECK, Basis.ENTRUSTED_TEST), s.basis());
        ObjectNode signed = s.issue("ID", "coop", "青菜").json();
        Commitment[] all = Commitment.values();
        for (Commitment c : all) {
            assertTrue(signed.path("commitments").path(c.field()).booleanValue());
        }
    }

    @Test
    void everyCommitmentMustBeAffirmed() throws Exception {
        for (Commitment c : Commitment.values()) {
            ObjectNode missing = good();
            ((ObjectNode) missing.get("commitments")).remove(c.field());
            assertEquals("commitments." + c.field(), refusedField(missing));
            ObjectNode no = good();
            ((ObjectNode) no.get("commitments")).put(c.field(), false);
            assertEquals("commitments." + c.field(), refusedField(no));
            ObjectNode text = good();
            ((ObjectNode) text.get("commitments")).put(c.field(), "true");
            assertEquals("commitments." + c.field(), refusedField(text));
        }
        ObjectNode extra = good();
        ((ObjectNode) extra.get("commitments")).put("organic", true);
        assertEquals("commitments.organic", refusedField(extra));
    }

    @Test
    void eachFieldIsNamedWhenWrong() throws Exception {
        assertEquals("gtin", refusedField(good().put("gtin", "6901234000017")));
        assertEquals("lot", refusedField(good().put("lot", " ")));
        assertEquals("quantity", refusedField(good().put("quantity", 0)));
        assertEquals("quantity", refusedField(good().put("quantity", "5")));
        assertEquals("unit", refusedField((ObjectNode) good().without("unit")));
        assertEquals("origin", refusedField(good().put("origin", "x".repeat(201))));
        ObjectNode noContact = good();
        ((ObjectNode) noContact.get("producer")).remove("contact");
        assertEquals("producer.contact", refusedField(noContact));
        assertEquals("issuedOn", refusedField(good().put("issuedOn", "1.3.2026")));
        assertEquals("issuedOn", refusedField(good().put("issuedOn", "2026-03-03")));
        assertEquals("basis", refusedField((ObjectNode) good().set("basis", JSON.createArrayNode())));
        assertEquals("basis[1]", refusedField((ObjectNode) good().set("basis", JSON.createArrayNode().add("selfCheck").add("guess"))));
    }
}
