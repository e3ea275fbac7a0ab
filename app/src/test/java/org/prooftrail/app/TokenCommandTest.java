package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

    @Test
    void issuesATokenTheServersAcceptWithTheDemoSecret(@TempDir Path home) throws Exception {
        Path secret = DemoSecrets.ensureJwtSecret(home.resolve("keys"));
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = ProofTrailCommand.commandLine().execute("token", "--role", "company", "--org", "acme",
                    "--subject", "alice", "--ttl", "2h", "--home", home.toString());
        } finally {
            System.setOut(out);
        }
        assertEquals(ExitCodes.OK, exit);
        String token = captured.toString(StandardCharsets.UTF_8).trim();

        Vertx vertx = Vertx.vertx();
        try {
            JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
                    .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256")
                            .setBuffer(Buffer.buffer(Files.readString(secret).trim())))
                    .setJWTOptions(new JWTOptions().setIssuer("prooftrail").setAudience(List.of("prooftrail-api"))));
            User user = jwt.authenticate(new TokenCredentials(token)).await(5, TimeUnit.SECONDS);
            JsonObject claims = user.attributes().getJsonObject("accessToken");
            assertEquals("company", claims.getString("role"));
            assertEquals("acme", claims.getString("org"));
            assertEquals("alice", claims.getString("sub"));
            long ttl = claims.getLong("exp") - claims.getLong("iat");
            assertEquals(7200, ttl);
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesWhatWouldMakeAWrongToken(@TempDir Path home) throws Exception {
        DemoSecrets.ensureJwtSecret(home.resolve("keys"));
        String h = home.toString();
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("token", "--role", "root", "--home", h));
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("token", "--role", "company", "--home", h));
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("token", "--role", "regulator",
                "--org", "acme", "--home", h));
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("token", "--role", "admin",
                "--ttl", "forever", "--home", h));
        assertTrue(Files.exists(home.resolve("keys/jwt-secret")));
        assertEquals(ExitCodes.CONFIG, ProofTrailCommand.commandLine().execute("token", "--role", "admin",
                "--home", home.resolve("nothing-here").toString()));
    }
}
