package org.prooftrail.anchor.ledger.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.config.ConfigException;
import org.prooftrail.core.config.Settings;

class EvmSettingsTest {
    private static final String KEY = HardhatNode.KEY_0.substring(2);

    private static Map<String, String> valid() {
        Map<String, String> env = new HashMap<>();
        env.put(EvmSettings.RPC_URL, "https://rpc.example.net/v3/SECRET-API-KEY");
        env.put(EvmSettings.CHAIN_ID, "31337");
        env.put(EvmSettings.PRIVATE_KEY, KEY);
        env.put(EvmSettings.CONTRACT, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
        return env;
    }

    @Test
    void readsEnvironmentWithDefaults() {
        EvmSettings s = EvmSettings.from(Settings.of(valid()));
        assertEquals(31337, s.chainId());
        assertEquals("0x5fbdb2315678afecb367f032d93f642f64180aa3", s.contract());
        assertEquals(EvmSettings.DEFAULT_RECEIPT_TIMEOUT, s.receiptTimeout());
        Map<String, String> env = valid();
        env.put(EvmSettings.RECEIPT_TIMEOUT, "30s");
        env.remove(EvmSettings.CONTRACT);
        EvmSettings beforeDeploy = EvmSettings.from(Settings.of(env));
        assertEquals(Duration.ofSeconds(30), beforeDeploy.receiptTimeout());
        assertNull(beforeDeploy.contract());
    }

    @Test
    void neverShowsTheKeyOrTheUrlPath() {
        String shown = EvmSettings.from(Settings.of(valid())).toString();
        assertFalse(shown.toLowerCase().contains(KEY.substring(8, 40)), shown);
        assertFalse(shown.contains("SECRET-API-KEY"), shown);
        assertTrue(shown.contains("https://rpc.example.net"), shown);

        Map<String, String> env = valid();
        env.put(EvmSettings.PRIVATE_KEY, KEY.substring(2));
        ConfigException e = assertThrows(ConfigException.class, () -> EvmSettings.from(Settings.of(env)));
        assertEquals(EvmSettings.PRIVATE_KEY, e.variable());
        assertFalse(e.getMessage().contains(KEY.substring(8, 40)), e.getMessage());
    }

    @Test
    void namesTheWrongVariable() {
        assertWrong(EvmSettings.RPC_URL, "ws://127.0.0.1:8545");
        assertWrong(EvmSettings.CHAIN_ID, "mainnet");
        assertWrong(EvmSettings.CHAIN_ID, "0");
        assertWrong(EvmSettings.CONTRACT, "0x1234");
        assertWrong(EvmSettings.PRIVATE_KEY, "0".repeat(64));
        assertWrong(EvmSettings.RECEIPT_POLL, "0s");
        Map<String, String> env = valid();
        env.remove(EvmSettings.PRIVATE_KEY);
        assertEquals(EvmSettings.PRIVATE_KEY, assertThrows(ConfigException.class, () -> EvmSettings.from(Settings.of(env))).variable());
    }

    @Test
    void theLedgerNeedsTheContract() {
        Map<String, String> env = valid();
        env.remove(EvmSettings.CONTRACT);
        EvmSettings s = EvmSettings.from(Settings.of(env));
        assertEquals(EvmSettings.CONTRACT, assertThrows(ConfigException.class, () -> new EvmLedger(s)).variable());
    }

    private static void assertWrong(String variable, String value) {
        Map<String, String> env = valid();
        env.put(variable, value);
        ConfigException e = assertThrows(ConfigException.class, () -> EvmSettings.from(Settings.of(env)), variable + "=" + value);
        assertEquals(variable, e.variable());
    }
}
