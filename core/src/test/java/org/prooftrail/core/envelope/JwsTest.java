package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

class JwsTest {
    private static final String SIG = Base64Url.encode(new byte[64]);
    private static final String PAYLOAD = Base64Url.encode("{}".getBytes(UTF_8));

    @Test
    void parsesWhatJwsSignerWrites() throws Exception {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ES256);
        byte[] compact = new JwsSigner("device \"7\"", key).sign("{\"a\":1}".getBytes(UTF_8));
        Jws jws = Jws.parse(compact);

        assertEquals(SignatureAlgorithm.ES256, jws.alg());
        assertEquals("device \"7\"", jws.kid());
        assertArrayEquals("{\"a\":1}".getBytes(UTF_8), jws.payload());
        String text = new String(compact, US_ASCII);
        assertArrayEquals(text.substring(0, text.lastIndexOf('.')).getBytes(US_ASCII), jws.signingInput());
        assertEquals(true, key.verifyingKey().verify(jws.signingInput(), jws.signature()));
    }

    /** RFC 8037's example is a valid JWS but names no key: ours must say so, precisely. */
    @Test
    void rfc8037ExampleIsRefusedForItsMissingKid() {
        assertMalformed("protected header has no \"kid\"; it names the device key",
                "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
                        + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg");
    }

    @Test
    void structureMistakes() {
        String header = header("{\"alg\":\"EdDSA\",\"kid\":\"k\"}");
        assertMalformed("a JWS compact serialization has 3 parts (header.payload.signature); this has 2", header + "." + PAYLOAD);
        assertMalformed("a JWS compact serialization has 3 parts (header.payload.signature); this has 5",
                header + ".a.b.c." + SIG);
        assertMalformed("a JWS compact serialization has 3 parts (header.payload.signature); this has 1", "");
        assertMalformed("protected header is empty", "." + PAYLOAD + "." + SIG);
        assertMalformed("signature: character '=' at offset " + (header.length() + PAYLOAD.length() + 2 + 86)
                + " is not base64url", header + "." + PAYLOAD + "." + SIG + "==");
        assertMalformed("signature: character 0x0a at offset " + (header.length() + PAYLOAD.length() + 2 + 86)
                + " is not base64url", header + "." + PAYLOAD + "." + SIG + "\n");
        assertMalformed("payload: character 0x20 at offset " + (header.length() + 1) + " is not base64url",
                header + ". " + PAYLOAD + "." + SIG);
        assertMalformed("protected header: character '+' at offset 0 is not base64url", "+" + header.substring(1) + "." + PAYLOAD + "." + SIG);
        assertMalformed("signature is 63 bytes; EdDSA signatures are 64", header + "." + PAYLOAD + "." + Base64Url.encode(new byte[63]));
        assertMalformed("signature: non-canonical base64url: unused bits of the last character are not zero",
                header + "." + PAYLOAD + "." + SIG.substring(0, 85) + "B");
        assertMalformed("payload: base64url text of length 5 is impossible", header + ".AAAAA." + SIG);
    }

    @Test
    void headerMistakes() {
        assertHeader("protected header must be a JSON object", "[\"alg\",\"EdDSA\"]");
        assertHeader("protected header must be a JSON object", "\"EdDSA\"");
        assertHeader("protected header has no \"alg\"", "{\"kid\":\"k\"}");
        assertHeader("protected header \"alg\" must be a string", "{\"alg\":1,\"kid\":\"k\"}");
        assertHeader("unsupported alg \"none\"; expected one of EdDSA, ES256, SM2SM3", "{\"alg\":\"none\",\"kid\":\"k\"}");
        assertHeader("unsupported alg \"HS256\"; expected one of EdDSA, ES256, SM2SM3", "{\"alg\":\"HS256\",\"kid\":\"k\"}");
        assertHeader("protected header \"kid\" must be a non-empty string", "{\"alg\":\"EdDSA\",\"kid\":\"\"}");
        assertHeader("protected header \"kid\" must be a non-empty string", "{\"alg\":\"EdDSA\",\"kid\":7}");
        assertHeader("\"kid\" is 257 characters; at most 256", "{\"alg\":\"EdDSA\",\"kid\":\"" + "k".repeat(257) + "\"}");
        assertHeader("\"kid\" \"a\\u000ab\" contains a control character", "{\"alg\":\"EdDSA\",\"kid\":\"a\\nb\"}");
        assertHeader("protected header lists critical extensions \"[\\\"exp\\\"]\"; none is supported",
                "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"crit\":[\"exp\"],\"exp\":1}");
        assertHeader("unencoded payloads (\"b64\") are not supported", "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"b64\":false}");
    }

    /** Headers the one-pass reading passes on to the tree: the same rules, in the same order, with the same words. */
    @Test
    void headersThatAreNotPlainStringsMeetTheSameRules() {
        assertHeader("protected header lists critical extensions \"\\\"exp\\\"\"; none is supported",
                "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"crit\":\"exp\"}");
        assertHeader("unencoded payloads (\"b64\") are not supported", "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"b64\":\"false\"}");
        assertHeader("protected header typ: contains U+0000, which cannot be stored", "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"typ\":\"a\\u0000\"}");
        assertHeaderStartsWith("protected header is not valid JSON: Duplicate field 'typ'",
                "{\"alg\":\"EdDSA\",\"typ\":\"JWT\",\"kid\":\"k\",\"typ\":\"JWT\"}");
        assertHeaderStartsWith("protected header is not valid JSON: Unrecognized token 'x'", "{\"alg\":\"EdDSA\",\"kid\":\"k\"} x");
        assertHeader("protected header has no \"alg\"", "{\"kid\":\"k\",\"typ\":\"JWT\"}");
    }

    @Test
    void headerJsonMustBeStrict() {
        assertHeaderStartsWith("protected header is not valid JSON: Duplicate field 'alg'",
                "{\"alg\":\"EdDSA\",\"alg\":\"ES256\",\"kid\":\"k\"}");
        assertHeaderStartsWith("protected header is not valid JSON", "{\"alg\":\"EdDSA\",\"kid\":\"k\"} {}");
        assertHeaderStartsWith("protected header is not valid JSON", "{alg:'EdDSA'}");
        assertHeaderStartsWith("protected header is empty", "");
        assertHeaderStartsWith("protected header is not valid JSON", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
        byte[] invalidUtf8 = {'{', '"', 'a', 'l', 'g', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
        MalformedJwsException e = assertThrows(MalformedJwsException.class,
                () -> Jws.parse((Base64Url.encode(invalidUtf8) + "." + PAYLOAD + "." + SIG).getBytes(US_ASCII)));
        assertEquals("protected header is not valid UTF-8 at byte 8", e.getMessage());
    }

    @Test
    void headerSizeIsBounded() {
        String big = "{\"alg\":\"EdDSA\",\"kid\":\"k\",\"pad\":\"" + "x".repeat(2000) + "\"}";
        assertHeader("protected header is " + header(big).length() + " characters; at most 2048 are accepted", big);
    }

    @Test
    void unknownHeaderParametersAreIgnored() throws Exception {
        Jws jws = Jws.parse((header("{\"alg\":\"SM2SM3\",\"kid\":\"k\",\"typ\":\"JOSE\",\"x5u\":\"https://evil\"}")
                + "." + PAYLOAD + "." + SIG).getBytes(US_ASCII));
        assertEquals(SignatureAlgorithm.SM2SM3, jws.alg());
    }

    private static String header(String json) {
        return Base64Url.encode(json.getBytes(UTF_8));
    }

    private static void assertHeader(String message, String headerJson) {
        assertMalformed(message, header(headerJson) + "." + PAYLOAD + "." + SIG);
    }

    private static void assertHeaderStartsWith(String prefix, String headerJson) {
        MalformedJwsException e = assertThrows(MalformedJwsException.class,
                () -> Jws.parse((header(headerJson) + "." + PAYLOAD + "." + SIG).getBytes(US_ASCII)));
        assertEquals(true, e.getMessage().startsWith(prefix), e.getMessage());
    }

    private static void assertMalformed(String message, String compact) {
        MalformedJwsException e = assertThrows(MalformedJwsException.class, () -> Jws.parse(compact.getBytes(UTF_8)));
        assertEquals(message, e.getMessage());
    }
}
