package org.prooftrail.anchor.ledger.rfc3161;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.util.CollectionStore;

/**
 * A small but real RFC 3161 timestamp authority, run by the tests as a separate process so that the
 * ledger meets a TSA over a real socket. Usage: {@code TestTimestampAuthority <cert-pem-path>}.
 *
 * <p>Paths: {@code /} stamps SHA-256 imprints and rejects any other hash (badAlg);
 * {@code /sha512-only/} is a TSA that accepts only SHA-512, so it rejects the ledger's requests;
 * {@code /wrong-imprint/} stamps a different imprint than asked (a faulty TSA);
 * {@code /http-500/} fails at the HTTP level. Anything else is 404.
 */
public final class TestTimestampAuthority {
    /** Under IANA's example enterprise number (RFC 5612): a policy that exists only in these tests. */
    static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.32473.3161.1");

    private final TsaIdentity identity;
    private final TimeStampTokenGenerator tokens;
    private final AtomicLong serials = new AtomicLong();

    private TestTimestampAuthority(TsaIdentity identity) throws Exception {
        this.identity = identity;
        this.tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", identity.keys().getPrivate(), identity.certificate()),
                // A SHA-256 digest calculator makes the token name its certificate with ESSCertIDv2.
                new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                POLICY);
        tokens.addCertificates(new CollectionStore<>(List.of(identity.certificate())));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TestTimestampAuthority <cert-pem-path>");
            System.exit(2);
        }
        // If the test JVM dies without stopping us, do not linger as an orphan holding a port.
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));

        TestTimestampAuthority tsa = new TestTimestampAuthority(TsaIdentity.generate("ProofTrail test TSA", true));
        Files.writeString(Path.of(args[0]), tsa.identity.certificatePem());

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", tsa::handle);
        server.start();
        // Printed last: the test reads this line as "ready", so the certificate file must already exist.
        System.out.println("TSA listening on http://127.0.0.1:" + server.getAddress().getPort()
                + "/ cert-sha256=" + tsa.identity.certificateSha256());
        System.out.flush();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/http-500/")) {
                reply(exchange, 500, "text/plain", "the test TSA fails on purpose".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Set<ASN1ObjectIdentifier> accepted = switch (path) {
                case "/", "/wrong-imprint/" -> Set.of(TSPAlgorithms.SHA256);
                case "/sha512-only/" -> Set.of(TSPAlgorithms.SHA512);
                default -> null;
            };
            if (accepted == null) {
                reply(exchange, 404, "text/plain", new byte[0]);
            } else if (!exchange.getRequestMethod().equals("POST")
                    || !TsaClient.QUERY_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                reply(exchange, 400, "text/plain", "POST an application/timestamp-query".getBytes(StandardCharsets.UTF_8));
            } else {
                TimeStampRequest request = new TimeStampRequest(exchange.getRequestBody().readAllBytes());
                if (path.equals("/wrong-imprint/")) {
                    request = withAnotherImprint(request);
                }
                reply(exchange, 200, TsaClient.REPLY_TYPE, stamp(request, accepted).getEncoded());
            }
        } catch (Exception e) {
            e.printStackTrace();
            throw new IOException(e);
        }
    }

    /** Grants what the accepted algorithms allow; BouncyCastle answers anything else with a rejection. */
    private synchronized TimeStampResponse stamp(TimeStampRequest request, Set<ASN1ObjectIdentifier> accepted) throws Exception {
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, accepted, Set.of(POLICY));
        return responses.generate(request, BigInteger.valueOf(serials.incrementAndGet()), new Date());
    }

    private static TimeStampRequest withAnotherImprint(TimeStampRequest request) {
        byte[] other = request.getMessageImprintDigest().clone();
        other[0] ^= 1;
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(request.getCertReq());
        return generator.generate(request.getMessageImprintAlgOID(), other, request.getNonce());
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
