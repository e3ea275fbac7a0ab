package org.prooftrail.core.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * Private keys as PEM: written as unencrypted PKCS#8 ({@code PRIVATE KEY}, RFC 5208/5958, RFC 8410
 * for Ed25519); read from PKCS#8 or, because {@code openssl ecparam -genkey} still writes it, from
 * SEC 1 ({@code EC PRIVATE KEY}). Encrypted keys are refused with a hint rather than a passphrase
 * prompt: keys reach devices and the simulator through files the operator already protects.
 */
public final class PrivateKeys {
    private static final String PKCS8 = "PRIVATE KEY";
    private static final String SEC1 = "EC PRIVATE KEY";
    private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";

    private PrivateKeys() {
    }

    public static String toPem(SigningKey key) {
        try {
            return Pem.write(PKCS8, PrivateKeyInfoFactory.createPrivateKeyInfo(key.privateKey()).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("encoding a valid private key cannot fail", e);
        }
    }

    public static SigningKey fromPem(String pem) throws KeyFormatException {
        PemObject object = Pem.read(pem, PKCS8, SEC1, ENCRYPTED);
        if (ENCRYPTED.equals(object.getType())) {
            throw new KeyFormatException("encrypted private keys are not supported; decrypt with `openssl pkcs8 -topk8 -nocrypt`");
        }
        try {
            return SEC1.equals(object.getType()) ? fromSec1(object.getContent(), null) : fromPkcs8(object.getContent());
        } catch (RuntimeException | IOException e) {
            throw new KeyFormatException("unreadable " + object.getType() + ": " + e.getMessage(), e);
        }
    }

    private static SigningKey fromPkcs8(byte[] der) throws KeyFormatException, IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        SignatureAlgorithm algorithm = PublicKeys.algorithmOf(info.getPrivateKeyAlgorithm());
        if (algorithm == SignatureAlgorithm.EdDSA) {
            byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                throw new KeyFormatException("an Ed25519 private key is 32 bytes, not " + seed.length);
            }
            return SigningKey.fromPrivate(new Ed25519PrivateKeyParameters(seed));
        }
        return fromSec1(info.parsePrivateKey().toASN1Primitive().getEncoded(ASN1Encoding.DER), algorithm);
    }

    /** SEC 1 ECPrivateKey; the curve comes from PKCS#8 when given, else from the structure itself. */
    private static SigningKey fromSec1(byte[] der, SignatureAlgorithm fromPkcs8) throws KeyFormatException {
        ECPrivateKey ec = ECPrivateKey.getInstance(der);
        SignatureAlgorithm algorithm = fromPkcs8;
        var parameters = ec.getParametersObject();
        if (parameters instanceof ASN1ObjectIdentifier curve) {
            SignatureAlgorithm named = Curves.algorithmOf(curve).orElseThrow(
                    () -> new KeyFormatException("EC curve " + curve.getId() + " is not supported (expected P-256 or sm2p256v1)"));
            if (algorithm != null && algorithm != named) {
                throw new KeyFormatException("PKCS#8 names one curve and the inner EC key another");
            }
            algorithm = named;
        }
        if (algorithm == null) {
            throw new KeyFormatException("EC private key does not name its curve");
        }
        BigInteger d = ec.getKey();
        SigningKey key = SigningKey.fromScalar(algorithm, d);
        ASN1BitString embedded = ec.getPublicKey();
        if (embedded != null && !Arrays.equals(embedded.getOctets(), key.verifyingKey().raw())) {
            throw new KeyFormatException("the public key stored with the private key does not match it");
        }
        return key;
    }
}
