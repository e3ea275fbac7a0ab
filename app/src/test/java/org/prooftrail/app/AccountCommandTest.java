package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import org.prooftrail.store.accounts.Account;
import org.prooftrail.store.accounts.Accounts;
import org.prooftrail.store.registry.Organisations;

/** {@code prooftrail account add}, run as shipped against a real database: a password from a file, from stdin, or made. */
class AccountCommandTest {
    @TempDir
    Path dir;

    @Test
    void addsAccountsWithTheirPasswordHashedAndRefusesWhatIsWrong() throws Exception {
        DatabaseSettings settings = TestServices.freshDatabase();
        try (Database db = Database.open(settings)) {
            db.migrate();
            new Organisations(db.dataSource()).ensure("orchard", "Orchard");
            Accounts accounts = new Accounts(db.dataSource());
            Map<String, String> env = new HashMap<>();
            env.put(DatabaseSettings.URL, settings.url());
            env.put(DatabaseSettings.USER, settings.user());
            if (settings.password() != null) {
                env.put(DatabaseSettings.PASSWORD, settings.password());
            }

            Path file = dir.resolve("password");
            Files.writeString(file, "apples in autumn\nignored second line\n");
            ShippedCommand.Result fromFile = ShippedCommand.run(dir, env, "account", "add", "--username", "Grower",
                    "--role", "company", "--org", "orchard", "--display-name", "Head grower", "--password-file", file.toString());
            assertEquals(ExitCodes.OK, fromFile.exit(), fromFile.out() + fromFile.err());
            assertEquals("account grower created (company of orchard)", fromFile.out().strip());
            Account grower = accounts.find("grower").orElseThrow();
            assertEquals("Head grower", grower.displayName());
            assertEquals("orchard", grower.org());
            assertTrue(PasswordHashing.verify("apples in autumn".toCharArray(), grower.passwordHash()));

            ShippedCommand.Result fromStdin = ShippedCommand.runWithInput(dir, env, "inspect every lot\n",
                    "account", "add", "--username", "inspector", "--role", "regulator");
            assertEquals(ExitCodes.OK, fromStdin.exit(), fromStdin.out() + fromStdin.err());
            assertTrue(PasswordHashing.verify("inspect every lot".toCharArray(),
                    accounts.find("inspector").orElseThrow().passwordHash()));
            assertEquals("inspector", accounts.find("inspector").orElseThrow().displayName());

            ShippedCommand.Result made = ShippedCommand.run(dir, env, "account", "add", "--username", "ops", "--role", "admin");
            assertEquals(ExitCodes.OK, made.exit(), made.out() + made.err());
            String line = made.outLines().stream().filter(l -> l.startsWith("password: ")).findFirst().orElseThrow();
            String password = line.substring("password: ".length());
            assertEquals(RandomPasswords.LENGTH, password.length());
            assertTrue(PasswordHashing.verify(password.toCharArray(), accounts.find("ops").orElseThrow().passwordHash()));

            ShippedCommand.Result again = ShippedCommand.run(dir, env, "account", "add", "--username", "OPS", "--role", "admin");
            assertEquals(ExitCodes.FAILURE, again.exit(), again.out());
            assertTrue(again.err().contains("account 'ops' is already registered"), again.err());

            ShippedCommand.Result weak = ShippedCommand.runWithInput(dir, env, "short\n", "account", "add",
                    "--username", "weak", "--role", "admin");
            assertEquals(ExitCodes.CONFIG, weak.exit(), weak.out());
            assertTrue(weak.err().contains("at least 10 characters"), weak.err());

            ShippedCommand.Result noOrg = ShippedCommand.run(dir, env, "account", "add", "--username", "lost",
                    "--role", "company", "--org", "nowhere");
            assertEquals(ExitCodes.FAILURE, noOrg.exit(), noOrg.out());
            assertTrue(noOrg.err().contains("organisation 'nowhere' is not registered"), noOrg.err());

            ShippedCommand.Result orgless = ShippedCommand.run(dir, env, "account", "add", "--username", "lost",
                    "--role", "company");
            assertEquals(ExitCodes.CONFIG, orgless.exit(), orgless.out());
            assertTrue(accounts.find("weak").isEmpty() && accounts.find("lost").isEmpty());
        }
    }
}
