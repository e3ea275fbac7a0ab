package org.prooftrail.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.anchor.checkpoint.PolicyFile;
import org.prooftrail.anchor.checkpoint.WitnessPolicy;
import org.prooftrail.anchor.ledger.LocalLedger;
import org.prooftrail.anchor.ledger.ReceiptCheck;
import org.prooftrail.anchor.ledger.evm.EvmReceiptCheck;
import org.prooftrail.anchor.ledger.rfc3161.Rfc3161ReceiptCheck;
import org.prooftrail.anchor.proof.BundleVerifier;
import org.prooftrail.anchor.proof.ProofBundle;
import org.prooftrail.core.crypto.PublicKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks a proof bundle offline, step by step; exit code 0 only when every step passes. An SD-JWT
 * envelope's bundle gets the step {@code disclosures}: each disclosure it carries must be one the
 * issuer signed, and the report names the disclosed fields and counts the withheld digests.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a proof bundle (file or URL) against the log's public key; exit 0 only if every step passes.")
final class VerifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Parameters(index = "0", paramLabel = "FILE|URL", description = "the bundle: a file, or an http(s) URL such as .../v1/proofs/{device}/{seq}")
    String source;

    @Option(names = "--log-key", description = "the log's public key (PEM or JWK file), as its operator publishes it;"
            + " may instead be a 'log' line of the policy")
    Path logKeyFile;

    @Option(names = "--policy", description = "a trust policy (C2SP tlog-policy subset: log, witness, group, quorum lines);"
            + " the checkpoint must carry the quorum's cosignatures")
    Path policyFile;

    @Option(names = "--origin", description = "the log's name (default: the checkpoint's own origin line)")
    String origin;

    @Option(names = "--evm-rpc", description = "also check an evm receipt against this node")
    String evmRpc;

    @Option(names = "--tsa-cert", description = "pin the RFC 3161 authority's certificate (PEM file)")
    Path tsaCert;

    @Option(names = "--token", description = "a bearer token to fetch a URL with: the owner organisation's or a"
            + " regulator's reads event bundles, with every disclosure of an SD-JWT")
    String token;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ProofBundle bundle;
        try {
            bundle = JSON.readValue(read(source, token), ProofBundle.class);
        } catch (Exception e) {
            out.println("FAIL  bundle: cannot read " + source + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        String name = origin != null ? origin : bundle.checkpoint().note().split("\n", 2)[0];
        PolicyFile.Policy policy;
        try {
            policy = policyFile == null ? new PolicyFile.Policy(null, WitnessPolicy.NONE) : PolicyFile.parse(Files.readString(policyFile));
        } catch (IllegalArgumentException e) {
            out.println("FAIL  policy: " + policyFile + ": " + e.getMessage());
            out.flush();
            return ExitCodes.FAILURE;
        }
        if (logKeyFile == null && policy.log() == null) {
            out.println("FAIL  log key: give --log-key, or a policy with a 'log' line");
            out.flush();
            return ExitCodes.FAILURE;
        }
        LogKey key = logKeyFile != null ? new LogKey(name, PublicKeys.parse(Files.readString(logKeyFile))) : policy.log();
        Map<String, ReceiptCheck> checks = new HashMap<>();
        checks.put(LocalLedger.NAME, LocalLedger::problem);
        checks.put("rfc3161", tsaCert == null ? new Rfc3161ReceiptCheck() : new Rfc3161ReceiptCheck(Files.readString(tsaCert)));
        checks.put("evm", evmRpc == null ? new EvmReceiptCheck() : new EvmReceiptCheck(evmRpc));
        List<BundleVerifier.Step> steps = new BundleVerifier(key, checks, policy.witnesses()).verify(bundle);
        for (BundleVerifier.Step s : steps) {
            out.printf("%s  %s: %s%n", s.passed() ? "PASS" : "FAIL", s.name(), s.detail());
        }
        boolean ok = BundleVerifier.allPassed(steps);
        out.println(ok ? "verified: envelope " + bundle.envelope().seq() + " of " + bundle.envelope().device()
                + " is in the log at tree size " + bundle.log().treeSize() : "NOT verified");
        out.flush();
        return ok ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static String read(String source, String token) throws Exception {
        if (source.startsWith("http://") || source.startsWith("https://")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(30));
            if (token != null && !token.isBlank()) {
                request.header("Authorization", "Bearer " + token.strip());
            }
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }
        return Files.readString(Path.of(source));
    }
}
