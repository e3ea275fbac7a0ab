package org.prooftrail.core.crypto;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

/** Published test vectors: the only evidence that we interoperate, not merely agree with ourselves. */
class KnownAnswerTest {

    // RFC 8037 Appendix A.1 (key), A.3 (thumbprint), A.4 (signature).
    static final String RFC8037_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    static final String RFC8037_X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    static final String RFC8037_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc"
            + ".hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    @Test
    void rfc8037Ed25519SignatureVerifies() throws Exception {
        VerifyingKey key = Jwk.parse("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + RFC8037_X + "\"}");
        int lastDot = RFC8037_JWS.lastIndexOf('.');
        byte[] signingInput = RFC8037_JWS.substring(0, lastDot).getBytes(US_ASCII);
        byte[] signature = Base64Url.decode(RFC8037_JWS.substring(lastDot + 1));

        assertTrue(key.verify(signingInput, signature));
        signature[10] ^= 0x01;
        assertFalse(key.verify(signingInput, signature));
    }

    @Test
    void rfc8037Ed25519SigningIsReproduced() {
        SigningKey key = SigningKey.fromPrivate(new Ed25519PrivateKeyParameters(Base64Url.decode(RFC8037_D)));
        assertEquals(RFC8037_X, Base64Url.encode(key.verifyingKey().raw()));
        int lastDot = RFC8037_JWS.lastIndexOf('.');
        byte[] signature = key.sign(RFC8037_JWS.substring(0, lastDot).getBytes(US_ASCII));
        assertEquals(RFC8037_JWS.substring(lastDot + 1), Base64Url.encode(signature));
    }

    @Test
    void rfc8037Thumbprint() throws Exception {
        VerifyingKey key = PublicKeys.fromRaw(SignatureAlgorithm.EdDSA, Base64Url.decode(RFC8037_X));
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", Jwk.thumbprint(key));
    }

    @Test
    void rfc7515AppendixA3Es256Verifies() throws Exception {
        VerifyingKey key = Jwk.parse("{\"kty\":\"EC\",\"crv\":\"P-256\","
                + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}");
        byte[] input = ("eyJhbGciOiJFUzI1NiJ9"
                + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ")
                .getBytes(US_ASCII);
        byte[] signature = Base64Url.decode(
                "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q");
        assertTrue(key.verify(input, signature));
    }

    /** RFC 6979 A.2.5: P-256, SHA-256, message "sample"; deterministic k makes the whole signature known. */
    @Test
    void rfc6979Es256SigningIsReproduced() throws Exception {
        SigningKey key = SigningKey.fromScalar(SignatureAlgorithm.ES256,
                new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16));
        assertEquals("0460FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
                        + "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
                Hex.toHexString(key.verifyingKey().raw()).toUpperCase());
        byte[] signature = key.sign("sample".getBytes(US_ASCII));
        assertEquals("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                + "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", Hex.toHexString(signature).toUpperCase());
        // The published s is above n/2: a verifier demanding low S would refuse this standard signature.
        assertTrue(key.verifyingKey().verify("sample".getBytes(US_ASCII), signature));
    }

    /**
     * GB/T 32918.2-2016 Annex A (also GM/T 0003.5): curve sm2p256v1, ID "1234567812345678",
     * message "message digest", with the standard's nonce k.
     */
    @Test
    void gbt32918Sm2SigningIsReproduced() throws Exception {
        SigningKey key = SigningKey.fromScalar(SignatureAlgorithm.SM2SM3,
                new BigInteger("3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8", 16));
        assertEquals("0409F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020"
                        + "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13",
                Hex.toHexString(key.verifyingKey().raw()).toUpperCase());
        byte[] message = "message digest".getBytes(US_ASCII);
        byte[] signature = key.sign(message, fixedNonce("59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21"));
        byte[] expected = Hex.decode("F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3"
                + "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA");
        assertArrayEquals(expected, signature);
        assertTrue(key.verifyingKey().verify(message, expected));
    }

    /** A "random" source that yields one fixed nonce, as the standard's worked example requires. */
    private static SecureRandom fixedNonce(String hex) {
        byte[] k = Hex.decode(hex);
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(k, 0, bytes, 0, bytes.length);
            }
        };
    }
}
