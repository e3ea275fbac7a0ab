package org.prooftrail.anchor.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.envelope.JwsSigner;
import org.prooftrail.core.sdjwt.Disclosure;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.core.sdjwt.SdEventEnvelope;
import org.prooftrail.core.sdjwt.SdJwt;
import org.prooftrail.core.sdjwt.SdJwtIssuer;

/**
 * What a bundle carries of an SD-JWT's disclosures for a caller who may not read the whole event: only
 * what the policy publishes anyway (here an issuer that also concealed bizStep, the product class and
 * the lot), never a code, a quantity or a business transaction; and the summary {@code verify} prints.
 */
class BundleDisclosuresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = """
            {"type":"ObjectEvent","eventTime":"2026-11-20T16:00:00+08:00","eventTimeZoneOffset":"+08:00",
             "action":"OBSERVE","bizStep":"shipping","disposition":"in_transit",
             "epcList":["https://id.gs1.org/01/09521234543213/21/QX7P2M","https://id.gs1.org/01/09521234543213/21/ZZ9"],
             "quantityList":[{"epcClass":"https://id.gs1.org/01/09521234543220/10/L1","quantity":10,"uom":"KGM"}],
             "ilmd":{"cbvmda:lotNumber":"L1","ex:grade":"A"},
             "bizTransactionList":[{"type":"po","bizTransaction":"urn:epcglobal:cbv:bt:9521234000006:PO-77"}]}""";

    private final SdJwt sdJwt = issue();
    private final ObjectNode payload = DisclosureCheck.payload(sdJwt.jwt());

    private static SdJwt issue() {
        try {
            // an issuer that conceals more than the default asks: these three are published anyway
            EpcisDisclosurePolicy issuerPolicy = EpcisDisclosurePolicy.defaults().withConcealedMember("bizStep");
            SdEventEnvelope envelopes = new SdEventEnvelope(new SdJwtIssuer(new JwsSigner("line-3-k1",
                    SigningKey.generate(SignatureAlgorithm.EdDSA))), issuerPolicy);
            ObjectNode event = (ObjectNode) JSON.readTree(EVENT);
            return envelopes.issue("line-3", 7, "2026-11-20T08:00:00Z", event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theOwnerAndRegulatorsGetEveryDisclosure() {
        assertEquals(sdJwt.disclosures(), BundleDisclosures.ALL.shown(payload, sdJwt.disclosures(), EpcisDisclosurePolicy.defaults()));
    }

    @Test
    void othersGetOnlyWhatThePolicyPublishes() throws Exception {
        List<String> shown = BundleDisclosures.PUBLIC_BY_POLICY.shown(payload, sdJwt.disclosures(), EpcisDisclosurePolicy.defaults());
        assertEquals(1, shown.size(), "bizStep alone of " + sdJwt.disclosures().size());
        Disclosure d = Disclosure.parse(shown.get(0));
        assertEquals("bizStep", d.name());
        String text = shown.toString();
        assertFalse(text.contains("QX7P2M") || text.contains("PO-77"));
    }

    @Test
    void anOwnerPolicyThatPublishesAListPublishesWhatIsConcealedInsideIt() throws Exception {
        EpcisDisclosurePolicy owner = EpcisDisclosurePolicy.defaults().withPublicMember("quantityList")
                .withPublicMember("epcList");
        List<String> shown = BundleDisclosures.PUBLIC_BY_POLICY.shown(payload, sdJwt.disclosures(), owner);
        List<String> names = new java.util.ArrayList<>();
        for (String encoded : shown) {
            Disclosure d = Disclosure.parse(encoded);
            names.add(d.name() == null ? "element " + d.value() : d.name());
        }
        assertEquals(5, shown.size(), "bizStep, quantity, uom and both codes: " + names);
        assertTrue(names.containsAll(List.of("bizStep", "quantity", "uom")), names.toString());
        assertTrue(shown.stream().map(BundleDisclosuresTest::decoded).anyMatch(t -> t.contains("QX7P2M")), names.toString());
        assertFalse(shown.stream().map(BundleDisclosuresTest::decoded).anyMatch(t -> t.contains("PO-77") || t.contains("grade")));
    }

    private static String decoded(String encoded) {
        return new String(java.util.Base64.getUrlDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theSummaryNamesDisclosedFieldsAndCountsWithheldOnes() {
        ProofBundle.Envelope shown = new ProofBundle.Envelope("line-3", 7, sdJwt.jwt(), "line-3-k1", "EdDSA", "",
                BundleDisclosures.PUBLIC_BY_POLICY.shown(payload, sdJwt.disclosures(), EpcisDisclosurePolicy.defaults()));
        BundleVerifier.Step step = DisclosureCheck.check(shown);
        assertTrue(step.passed(), step.detail());
        // withheld: 2 codes; quantity and uom; ex:grade; bizTransactionList
        assertEquals("1 disclosed (event.bizStep); 6 digests withheld (2 elements of event.epcList, 2 members of "
                + "event.quantityList[0], 1 member of event.ilmd, 1 member of event): fields that exist and are not shown", step.detail());
    }

    @Test
    void aDisclosureOfAnotherSdJwtIsRefusedByName() {
        SdJwt other = issue();
        ProofBundle.Envelope mixed = new ProofBundle.Envelope("line-3", 7, sdJwt.jwt(), "line-3-k1", "EdDSA", "",
                List.of(sdJwt.disclosures().get(0), other.disclosures().get(0)));
        BundleVerifier.Step step = DisclosureCheck.check(mixed);
        assertFalse(step.passed());
        assertTrue(step.detail().startsWith("disclosure 2 of 2 ("), step.detail());
        assertTrue(step.detail().contains("matches no digest in the signed JWT"), step.detail());
    }
}
