package org.prooftrail.anchor.ledger.rfc3161;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TsaCertificatesTest {
    @Test
    void onlyACertificateWithTheTimeStampingUsageMayStampTime() {
        assertTrue(TsaCertificates.mayStampTime(TsaIdentity.generate("tsa", true).certificate()));
        assertFalse(TsaCertificates.mayStampTime(TsaIdentity.generate("not a tsa", false).certificate()));
    }

    @Test
    void pemRoundTripsAndBadPemIsRefused() throws Exception {
        TsaIdentity identity = TsaIdentity.generate("tsa", true);
        assertEquals(identity.certificate(), TsaCertificates.fromPem(identity.certificatePem()));
        assertEquals(Sha256.hex(Sha256.of(identity.certificate().getEncoded())), TsaCertificates.sha256Hex(identity.certificate()));

        assertThrows(IllegalArgumentException.class, () -> TsaCertificates.fromPem(""));
        assertThrows(IllegalArgumentException.class,
                () -> TsaCertificates.fromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
        assertThrows(IllegalArgumentException.class,
                () -> TsaCertificates.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }
}
