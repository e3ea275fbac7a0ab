package org.prooftrail.anchor.ledger.evm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The CheckpointAnchor contract as seen from Java: the call data of {@code anchor}, the decoding
 * of its {@code Anchored} event, and its creation bytecode. The signatures here are written out
 * rather than read from the committed ABI at run time, so a typo fails at build time; a test checks
 * them against that ABI.
 */
final class AnchorContract {
    static final String BYTECODE_RESOURCE = "/evm/CheckpointAnchor.bin";
    static final String ABI_RESOURCE = "/evm/CheckpointAnchor.abi";

    static final Event ANCHORED = new Event("Anchored", List.of(
            new TypeReference<Uint64>(true) { },
            new TypeReference<Bytes32>() { },
            new TypeReference<Bytes32>() { },
            new TypeReference<Address>() { }));
    static final String ANCHORED_TOPIC = EventEncoder.encode(ANCHORED);

    /** One {@code Anchored} event as logged. */
    record Anchored(String contract, long treeSize, byte[] root, byte[] noteHash, String by) {
        boolean covers(AnchoredNote note) {
            return treeSize == note.checkpoint().size()
                    && Arrays.equals(root, note.checkpoint().root())
                    && Arrays.equals(noteHash, note.noteSha256());
        }
    }

    /** The selector of {@code error NotOwner(address caller)}, as it starts the revert data. */
    static final String NOT_OWNER_ERROR_ID = Hash.sha3String("NotOwner(address)").substring(2, 10);
    private static final Pattern NOT_OWNER = Pattern.compile("0x" + NOT_OWNER_ERROR_ID + "0{24}([0-9a-fA-F]{40})");

    private AnchorContract() {
    }

    /** Nodes report a custom error as raw revert data; this names the one the contract can raise. */
    static Optional<String> explainRevert(String nodeMessage) {
        Matcher m = NOT_OWNER.matcher(nodeMessage);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of("NotOwner(0x" + m.group(1).toLowerCase(Locale.ROOT)
                + "): only the account that deployed the contract may anchor, and the configured key is another account");
    }

    static Function anchorFunction(AnchoredNote note) {
        return new Function("anchor", List.of(
                new Uint64(BigInteger.valueOf(note.checkpoint().size())),
                new Bytes32(note.checkpoint().root()),
                new Bytes32(note.noteSha256())), List.of());
    }

    static String anchorCall(AnchoredNote note) {
        return FunctionEncoder.encode(anchorFunction(note));
    }

    /** The {@code Anchored} events that {@code contract} emitted among these logs. */
    static List<Anchored> anchoredEvents(List<Log> logs, String contract) {
        List<Anchored> found = new ArrayList<>();
        for (Log log : logs) {
            List<String> topics = log.getTopics();
            if (log.getAddress() == null || !log.getAddress().equalsIgnoreCase(contract)
                    || topics == null || topics.size() != 2 || !ANCHORED_TOPIC.equalsIgnoreCase(topics.get(0))) {
                continue;
            }
            found.add(decode(log));
        }
        return found;
    }

    @SuppressWarnings("rawtypes")
    private static Anchored decode(Log log) {
        Type size = FunctionReturnDecoder.decodeIndexedValue(log.getTopics().get(1), ANCHORED.getIndexedParameters().get(0));
        List<Type> data = FunctionReturnDecoder.decode(log.getData(), ANCHORED.getNonIndexedParameters());
        return new Anchored(
                log.getAddress().toLowerCase(Locale.ROOT),
                ((BigInteger) size.getValue()).longValueExact(),
                (byte[]) data.get(0).getValue(),
                (byte[]) data.get(1).getValue(),
                ((String) data.get(2).getValue()).toLowerCase(Locale.ROOT));
    }

    /** Creation bytecode compiled offline from src/main/solidity (see its README), as 0x-hex. */
    static String creationBytecode() {
        return "0x" + resource(BYTECODE_RESOURCE).trim();
    }

    static String resource(String name) {
        try (InputStream in = AnchorContract.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath: the chain-anchor jar is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
