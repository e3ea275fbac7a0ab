package org.prooftrail.anchor.ledger.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;

/** The Java side of the contract against the committed ABI, and the event decoding on a made-up log. */
class AnchorContractTest {
    private static final String CONTRACT = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    private static JsonNode abiEntry(String type, String name) throws Exception {
        for (JsonNode entry : new ObjectMapper().readTree(AnchorContract.resource(AnchorContract.ABI_RESOURCE))) {
            if (type.equals(entry.path("type").asText()) && name.equals(entry.path("name").asText())) {
                return entry;
            }
        }
        throw new AssertionError("the committed ABI has no " + type + " " + name);
    }

    private static String signature(JsonNode entry) {
        List<String> types = new ArrayList<>();
        entry.path("inputs").forEach(input -> types.add(input.path("type").asText()));
        return entry.path("name").asText() + "(" + String.join(",", types) + ")";
    }

    @Test
    void theEventMatchesTheCommittedAbi() throws Exception {
        JsonNode anchored = abiEntry("event", "Anchored");
        assertEquals("Anchored(uint64,bytes32,bytes32,address)", signature(anchored));
        assertEquals(Hash.sha3String(signature(anchored)), AnchorContract.ANCHORED_TOPIC);
        List<Boolean> indexed = new ArrayList<>();
        anchored.path("inputs").forEach(input -> indexed.add(input.path("indexed").asBoolean()));
        assertEquals(List.of(true, false, false, false), indexed);
    }

    @Test
    void theCallMatchesTheCommittedAbi() throws Exception {
        JsonNode anchor = abiEntry("function", "anchor");
        assertEquals("anchor(uint64,bytes32,bytes32)", signature(anchor));
        String call = AnchorContract.anchorCall(AnchoredNote.of(TestNotes.note(5, TestNotes.root(3))));
        assertEquals(Hash.sha3String(signature(anchor)).substring(0, 10), call.substring(0, 10));
        assertEquals(2 + 8 + 3 * 64, call.length());
    }

    @Test
    void namesTheNotOwnerError() throws Exception {
        assertEquals("NotOwner(address)", signature(abiEntry("error", "NotOwner")));
        String hardhat = "reverted with an unrecognized custom error (return data: 0x" + AnchorContract.NOT_OWNER_ERROR_ID
                + "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8)";
        assertTrue(AnchorContract.explainRevert(hardhat).orElseThrow().startsWith("NotOwner(0x70997970c51812dc3a010c7d01b50e0d17dc79c8)"));
        assertTrue(AnchorContract.explainRevert("execution reverted").isEmpty());
    }

    @Test
    void theBytecodeIsCommittedAsHex() {
        String code = AnchorContract.creationBytecode();
        assertTrue(code.matches("0x([0-9a-f]{2})+"), "not hex");
        assertTrue(code.length() > 200, "suspiciously short");
    }

    @Test
    @SuppressWarnings("rawtypes")
    void decodesTheEventItLogs() {
        AnchoredNote note = AnchoredNote.of(TestNotes.note(123456789, TestNotes.root(9)));
        Log log = new Log();
        log.setAddress(CONTRACT.toUpperCase().replace("0X", "0x"));
        log.setTopics(List.of(AnchorContract.ANCHORED_TOPIC, "0x" + TypeEncoder.encode(new Uint64(BigInteger.valueOf(123456789)))));
        List<Type> data = List.of(new Bytes32(note.checkpoint().root()), new Bytes32(note.noteSha256()),
                new Address("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
        log.setData("0x" + FunctionEncoder.encodeConstructor(data));

        List<AnchorContract.Anchored> events = AnchorContract.anchoredEvents(List.of(log), CONTRACT);
        assertEquals(1, events.size());
        AnchorContract.Anchored event = events.get(0);
        assertEquals(123456789, event.treeSize());
        assertEquals("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", event.by());
        assertTrue(event.covers(note));
        assertFalse(event.covers(AnchoredNote.of(TestNotes.note(123456789, TestNotes.root(9), "b3RoZXI="))));
        assertTrue(AnchorContract.anchoredEvents(List.of(log), "0x" + "11".repeat(20)).isEmpty(), "another contract's event counts");
    }
}
