package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code prooftrail ...} command line in the README files and docs/ names commands and options the
 * command has: picocli parses each as written. A mention of a command alone ({@code prooftrail token})
 * only has to name an existing command; one with options has to be complete. Shell alternatives
 * ({@code --role ingest|anchor}) are tried one by one, optional parts ({@code [--org ID]}) with the rest.
 */
class DocumentedCommandsTest {
    private static final Pattern FENCE = Pattern.compile("(?ms)^```[a-z]*\\n(.*?)^```");
    private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");
    /**
     * The command where a shell would run it: ./prooftrail or prooftrail.jar anywhere, a bare prooftrail at
     * the start of a line, after environment settings, or in $(...); never a word such as a namespace.
     */
    private static final Pattern COMMAND = Pattern.compile(
            "(?:\\./prooftrail|prooftrail\\.jar|(?:^|\\$\\(|^(?:[A-Z_][A-Z0-9_]*=\\S*\\s+)+)prooftrail)"
                    + "[ \\t]+([a-z][^\\n#;)>`]*)", Pattern.MULTILINE);

    /** One documented command line: where it is and what it says after the command's name. */
    record Documented(Path file, String args) {
        @Override
        public String toString() {
            return file + ": prooftrail " + args;
        }
    }

    static Path repository() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "the repository root (with mvnw) above " + System.getProperty("user.dir"));
        return dir;
    }

    static List<Path> documents() throws IOException {
        Path root = repository();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String rel = root.relativize(p).toString();
                        return !rel.startsWith(".") && !rel.contains("/target/") && !rel.startsWith("target/")
                                && !rel.contains("node_modules");
                    })
                    .sorted().toList();
        }
    }

    static List<Documented> documentedCommands() throws IOException {
        List<Documented> found = new ArrayList<>();
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            List<String> snippets = new ArrayList<>();
            Matcher fence = FENCE.matcher(text);
            StringBuilder prose = new StringBuilder();
            int last = 0;
            while (fence.find()) {
                snippets.add(fence.group(1).replace("\\\n", " "));
                prose.append(text, last, fence.start());
                last = fence.end();
            }
            prose.append(text.substring(last));
            Matcher inline = INLINE.matcher(prose.toString().replace("\n", " "));
            while (inline.find()) {
                snippets.add(inline.group(1));
            }
            for (String snippet : snippets) {
                Matcher m = COMMAND.matcher(snippet);
                while (m.find()) {
                    String args = m.group(1).replaceAll("\\s+", " ").trim();
                    // the shell's own syntax ends the command: a pipe between words, a redirection
                    args = args.split(" \\| | 2?>|&&")[0].trim();
                    found.add(new Documented(Path.of(repository().relativize(doc).toString()), args));
                }
            }
        }
        return found;
    }

    /** The command lines a documented one stands for: each alternative of a|b, with [optional] parts. */
    static List<List<String>> variants(String args) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(new ArrayList<>());
        for (String word : args.replace("[", "").replace("]", "").split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            String w = word.replaceAll("^['\"]|['\"]$", "");
            List<String> alternatives = w.contains("|") && !w.contains("://") ? List.of(w.split("\\|")) : List.of(w);
            List<List<String>> next = new ArrayList<>();
            for (List<String> line : lines) {
                for (String alt : alternatives) {
                    List<String> l = new ArrayList<>(line);
                    // placeholders: ... and upper-case words (N, ID, FILE) stand for a value
                    l.add(alt.equals("...") || alt.matches("[A-Z][A-Z_]*") ? "1" : alt);
                    next.add(l);
                }
            }
            lines = next;
        }
        return lines;
    }

    @Test
    void everyDocumentedCommandLineParses() throws IOException {
        List<Documented> documented = documentedCommands();
        assertTrue(documented.size() >= 20, "the docs' command lines are found: " + documented);
        List<String> wrong = new ArrayList<>();
        for (Documented d : documented) {
            for (List<String> line : variants(d.args())) {
                CommandLine cli = ProofTrailCommand.commandLine();
                try {
                    List<CommandLine> parsed = cli.parseArgs(line.toArray(String[]::new)).asCommandLineList();
                    if (parsed.size() < 2) {
                        wrong.add(d + "  (no such command: " + line + ")");
                    }
                } catch (CommandLine.MissingParameterException e) {
                    boolean onlyCommandNames = e.getCommandLine().getCommandSpec().qualifiedName(" ").split(" ").length
                            == line.size() + 1;
                    if (!onlyCommandNames) {
                        wrong.add(d + "  (" + line + ": " + e.getMessage() + ")");
                    }
                } catch (CommandLine.ParameterException e) {
                    wrong.add(d + "  (" + line + ": " + e.getMessage() + ")");
                }
            }
        }
        assertEquals(List.of(), wrong, "documented command lines the command does not accept");
    }

    private static final Pattern API_PATH = Pattern.compile(
            "(?:(?<=[\\s`'\"(<])|(?<=\\$API)|(?<=:\\d{4})|^)((?:/v1|/epcis)(?:/[^\\s`'\"?#)<>,;|]*)?)", Pattern.MULTILINE);
    private static final Pattern OPENAPI_PATH = Pattern.compile("(?m)^  (/\\S*):\\s*$");

    /**
     * Every API path the docs name ({@code /v1/...}, {@code /epcis/...}, in prose or in a curl line) is one
     * the contract (trace-api's openapi.yaml) serves, or the start of one.
     */
    @Test
    void everyDocumentedApiPathIsInTheContract() throws IOException {
        List<String> contract = new ArrayList<>();
        Matcher m = OPENAPI_PATH.matcher(Files.readString(repository().resolve("trace-api/src/main/resources/openapi.yaml")));
        while (m.find()) {
            contract.add(m.group(1));
        }
        assertTrue(contract.size() >= 20, "the contract's paths are read: " + contract);
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (Path doc : documents()) {
            Matcher p = API_PATH.matcher(Files.readString(doc));
            while (p.find()) {
                String path = p.group(1).replaceAll("[.:/]+$", "");
                seen++;
                if (contract.stream().noneMatch(t -> served(t, path))) {
                    wrong.add(repository().relativize(doc) + ": " + path);
                }
            }
        }
        assertTrue(seen >= 30, "the docs' API paths are found: " + seen);
        assertEquals(List.of(), wrong, "documented API paths that are not in openapi.yaml");
    }

    /** A documented path (its placeholders in {}, <> or …) matches a contract path, or begins one. */
    static boolean served(String template, String documented) {
        String[] t = template.substring(1).split("/");
        String[] d = documented.substring(1).split("/");
        // a trace code may keep its slashes as they are (docs/api.md): the last parameter takes the rest
        boolean restIsCode = template.equals("/v1/trace/{code}");
        if (d.length > t.length && !restIsCode) {
            return false;
        }
        for (int i = 0; i < Math.min(d.length, t.length); i++) {
            boolean param = t[i].startsWith("{");
            if (!param && !t[i].equals(d[i])) {
                return false;
            }
            if (param && d[i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern MAVEN_TEST = Pattern.compile("\\./mvnw[^\\n]*?-pl ([a-z-]+)[^\\n]*?-Dtest=([A-Za-z]+)");
    private static final Pattern SETTING = Pattern.compile("\\bPT_[A-Z0-9_]*[A-Z0-9]\\b");

    /** Every documented {@code ./mvnw -pl MODULE ... -Dtest=Name} names a test class of that module. */
    @Test
    void everyDocumentedTestRunNamesATestOfItsModule() throws IOException {
        Path root = repository();
        List<String> wrong = new ArrayList<>();
        int seen = 0;
        for (Path doc : documents()) {
            Matcher m = MAVEN_TEST.matcher(Files.readString(doc).replace("\\\n", " "));
            while (m.find()) {
                seen++;
                String file = m.group(2) + ".java";
                try (Stream<Path> tests = Files.walk(root.resolve(m.group(1)).resolve("src/test"))) {
                    if (tests.noneMatch(p -> p.getFileName().toString().equals(file))) {
                        wrong.add(root.relativize(doc) + ": -pl " + m.group(1) + " -Dtest=" + m.group(2));
                    }
                }
            }
        }
        assertTrue(seen >= 10, "the docs' test runs are found: " + seen);
        assertEquals(List.of(), wrong, "documented test runs of classes that do not exist");
    }

    /** Every PT_ setting the docs name is read somewhere: the Java sources, the prooftrail script, k8s scripts. */
    @Test
    void everyDocumentedSettingIsRead() throws IOException {
        Path root = repository();
        java.util.Set<String> read = new java.util.TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> {
                String rel = root.relativize(f).toString();
                return !rel.startsWith(".") && !rel.contains("/target/")
                        && (rel.endsWith(".java") || rel.endsWith(".sh") || rel.equals("prooftrail"));
            }).toList()) {
                Matcher m = SETTING.matcher(Files.readString(p));
                while (m.find()) {
                    read.add(m.group());
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Path doc : documents()) {
            Matcher m = SETTING.matcher(Files.readString(doc));
            while (m.find()) {
                if (!read.contains(m.group())) {
                    wrong.add(root.relativize(doc) + ": " + m.group());
                }
            }
        }
        assertTrue(read.size() >= 40, "the settings read are found: " + read);
        assertEquals(List.of(), wrong, "documented settings nothing reads");
    }
}
