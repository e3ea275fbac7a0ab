package org.prooftrail.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.prooftrail.api.auth.ApiRole;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.core.auth.PasswordPolicy;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.config.Settings;
import org.prooftrail.store.Database;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.RegistryConflict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Operator access to console accounts against the database named by PT_DB_URL (the first admin starts here). */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Create web console accounts (uses PT_DB_URL).",
        subcommands = {AccountCommand.Add.class})
final class AccountCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a console account. The password comes from --password-file, else from standard "
                    + "input (first line); when none is given one is generated and printed once.")
    static final class Add implements Callable<Integer> {
        @Option(names = "--username", required = true, description = "3 to 64 of a-z 0-9 . _ @ -; stored lower-case")
        String username;

        @Option(names = "--role", required = true, description = "company, regulator or admin")
        String role;

        @Option(names = "--org", description = "the organisation of a company account")
        String org;

        @Option(names = "--display-name", description = "the name the console shows (default: the username)")
        String displayName;

        @Option(names = "--password-file", description = "a file whose first line is the password")
        Path passwordFile;

        @Override
        public Integer call() throws Exception {
            String name = Accounts.normalise(username);
            ApiRole r = ApiRole.fromClaim(role).orElse(null);
            if (r == null) {
                System.err.println("account add: --role must be company, regulator or admin, got '" + role + "'");
                return ExitCodes.CONFIG;
            }
            if (!Accounts.USERNAME.matcher(name).matches()) {
                System.err.println("account add: --username must be 3 to 64 of a-z 0-9 . _ @ - starting with a letter "
                        + "or digit, got '" + username + "'");
                return ExitCodes.CONFIG;
            }
            if (r == ApiRole.COMPANY && org == null) {
                System.err.println("account add: a company account needs --org with the organisation's id");
                return ExitCodes.CONFIG;
            }
            if (r != ApiRole.COMPANY && org != null) {
                System.err.println("account add: --org applies to company accounts only; " + role
                        + " accounts see every organisation");
                return ExitCodes.CONFIG;
            }
            String password = passwordFile != null ? firstLine(passwordFile) : fromStandardInput();
            boolean generated = password == null || password.isEmpty();
            if (generated) {
                password = RandomPasswords.generate();
            }
            String problem = PasswordPolicy.problem(password);
            if (problem != null) {
                System.err.println("account add: " + problem);
                return ExitCodes.CONFIG;
            }
            char[] chars = password.toCharArray();
            String hash = PasswordHashing.hash(chars);
            Arrays.fill(chars, '\0');
            try (Database db = Database.open(DatabaseSettings.from(Settings.fromEnvironment()))) {
                db.migrate();
                if (org != null && !new Organisations(db.dataSource()).exists(org)) {
                    System.err.println("account add: organisation '" + org + "' is not registered; register it with "
                            + "prooftrail device add-org");
                    return ExitCodes.FAILURE;
                }
                new Accounts(db.dataSource()).create(name, displayName != null ? displayName : name, r.claim(), org, hash);
            } catch (RegistryConflict e) {
                System.err.println("account add: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
            System.out.println("account " + name + " created (" + r.claim() + (org == null ? "" : " of " + org) + ")");
            if (generated) {
                // printed this once only: the database keeps the hash, nothing can show it again
                System.out.println("password: " + password);
            }
            return ExitCodes.OK;
        }

        private static String firstLine(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.lines().findFirst().orElse("");
        }

        /** At a terminal, asked for without echo; otherwise the first line piped in; empty or none: generate. */
        private static String fromStandardInput() throws IOException {
            Console console = System.console();
            if (console != null && isTerminal(console)) {
                char[] typed = console.readPassword("password for the account (empty: generate one): ");
                return typed == null ? null : new String(typed);
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            return in.readLine();
        }

        private static boolean isTerminal(Console console) {
            try {
                // Java 22+: a Console exists even when redirected, and says whether it is a terminal
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }
    }
}
