package org.prooftrail.core.sdjwt;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.Jwk;
import org.prooftrail.core.crypto.VerifyingKey;
import org.prooftrail.core.envelope.Jws;

/** RFC 9901's own examples, reproduced: salts, disclosures, digests, the issuer signature and the processed payloads. */
class RfcExamplesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Appendix A.5. */
    private static final String ISSUER_KEY = "{\"kty\": \"EC\", \"crv\": \"P-256\", "
            + "\"x\": \"b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ\", \"y\": \"Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8\"}";

    record Vector(String digest, String disclosure, JsonNode contents) {
    }

    @Test
    void section421And423TheFamilyNameDisclosureAndItsDigest() throws Exception {
        Disclosure d = Disclosure.create("_26bc4LT-ac6q2KI6cBW5es", "family_name", TextNode.valueOf("Möbius"));
        assertEquals("WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0", d.encoded());
        assertEquals("X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0", d.digest());
        // other spellings of the same claim are valid disclosures with other digests (4.2.1)
        Disclosure noSpace = Disclosure.parse("WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsImZhbWlseV9uYW1lIiwiTcO2Yml1cyJd");
        assertEquals("Möbius", noSpace.value().textValue());
        assertEquals("family_name", noSpace.name());
        assertTrue(!noSpace.digest().equals(d.digest()));
        Disclosure escaped = Disclosure.parse("WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNXHUwMGY2Yml1cyJd");
        assertEquals("Möbius", escaped.value().textValue());
    }

    @Test
    void section422TheArrayElementDisclosure() throws Exception {
        Disclosure d = Disclosure.create("lklxF5jMYlGTPUovMNIvCA", null, TextNode.valueOf("FR"));
        assertEquals("WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIkZSIl0", d.encoded());
        assertTrue(Disclosure.parse(d.encoded()).isArrayElement());
    }

    @Test
    void section51EveryDisclosureIsReproducedFromItsSaltNameAndValueWithItsDigest() throws Exception {
        List<Vector> vectors = vectors();
        assertEquals(10, vectors.size());
        for (Vector v : vectors) {
            Disclosure parsed = Disclosure.parse(v.disclosure());
            assertEquals(v.digest(), parsed.digest(), v.contents().toString());
            assertEquals(v.contents().get(0).textValue(), parsed.salt());
            assertEquals(v.contents().get(v.contents().size() - 1), parsed.value());
            String name = v.contents().size() == 3 ? v.contents().get(1).textValue() : null;
            assertEquals(name, parsed.name());
            Disclosure made = Disclosure.create(parsed.salt(), name, v.contents().get(v.contents().size() - 1));
            assertEquals(v.disclosure(), made.encoded(), "byte for byte: " + v.contents());
            assertEquals(v.digest(), made.digest());
        }
    }

    @Test
    void section51TheIssuedSdJwtVerifiesWithTheIssuerKeyAndDisclosesEveryClaim() throws Exception {
        SdJwt sd = SdJwt.parse(resource("rfc9901-section5.1-issuance.txt").trim().getBytes(US_ASCII));
        assertEquals(vectors().stream().map(Vector::disclosure).toList(), sd.disclosures());
        VerifyingKey issuer = Jwk.parse(ISSUER_KEY);
        // our JWS layer checks the RFC's ES256 signature (the example header has no kid, so not through SdJwtVerifier)
        Jws jws = Jws.parse(withKid(sd.jwt()));
        assertTrue(issuer.verify(sd.jwt().substring(0, sd.jwt().lastIndexOf('.')).getBytes(US_ASCII), jws.signature()));
        ObjectNode payload = (ObjectNode) JSON.readTree(jws.payload());
        DisclosedView view = SdJwtVerifier.process(payload, sd.disclosures());
        assertEquals(List.of(), view.withheld());
        ObjectNode expected = (ObjectNode) JSON.readTree("""
                {"sub": "user_42", "given_name": "John", "family_name": "Doe", "email": "johndoe@example.com",
                 "phone_number": "+1-202-555-0101", "phone_number_verified": true,
                 "address": {"street_address": "123 Main St", "locality": "Anytown", "region": "Anystate", "country": "US"},
                 "birthdate": "1940-01-01", "updated_at": 1570000000, "nationalities": ["US", "DE"]}""");
        expected.put("iss", "https://issuer.example.com").put("iat", 1683000000).put("exp", 1883000000);
        expected.set("cnf", payload.get("cnf"));
        assertEquals(expected, view.payload());
        assertEquals(1570000000, view.payload().get("updated_at").intValue(), "integers stay integers");
    }

    @Test
    void section52ThePresentedSubsetGivesTheProcessedPayloadAndNamesWhatIsWithheld() throws Exception {
        SdJwt issued = SdJwt.parse(resource("rfc9901-section5.1-issuance.txt").trim().getBytes(US_ASCII));
        List<Vector> v = vectors();
        // family_name, address, given_name and the "US" nationality, in the order of section 5.2
        List<String> presented = List.of(v.get(1).disclosure(), v.get(5).disclosure(), v.get(0).disclosure(), v.get(8).disclosure());
        ObjectNode payload = (ObjectNode) JSON.readTree(Jws.parse(withKid(issued.jwt())).payload());
        DisclosedView view = SdJwtVerifier.process(payload, presented);
        JsonNode expected = JSON.readTree("""
                {"iss": "https://issuer.example.com", "iat": 1683000000, "exp": 1883000000, "sub": "user_42",
                 "nationalities": ["US"],
                 "cnf": {"jwk": {"kty": "EC", "crv": "P-256", "x": "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc",
                                 "y": "ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ"}},
                 "family_name": "Doe",
                 "address": {"street_address": "123 Main St", "locality": "Anytown", "region": "Anystate", "country": "US"},
                 "given_name": "John"}""");
        assertEquals(expected, view.payload());
        assertEquals(Set.of(v.get(2).digest(), v.get(3).digest(), v.get(4).digest(), v.get(6).digest(), v.get(7).digest(),
                v.get(9).digest()), Set.copyOf(view.withheld()), "email, phone_number(_verified), birthdate, updated_at, DE");
        assertNull(view.payload().get("_sd"));
    }

    @Test
    void aKeyBindingJwtAfterTheLastTildeIsRefused() {
        SdJwtException e = assertThrows(SdJwtException.class, () -> SdJwt.parse("a.b.c~WyJsa2x4In0~eyJ.kb.jwt".getBytes(US_ASCII)));
        assertEquals(SdJwtException.Problem.MALFORMED, e.problem());
    }

    /** The RFC's header has no kid; ours must. The signature is checked over the original header apart. */
    private static byte[] withKid(String jwt) {
        int dot = jwt.indexOf('.');
        String header = "{\"alg\":\"ES256\",\"kid\":\"rfc9901-a5\"}";
        return (org.prooftrail.core.crypto.Base64Url.encode(header.getBytes(UTF_8)) + jwt.substring(dot)).getBytes(US_ASCII);
    }

    private static List<Vector> vectors() throws IOException {
        List<Vector> out = new ArrayList<>();
        for (String line : resource("rfc9901-section5.1-disclosures.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new Vector(f[0], f[1], JSON.readTree(f[2])));
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RfcExamplesTest.class.getResourceAsStream("/sdjwt/" + name)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
