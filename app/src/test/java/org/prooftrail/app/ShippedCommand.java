package org.prooftrail.app;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The prooftrail command in a JVM of its own with the classpath the shipped jar has: the app's classes and
 * its runtime libraries, without any module's test classes or test-jars (and so without their
 * logback-test.xml, which would hide what logback does with the files the shipped jar carries).
 */
final class ShippedCommand {
    private ShippedCommand() {
    }

    /** What a finished command printed, stdout and stderr apart. */
    record Result(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes") && !e.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classpath());
        command.add(ProofTrailCommand.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("PT_"));
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs a command that ends by itself. */
    static Result run(Path work, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return runWithInput(work, env, null, args);
    }

    /** Runs a command that ends by itself, with {@code input} as its standard input (null: none, at its end). */
    static Result runWithInput(Path work, Map<String, String> env, String input, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Path in = Files.createTempFile(work, "stdin", ".txt");
        Files.writeString(in, input == null ? "" : input, StandardCharsets.UTF_8);
        Process p = builder(env, args).redirectInput(in.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("prooftrail " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
