package org.prooftrail.anchor.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.anchor.checkpoint.CosignerKey;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.crypto.SigningKey;

/** {@code PT_WITNESSES}: the old two-part entries still read; a display name is the rest of the entry. */
class WitnessesSettingTest {
    private static String vkey(String name) {
        return new CosignerKey(name, SigningKey.generate(SignatureAlgorithm.EdDSA).verifyingKey()).vkey().encode();
    }

    @Test
    void entriesMayCarryADisplayNameWithSpacesAndOtherwiseShowTheKeyName() {
        Witnesses w = Witnesses.from(Settings.of(Map.of(Witnesses.LIST,
                "https://w.pda.example/ " + vkey("w.pda.example/w1") + "  Provincial Drug Administration 省药监局 ,"
                        + " http://pharmacy.example:8080 " + vkey("pharmacy.example/w"))));
        assertEquals(List.of("Provincial Drug Administration 省药监局", "pharmacy.example/w"),
                w.endpoints().stream().map(WitnessEndpoint::displayName).toList());
        assertEquals(Map.of("w.pda.example/w1", "Provincial Drug Administration 省药监局", "pharmacy.example/w", "pharmacy.example/w"),
                w.displayNames());
        assertEquals(2, w.quorum(), "a majority of two");
    }

    @Test
    void anEntryWithoutAKeyIsRefused() {
        assertThrows(ConfigException.class, () -> Witnesses.from(Settings.of(Map.of(Witnesses.LIST, "https://w.example/"))));
        assertThrows(ConfigException.class, () -> Witnesses.from(Settings.of(Map.of(Witnesses.LIST,
                "https://w.example/ Provincial Drug Administration"))));
    }
}
