package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.sdjwt.DisclosedView;
import org.prooftrail.core.sdjwt.Disclosure;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.core.sdjwt.SdDigests;
import org.prooftrail.core.sdjwt.SdEventEnvelope;
import org.prooftrail.core.sdjwt.SdJwt;
import org.prooftrail.core.sdjwt.SdJwtIssuer;
import org.prooftrail.core.sdjwt.SdJwtVerifier;

/** EPCIS events issued as SD-JWTs under the default policy, verified, and tampered with. */
class SdJwtEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TS = "2025-06-01T08:30:01Z";

    private final TestDevices devices = new TestDevices();
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(devices.lookup());

    private SdJwt issue(SignatureAlgorithm alg, String eventJson, EpcisDisclosurePolicy policy) throws Exception {
        SdEventEnvelope envelope = new SdEventEnvelope(new SdJwtIssuer(new JwsSigner(TestDevices.kid(alg), devices.keys.get(alg))), policy);
        return envelope.issue(TestDevices.device(alg), 7, TS, JSON.readTree(eventJson));
    }

    private static String aggregation() {
        return EpcisSamples.VALID.get(4);
    }

    private static String transaction() {
        return EpcisSamples.VALID.get(6);
    }

    @Test
    void everyValidSampleSignedWithEveryAlgorithmVerifiesToTheSameEventAndStoresTheJwtAlone() throws Exception {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            for (String sample : EpcisSamples.VALID) {
                SdJwt sd = issue(alg, sample, EpcisDisclosurePolicy.defaults());
                VerificationResult result = verifier.verify(sd.serialize().getBytes(US_ASCII));
                VerifiedEnvelope v = assertInstanceOf(VerifiedEnvelope.class, result, alg + " " + sample + ": " + result);
                assertEquals(JSON.readTree(sample), v.event().orElseThrow().json(), "the disclosed full event");
                assertArrayEquals(sd.jwtBytes(), v.raw(), "stored and hashed: the issuer-signed JWT alone");
                assertEquals(sd.disclosures(), v.disclosures());
            }
        }
    }

    @Test
    void theSignedJwtCarriesOnlyThePublicFieldsAndEachCodeIsItsOwnDisclosure() throws Exception {
        SdJwt sd = issue(SignatureAlgorithm.EdDSA, aggregation(), EpcisDisclosurePolicy.defaults());
        String payload = new String(Jws.parse(sd.jwtBytes()).payload(), UTF_8);
        assertFalse(payload.contains("https://id.gs1.org/01/"), "no item code in the clear: " + payload);
        assertFalse(payload.contains("00/"), "no SSCC in the clear");
        assertFalse(payload.contains("owning_party"), "no source in the clear");
        JsonNode event = JSON.readTree(payload).get("event");
        assertEquals("packing", event.get("bizStep").textValue());
        assertEquals("in_progress", event.get("disposition").textValue());
        assertEquals("ADD", event.get("action").textValue());
        assertEquals(2, event.get("childEPCs").size());
        assertTrue(event.get("childEPCs").get(0).has("..."));
        assertEquals(SdDigests.SD_ALG, JSON.readTree(payload).get("_sd_alg").textValue());
        // 2 children, parentID, sourceList
        assertEquals(4, sd.disclosures().size());
        Set<String> salts = new HashSet<>();
        for (String d : sd.disclosures()) {
            Disclosure disclosure = Disclosure.parse(d);
            assertEquals(SdDigests.SALT_BYTES, Base64Url.decode(disclosure.salt()).length, "128-bit salts");
            assertTrue(salts.add(disclosure.salt()), "a salt per disclosure");
        }
    }

    @Test
    void aHolderOfOnePackSeesItsCodeAndThatTheRestIsProvablyWithheld() throws Exception {
        SdJwt sd = issue(SignatureAlgorithm.ES256, aggregation(), EpcisDisclosurePolicy.defaults());
        String child = JSON.readTree(aggregation()).get("childEPCs").get(0).textValue();
        List<String> mine = new ArrayList<>();
        for (String d : sd.disclosures()) {
            if (Disclosure.parse(d).value().asText().equals(child)) {
                mine.add(d);
            }
        }
        assertEquals(1, mine.size());
        DisclosedView view = SdJwtVerifier.verify(new SdJwt(sd.jwt(), mine), devices.keys.get(SignatureAlgorithm.ES256).verifyingKey());
        ObjectNode event = (ObjectNode) view.payload().get("event");
        assertEquals(1, event.get("childEPCs").size());
        assertEquals(child, event.get("childEPCs").get(0).textValue());
        assertFalse(event.has("parentID"));
        assertEquals(3, view.withheld().size(), "the other child, parentID and sourceList: there, but not shown");
    }

    @Test
    void transactionsQuantitiesAndExtensionsAreConcealedAndAPolicyCanPublishMore() throws Exception {
        SdJwt sd = issue(SignatureAlgorithm.SM2SM3, transaction(), EpcisDisclosurePolicy.defaults());
        String payload = new String(Jws.parse(sd.jwtBytes()).payload(), UTF_8);
        assertFalse(payload.contains("PO-77"));
        assertFalse(payload.contains("possessing_party"));
        SdJwt commissioning = issue(SignatureAlgorithm.EdDSA, EpcisSamples.VALID.get(1), EpcisDisclosurePolicy.defaults());
        JsonNode event = JSON.readTree(Jws.parse(commissioning.jwtBytes()).payload()).get("event");
        assertTrue(event.get("quantityList").get(0).has("epcClass"), "the lot class is public");
        assertFalse(event.get("quantityList").get(0).has("quantity"));
        assertFalse(event.get("quantityList").get(0).has("uom"));
        assertTrue(event.get("ilmd").has("cbvmda:itemExpirationDate"));
        assertFalse(event.get("ilmd").has("ex:harvestField"));
        assertFalse(event.has("ex:batchNote"));
        assertFalse(event.has("eventID"), "a hash ID of private fields confirms guesses");
        assertFalse(event.get("sensorElementList").get(0).has("sensorMetadata"));

        SdJwt open = issue(SignatureAlgorithm.SM2SM3, transaction(), EpcisDisclosurePolicy.defaults().withPublicMember("bizTransactionList"));
        assertTrue(new String(Jws.parse(open.jwtBytes()).payload(), UTF_8).contains("PO-77"));
        assertInstanceOf(VerifiedEnvelope.class, verifier.verify(open.serialize().getBytes(US_ASCII)));
    }

    @Test
    void tamperedSdJwtsAreRefusedWithTheirOwnReasons() throws Exception {
        SdJwt sd = issue(SignatureAlgorithm.EdDSA, aggregation(), EpcisDisclosurePolicy.defaults());
        SdJwt other = issue(SignatureAlgorithm.EdDSA, aggregation(), EpcisDisclosurePolicy.defaults());

        // a disclosure whose value was changed: its digest is no longer in the JWT
        Disclosure first = Disclosure.parse(sd.disclosures().get(0));
        Disclosure changed = Disclosure.create(first.salt(), first.name(), JSON.getNodeFactory().textNode("https://id.gs1.org/01/09521234543213/21/FAKE"));
        assertReason(RejectionReason.DISCLOSURE_UNMATCHED, replaceFirst(sd, changed.encoded()));
        // a disclosure from another envelope (a digest that is not in this JWT)
        assertReason(RejectionReason.DISCLOSURE_UNMATCHED, replaceFirst(sd, other.disclosures().get(0)));
        // the same disclosure twice
        List<String> twice = new ArrayList<>(sd.disclosures());
        twice.add(sd.disclosures().get(0));
        assertReason(RejectionReason.DUPLICATE_DIGEST, new SdJwt(sd.jwt(), twice).serialize());
        // not a disclosure at all
        assertReason(RejectionReason.MALFORMED_DISCLOSURE, replaceFirst(sd, Base64Url.encode("{\"a\":1}".getBytes(UTF_8))));
        // no issuer signature
        String unsigned = sd.jwt().substring(0, sd.jwt().lastIndexOf('.') + 1);
        assertReason(RejectionReason.MISSING_SIGNATURE, new SdJwt(unsigned, sd.disclosures()).serialize());
        // a signature that does not verify
        String jwt = sd.jwt();
        String flipped = jwt.substring(0, jwt.length() - 2) + (jwt.charAt(jwt.length() - 2) == 'A' ? 'B' : 'A') + jwt.charAt(jwt.length() - 1);
        assertReason(RejectionReason.BAD_SIGNATURE, new SdJwt(flipped, sd.disclosures()).serialize());
        // a key binding JWT after the last disclosure
        assertReason(RejectionReason.MALFORMED_JWS, sd.serialize() + "eyJhbGciOiJFZERTQSJ9.e30.AA");
        // a digest listed twice in the signed payload itself
        ObjectNode payload = (ObjectNode) JSON.readTree(Jws.parse(sd.jwtBytes()).payload());
        ObjectNode event = (ObjectNode) payload.get("event");
        ((com.fasterxml.jackson.databind.node.ArrayNode) event.get("childEPCs")).add(event.get("childEPCs").get(0).deepCopy());
        byte[] dup = devices.sign(SignatureAlgorithm.EdDSA, JSON.writeValueAsBytes(payload));
        assertReason(RejectionReason.DUPLICATE_DIGEST, new String(dup, US_ASCII) + "~" + String.join("~", sd.disclosures()) + "~");
    }

    @Test
    void everyCharacterChangedInADisclosureIsRefused() throws Exception {
        SdJwt sd = issue(SignatureAlgorithm.EdDSA, aggregation(), EpcisDisclosurePolicy.defaults());
        String d = sd.disclosures().get(0);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < d.length(); i++) {
            char other = alphabet.charAt((alphabet.indexOf(d.charAt(i)) + 1) % alphabet.length());
            String changed = d.substring(0, i) + other + d.substring(i + 1);
            VerificationResult r = verifier.verify(replaceFirst(sd, changed).getBytes(US_ASCII));
            assertInstanceOf(Rejection.class, r, "character " + i + " changed");
        }
    }

    @Test
    void aChainOfDisclosuresNestedPastTheLimitIsRefusedNotRunOutOfStack() throws Exception {
        // each disclosure reveals an object whose only member is concealed by the next: 5,000 levels
        List<String> disclosures = new ArrayList<>();
        ObjectNode inner = JSON.createObjectNode().put("leaf", true);
        for (int i = 0; i < 5000; i++) {
            Disclosure d = Disclosure.ofMember("ex:n", inner);
            disclosures.add(d.encoded());
            inner = JSON.createObjectNode();
            inner.putArray("_sd").add(d.digest());
        }
        ObjectNode event = (ObjectNode) JSON.readTree(TestDevices.OBJECT_EVENT);
        event.putArray("_sd").addAll((com.fasterxml.jackson.databind.node.ArrayNode) inner.get("_sd"));
        ObjectNode payload = (ObjectNode) JSON.readTree(TestDevices.event(SignatureAlgorithm.EdDSA, "{}"));
        payload.set("event", event);
        payload.put("_sd_alg", "sha-256");
        byte[] jwt = devices.sign(SignatureAlgorithm.EdDSA, JSON.writeValueAsBytes(payload));
        java.util.Collections.reverse(disclosures);
        EnvelopeVerifier big = new EnvelopeVerifier(devices.lookup(), new EnvelopeLimits(4 << 20, 10_000, 32));
        assertReason(big, RejectionReason.MALFORMED_JWS, new SdJwt(new String(jwt, US_ASCII), disclosures).serialize());
    }

    @Test
    void readingsStayPlainJwsAndPlainEventsStillVerify() {
        String readings = TestDevices.readings(SignatureAlgorithm.EdDSA, TestDevices.ONE_READING);
        byte[] jws = devices.sign(SignatureAlgorithm.EdDSA, readings);
        assertReason(RejectionReason.SCHEMA_VIOLATION, new String(jws, US_ASCII) + "~");
        byte[] plainEvent = devices.sign(SignatureAlgorithm.EdDSA, TestDevices.event(SignatureAlgorithm.EdDSA, TestDevices.OBJECT_EVENT));
        VerifiedEnvelope v = assertInstanceOf(VerifiedEnvelope.class, verifier.verify(plainEvent));
        assertTrue(v.disclosures().isEmpty());
    }

    @Test
    void aStoredJwtRereadWithItsStoredDisclosuresGivesTheEventAgain() throws Exception {
        SdJwt sd = issue(SignatureAlgorithm.EdDSA, transaction(), EpcisDisclosurePolicy.defaults());
        VerifiedEnvelope v = assertInstanceOf(VerifiedEnvelope.class,
                verifier.reread(sd.jwtBytes(), TestDevices.device(SignatureAlgorithm.EdDSA), sd.disclosures()));
        assertEquals(JSON.readTree(transaction()), v.event().orElseThrow().json());
    }

    private static String replaceFirst(SdJwt sd, String disclosure) {
        List<String> list = new ArrayList<>(sd.disclosures());
        list.set(0, disclosure);
        return new SdJwt(sd.jwt(), list).serialize();
    }

    private void assertReason(RejectionReason reason, String compact) {
        assertReason(verifier, reason, compact);
    }

    private static void assertReason(EnvelopeVerifier verifier, RejectionReason reason, String compact) {
        VerificationResult result = verifier.verify(compact.getBytes(US_ASCII));
        Rejection r = assertInstanceOf(Rejection.class, result, "expected " + reason);
        assertEquals(reason, r.reason(), r.message());
        assertFalse(r.message().isBlank());
    }
}
