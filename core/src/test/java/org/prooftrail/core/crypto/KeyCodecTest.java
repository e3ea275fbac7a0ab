package org.prooftrail.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyCodecTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MESSAGE = {1, 2, 3};

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void publicPemRoundTrip(SignatureAlgorithm algorithm) throws Exception {
        VerifyingKey key = SigningKey.generate(algorithm, RANDOM).verifyingKey();
        String pem = PublicKeys.toPem(key);

        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
        VerifyingKey back = PublicKeys.fromPem(pem);
        assertEquals(key, back);
        assertEquals(algorithm, back.algorithm());
        assertEquals(key, PublicKeys.parse("\n  " + pem + "\n"));
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void jwkRoundTrip(SignatureAlgorithm algorithm) throws Exception {
        VerifyingKey key = SigningKey.generate(algorithm, RANDOM).verifyingKey();
        String jwk = Jwk.toJson(key, "device-7");

        assertTrue(jwk.contains("\"kid\":\"device-7\""), jwk);
        assertTrue(jwk.contains("\"alg\":\"" + algorithm.jwsName() + "\""), jwk);
        assertEquals(key, Jwk.parse(jwk));
        assertEquals(key, PublicKeys.parse(Jwk.toJson(key)));
        assertEquals(43, Jwk.thumbprint(key).length());
    }

    @ParameterizedTest
    @EnumSource(SignatureAlgorithm.class)
    void privatePemRoundTripKeepsTheKeyUsable(SignatureAlgorithm algorithm) throws Exception {
        SigningKey key = SigningKey.generate(algorithm, RANDOM);
        String pem = PrivateKeys.toPem(key);

        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
        SigningKey back = PrivateKeys.fromPem(pem);
        assertEquals(key.verifyingKey(), back.verifyingKey());
        assertTrue(key.verifyingKey().verify(MESSAGE, back.sign(MESSAGE)));
    }

    @Test
    void sm2KeysAreEcKeysOnSm2Curve() throws Exception {
        VerifyingKey key = SigningKey.generate(SignatureAlgorithm.SM2SM3, RANDOM).verifyingKey();
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(PublicKeys.toSpki(key));
        assertEquals(X9ObjectIdentifiers.id_ecPublicKey, spki.getAlgorithm().getAlgorithm());
        assertEquals(GMObjectIdentifiers.sm2p256v1, (ASN1ObjectIdentifier) spki.getAlgorithm().getParameters());
    }

    /** Written by OpenSSL 3.0 (`openssl ecparam -name prime256v1 -genkey -noout`, then `openssl ec -pubout`). */
    @Test
    void readsOpensslSec1PrivateKey() throws Exception {
        String sec1 = """
                -----BEGIN EC PRIVATE KEY-----
                MHcCAQEEIJ7qaf6mvG3+ejfDn8DZszGr9GGcs92+1V9/LL4UXaRxoAoGCCqGSM49
                AwEHoUQDQgAEzbQ77Zv9QDEQ33cJjYyUfhhaG60Z8BFON2s/FHDmEWYho6Q2kk+z
                1ZiGNlZ9xmBSFO5FMs/caLZWVuZd0kwYgw==
                -----END EC PRIVATE KEY-----
                """;
        String spki = """
                -----BEGIN PUBLIC KEY-----
                MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEzbQ77Zv9QDEQ33cJjYyUfhhaG60Z
                8BFON2s/FHDmEWYho6Q2kk+z1ZiGNlZ9xmBSFO5FMs/caLZWVuZd0kwYgw==
                -----END PUBLIC KEY-----
                """;
        SigningKey key = PrivateKeys.fromPem(sec1);
        assertEquals(SignatureAlgorithm.ES256, key.algorithm());
        assertEquals(PublicKeys.fromPem(spki), key.verifyingKey());
    }

    /**
     * Written by OpenSSL 3.0 (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2`), and
     * its signature over "message digest" (`openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt
     * distid:1234567812345678`, DER converted to R || S): an SM2 implementation independent of ours.
     */
    @Test
    void readsOpensslSm2KeysAndVerifiesItsSignature() throws Exception {
        String pkcs8 = """
                -----BEGIN PRIVATE KEY-----
                MIGHAgEAMBMGByqGSM49AgEGCCqBHM9VAYItBG0wawIBAQQgPmauK6iOR2A2Gg9L
                SmwEyGCfD6U551hIKfz3wthXgTihRANCAAQJPnrncprK1himFtVmM6k1+Qfpb4xo
                Gp/Ft10biuKoBtusdm4xud0p9IaCIWniorMA9bg7CI6lLVvjtvmhrvnF
                -----END PRIVATE KEY-----
                """;
        String spki = """
                -----BEGIN PUBLIC KEY-----
                MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAECT5653KaytYYphbVZjOpNfkH6W+M
                aBqfxbddG4riqAbbrHZuMbndKfSGgiFp4qKzAPW4OwiOpS1b47b5oa75xQ==
                -----END PUBLIC KEY-----
                """;
        VerifyingKey key = PublicKeys.fromPem(spki);
        assertEquals(SignatureAlgorithm.SM2SM3, key.algorithm());
        assertEquals(key, PrivateKeys.fromPem(pkcs8).verifyingKey());
        assertEquals(spki, PublicKeys.toPem(key).replace("\r\n", "\n"));
        byte[] signature = org.bouncycastle.util.encoders.Hex.decode(
                "28791B005E67B8C63EA7D2E000733DE21FC6B8370382BE26932CD8DD81A8DFA8"
                + "28D75DA19A305C37EAB43A04BC91DEE41D94CC093F671B97C2D2F6942C7630ED");
        assertTrue(key.verify("message digest".getBytes(java.nio.charset.StandardCharsets.US_ASCII), signature));
    }

    @Test
    void jwkMistakesAreExplained() {
        String x = Base64Url.encode(new byte[32]);
        assertMessage("JWK contains a private key (\"d\"); give the public key only",
                () -> Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "\",\"d\":\"" + x + "\"}"));
        assertMessage("unsupported JWK kty \"EC\" with crv \"P-384\" (expected OKP/Ed25519, EC/P-256 or EC/SM2)",
                () -> Jwk.parse("{\"kty\":\"EC\",\"crv\":\"P-384\",\"x\":\"" + x + "\",\"y\":\"" + x + "\"}"));
        assertMessage("JWK \"alg\" is \"ES256\" but this key needs \"EdDSA\"",
                () -> Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"alg\":\"ES256\",\"x\":\"" + x + "\"}"));
        assertMessage("JWK \"x\": character '=' at offset 43 is not base64url",
                () -> Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x + "=\"}"));
        assertMessage("EC JWK coordinates must be 32 bytes each (x is 31, y is 32)",
                () -> Jwk.parse("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + Base64Url.encode(new byte[31])
                        + "\",\"y\":\"" + x + "\"}"));
        assertThrows(KeyFormatException.class, () -> Jwk.parse("{\"kty\":\"OKP\",\"kty\":\"OKP\"}"), "duplicate member");
        assertThrows(KeyFormatException.class, () -> Jwk.parse("[1]"));
        assertThrows(KeyFormatException.class, () -> Jwk.parse("{"));
    }

    @Test
    void pointsOffTheCurveAreRefused() {
        String x = Base64Url.encode(new byte[32]);
        byte[] one = new byte[32];
        one[31] = 1;
        KeyFormatException e = assertThrows(KeyFormatException.class, () -> Jwk.parse(
                "{\"kty\":\"EC\",\"crv\":\"SM2\",\"x\":\"" + x + "\",\"y\":\"" + Base64Url.encode(one) + "\"}"));
        assertTrue(e.getMessage().startsWith("not a valid point on sm2p256v1"), e.getMessage());
    }

    @Test
    void invalidEd25519EncodingsAreRefusedOrNeverVerify() {
        byte[] ones = new byte[32];
        java.util.Arrays.fill(ones, (byte) 0xff);
        try {
            VerifyingKey key = PublicKeys.fromRaw(SignatureAlgorithm.EdDSA, ones);
            org.junit.jupiter.api.Assertions.assertFalse(key.verify(MESSAGE, new byte[64]));
        } catch (KeyFormatException e) {
            assertTrue(e.getMessage().startsWith("not a valid Ed25519 public key"), e.getMessage());
        }
    }

    @Test
    void pemMistakesAreExplained() throws Exception {
        VerifyingKey key = SigningKey.generate(SignatureAlgorithm.EdDSA, RANDOM).verifyingKey();
        String publicPem = PublicKeys.toPem(key);
        assertMessage("PEM block is PUBLIC KEY; expected PRIVATE KEY or EC PRIVATE KEY or ENCRYPTED PRIVATE KEY",
                () -> PrivateKeys.fromPem(publicPem));
        assertMessage("no PEM block found (expected -----BEGIN PUBLIC KEY-----)", () -> PublicKeys.fromPem("hello"));
        assertMessage("encrypted private keys are not supported; decrypt with `openssl pkcs8 -topk8 -nocrypt`",
                () -> PrivateKeys.fromPem("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n"));
        // An RSA key (rsaEncryption OID) in SubjectPublicKeyInfo form.
        String rsa = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getEncoder().encodeToString(new byte[] {0x30, 0x1a, 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48,
                    (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, 0x03, 0x09, 0x00, 0x30, 0x06, 0x02, 0x01,
                    0x03, 0x02, 0x01, 0x03})
                + "\n-----END PUBLIC KEY-----\n";
        assertMessage("key algorithm 1.2.840.113549.1.1.1 is not supported (expected Ed25519, EC P-256 or EC sm2p256v1)",
                () -> PublicKeys.fromPem(rsa));
    }

    @Test
    void base64UrlIsStrict() {
        assertEquals("AQID", Base64Url.encode(new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AQ=="));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AQ+/"));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("A"));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AR"), "non-zero unused bits");
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode("AQ I"));
        assertEquals(1, Base64Url.decode("AQ").length);
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        KeyFormatException e = assertThrows(KeyFormatException.class, action);
        assertEquals(expected, e.getMessage());
    }
}
