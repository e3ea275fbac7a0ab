package org.prooftrail.core.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.Base64Url;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;
import org.prooftrail.core.sdjwt.SdEventEnvelope;
import org.prooftrail.core.sdjwt.SdJwtIssuer;

/** {@link EnvelopeVerifier#verifyAll} gives, one for one, what {@link EnvelopeVerifier#verify} gives. */
class VerifyAllTest {
    private static final TestDevices DEVICES = new TestDevices();
    private static final int ED25519_DEVICES = 5;

    private final Map<String, DeviceKey> registry = new HashMap<>(DEVICES.registry);
    private final List<JwsSigner> edSigners = new ArrayList<>();
    private final EnvelopeVerifier verifier;
    private final List<byte[]> pool;

    VerifyAllTest() throws Exception {
        // Several Ed25519 devices, as a batch from many devices has several keys.
        for (int d = 0; d < ED25519_DEVICES; d++) {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.EdDSA);
            registry.put("kid-ed-" + d, DeviceKey.active("kid-ed-" + d, "dev-ed-" + d, key.verifyingKey()));
            edSigners.add(new JwsSigner("kid-ed-" + d, key));
        }
        verifier = new EnvelopeVerifier(kid -> Optional.ofNullable(registry.get(kid)),
                EnvelopeLimits.defaults().withMaxEnvelopeBytes(4096));
        pool = pool();
    }

    /** Envelopes of every kind that verify or are refused at each phase. */
    private List<byte[]> pool() throws Exception {
        List<byte[]> p = new ArrayList<>();
        for (int d = 0; d < ED25519_DEVICES; d++) {
            for (int seq = 1; seq <= 6; seq++) {
                p.add(edSigners.get(d).sign(readings("dev-ed-" + d, seq).getBytes(UTF_8)));
            }
            p.add(flipSignatureBit(edSigners.get(d).sign(readings("dev-ed-" + d, 99).getBytes(UTF_8))));
            // S >= L, refused by its encoding before any sum
            p.add(withSignatureByte(edSigners.get(d).sign(readings("dev-ed-" + d, 98).getBytes(UTF_8)), 63, (byte) 0xff));
            // signed by another device's key under this kid
            p.add(new JwsSigner("kid-ed-" + d, SigningKey.generate(SignatureAlgorithm.EdDSA))
                    .sign(readings("dev-ed-" + d, 97).getBytes(UTF_8)));
            // the signature holds, the payload does not: names another device, or is not JSON
            p.add(edSigners.get(d).sign(readings("dev-other", 5).getBytes(UTF_8)));
            p.add(edSigners.get(d).sign("{not json".getBytes(UTF_8)));
        }
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            p.add(DEVICES.sign(alg, TestDevices.readings(alg, TestDevices.ONE_READING)));
            p.add(DEVICES.sign(alg, TestDevices.event(alg, TestDevices.OBJECT_EVENT)));
            p.add(flipSignatureBit(DEVICES.sign(alg, TestDevices.readings(alg, TestDevices.ONE_READING))));
            SdEventEnvelope sd = new SdEventEnvelope(new SdJwtIssuer(new JwsSigner(TestDevices.kid(alg), DEVICES.keys.get(alg))),
                    EpcisDisclosurePolicy.defaults());
            String sdJwt = sd.issue(TestDevices.device(alg), 7, "2025-06-01T08:30:01Z",
                    new ObjectMapper().readTree(EpcisSamples.VALID.get(4))).serialize();
            p.add(sdJwt.getBytes(US_ASCII));
            String jwt = sdJwt.substring(0, sdJwt.indexOf('~'));
            p.add((new String(flipSignatureBit(jwt.getBytes(US_ASCII)), US_ASCII) + sdJwt.substring(jwt.length())).getBytes(US_ASCII));
        }
        // header alg ES256 for an Ed25519 key
        p.add(new JwsSigner("kid-ed-0", SigningKey.generate(SignatureAlgorithm.ES256)).sign(readings("dev-ed-0", 3).getBytes(UTF_8)));
        p.add(new JwsSigner("kid-nobody", SigningKey.generate(SignatureAlgorithm.EdDSA)).sign(readings("dev-x", 1).getBytes(UTF_8)));
        p.add(new JwsSigner(TestDevices.REVOKED_KID, DEVICES.revokedKey)
                .sign("{\"dev\":\"dev-revoked\",\"seq\":1,\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":[]}".getBytes(UTF_8)));
        p.add("not a jws".getBytes(US_ASCII));
        p.add("a.b.c".getBytes(US_ASCII));
        p.add("x~y~".getBytes(US_ASCII));
        p.add(new byte[4097]);
        return p;
    }

    @Test
    void randomMixesGiveWhatOneByOneGives() {
        Map<byte[], VerificationResult> alone = new HashMap<>();
        for (byte[] raw : pool) {
            alone.put(raw, verifier.verify(raw));
        }
        Set<RejectionReason> reasons = alone.values().stream().filter(r -> r instanceof Rejection)
                .map(r -> ((Rejection) r).reason()).collect(Collectors.toSet());
        assertTrue(reasons.containsAll(EnumSet.of(RejectionReason.OVERSIZED, RejectionReason.MALFORMED_JWS,
                RejectionReason.UNKNOWN_DEVICE, RejectionReason.REVOKED_KEY, RejectionReason.BAD_SIGNATURE,
                RejectionReason.MALFORMED_JSON, RejectionReason.DEVICE_MISMATCH)), "the pool reaches every phase: " + reasons);
        assertTrue(alone.values().stream().filter(r -> r instanceof VerifiedEnvelope).count() >= ED25519_DEVICES * 6 + 9);

        Random random = new Random(18);
        for (int trial = 0; trial < 300; trial++) {
            int size = trial < 100 ? 1 + random.nextInt(8) : 1 + random.nextInt(80);
            List<byte[]> batch = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                batch.add(pool.get(random.nextInt(pool.size())));
            }
            List<VerificationResult> expected = batch.stream().map(alone::get).toList();
            assertEquals(expected, verifier.verifyAll(batch), "trial " + trial);
        }
    }

    @Test
    void validEd25519EnvelopesFromManyDevicesAllVerifyTogether() {
        List<byte[]> valid = new ArrayList<>();
        for (int seq = 1; seq <= 12; seq++) {
            for (int d = 0; d < ED25519_DEVICES; d++) {
                valid.add(edSigners.get(d).sign(readings("dev-ed-" + d, seq).getBytes(UTF_8)));
            }
        }
        List<VerificationResult> results = verifier.verifyAll(valid);
        for (int i = 0; i < valid.size(); i++) {
            assertEquals(verifier.verify(valid.get(i)), results.get(i));
            assertTrue(results.get(i) instanceof VerifiedEnvelope, results.get(i).toString());
        }
    }

    @Test
    void nothingToVerifyIsNothing() {
        assertEquals(List.of(), verifier.verifyAll(List.of()));
    }

    @Test
    void aFailingKeyLookupThrowsForTheWholeList() {
        EnvelopeVerifier failing = new EnvelopeVerifier(kid -> {
            if (kid.equals("kid-ed-1")) {
                throw new IllegalStateException("registry away");
            }
            return Optional.ofNullable(registry.get(kid));
        });
        List<byte[]> batch = List.of(edSigners.get(0).sign(readings("dev-ed-0", 1).getBytes(UTF_8)),
                edSigners.get(1).sign(readings("dev-ed-1", 1).getBytes(UTF_8)));
        assertThrows(IllegalStateException.class, () -> failing.verifyAll(batch));
    }

    private static String readings(String device, int seq) {
        return "{\"dev\":\"" + device + "\",\"seq\":" + seq + ",\"ts\":\"2025-06-01T08:30:00Z\",\"readings\":"
                + TestDevices.ONE_READING + "}";
    }

    private static byte[] flipSignatureBit(byte[] jws) {
        String text = new String(jws, US_ASCII);
        int dot = text.lastIndexOf('.');
        byte[] signature = Base64Url.decode(text.substring(dot + 1));
        signature[17] ^= 0x10;
        return (text.substring(0, dot + 1) + Base64Url.encode(signature)).getBytes(US_ASCII);
    }

    private static byte[] withSignatureByte(byte[] jws, int index, byte value) {
        String text = new String(jws, US_ASCII);
        int dot = text.lastIndexOf('.');
        byte[] signature = Base64Url.decode(text.substring(dot + 1));
        signature[index] = value;
        return (text.substring(0, dot + 1) + Base64Url.encode(signature)).getBytes(US_ASCII);
    }
}
