package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.config.Settings;

/**
 * The shell examples of docs/api.md, run by bash as a reader would paste them, against a running demo:
 * the only change is the demo's address for {@code http://localhost:8080}. Every curl must answer 2xx
 * ({@code --fail-with-body}) and the script must end with exit code 0.
 */
class DocumentedExamplesTest {

    private static boolean onPath(String tool) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    /** The fenced sh block of a document that contains the given line. */
    static String shellBlockWith(Path doc, String line) throws Exception {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int at = text.indexOf(line);
        assertTrue(at >= 0, doc + " still has: " + line);
        int start = text.lastIndexOf("```sh\n", at) + "```sh\n".length();
        int end = text.indexOf("\n```", at);
        return text.substring(start, end + 1);
    }

    @Test
    void theApiGuidesRegistryWalkThroughRunsAgainstTheDemo(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("bash") && onPath("curl") && onPath("jq"), "bash, curl and jq are needed");
        Path userHome = Files.createDirectories(tmp.resolve("user"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        String block = shellBlockWith(DocumentedCommandsTest.repository().resolve("docs/api.md"),
                "ADMIN=$(./prooftrail token --role admin)");
        try (Demo demo = Demo.start(userHome.resolve(".prooftrail"), new Demo.Ports(0, 0, 0), Settings.of(Map.of()), false)) {
            // ./prooftrail as the checkout's script runs it, with the shipped classpath; java takes its
            // user.home from the password file, not HOME, so it is passed on
            Path command = work.resolve("prooftrail");
            Files.writeString(command, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                    + "' -Duser.home=\"$HOME\" -cp '" + ShippedCommand.classpath() + "' "
                    + ProofTrailCommand.class.getName() + " \"$@\"\n");
            Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwx------"));
            Path script = work.resolve("api-examples.sh");
            Files.writeString(script, "set -eo pipefail\n"
                    + "curl() { command curl --fail-with-body \"$@\"; }\n"
                    + "./prooftrail keygen --name truck-7 --alg EdDSA > /dev/null   # docs/ingest.md, with the block's alg\n"
                    + block.replace("http://localhost:8080", demo.httpBase()));
            Path output = work.resolve("output.txt");
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("PT_"));
            pb.environment().put("HOME", userHome.toString());
            Process p = pb.start();
            assertTrue(p.waitFor(240, TimeUnit.SECONDS), "the examples end within 4 minutes");
            String shown = Files.readString(output);
            assertEquals(0, p.exitValue(), () -> "docs/api.md's examples failed:\n" + shown);
            assertEquals(10_001, Files.readAllLines(work.resolve("items.csv")).size(), "header and 10,000 items");
            assertTrue(Files.size(work.resolve("labels.zip")) > 0 && Files.size(work.resolve("labels.pdf")) > 0);
            assertTrue(shown.contains("\"status\":\"dispensed\""), shown);
        }
    }
}
