package org.prooftrail.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.prooftrail.core.auth.PasswordHashing;
import org.prooftrail.store.accounts.Accounts;

/**
 * The demo's console accounts, one per role, with passwords made on first start and kept with its other
 * secrets ({@code keys/console-accounts}, owner-only). The file is what the demo prints, so it wins: an
 * account whose stored hash no longer matches it (a password changed through the API, a data folder
 * restored without its keys) gets the kept password back on the next start.
 */
final class DemoAccounts {
    static final String FILE = "console-accounts";
    static final String COMPANY = "demo-company";
    static final String REGULATOR = "demo-regulator";
    static final String ADMIN = "demo-admin";

    /** One demo account and its password, as printed. {@code org} is null except for the company's. */
    record DemoAccount(String role, String org, String username, String password) {
    }

    private DemoAccounts() {
    }

    /**
     * Ensures the regulator and admin accounts, and the company account of {@code companyOrg} when it is not
     * null (the organisation must be registered).
     */
    static List<DemoAccount> ensure(DataSource db, Path keysDir, String companyOrg) throws IOException, SQLException {
        Map<String, String> passwords = readOrCreate(keysDir.resolve(FILE));
        List<DemoAccount> wanted = new ArrayList<>();
        if (companyOrg != null) {
            wanted.add(new DemoAccount("company", companyOrg, COMPANY, passwords.get(COMPANY)));
        }
        wanted.add(new DemoAccount("regulator", null, REGULATOR, passwords.get(REGULATOR)));
        wanted.add(new DemoAccount("admin", null, ADMIN, passwords.get(ADMIN)));
        Accounts accounts = new Accounts(db);
        for (DemoAccount a : wanted) {
            String displayName = "Demo " + a.role() + (a.org() == null ? "" : " (" + a.org() + ")");
            String hash = PasswordHashing.hash(a.password().toCharArray());
            if (!accounts.ensure(a.username(), displayName, a.role(), a.org(), hash)) {
                String stored = accounts.find(a.username()).orElseThrow().passwordHash();
                if (!PasswordHashing.verify(a.password().toCharArray(), stored)) {
                    accounts.setPassword(a.username(), hash);
                }
            }
        }
        return wanted;
    }

    /** The kept passwords, username to password; made and written (mode 600) when the file is not there yet. */
    private static Map<String, String> readOrCreate(Path file) throws IOException {
        Map<String, String> passwords = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split(" ", 2);
                if (parts.length == 2 && !parts[0].startsWith("#")) {
                    passwords.put(parts[0], parts[1]);
                }
            }
        }
        boolean added = false;
        for (String username : List.of(COMPANY, REGULATOR, ADMIN)) {
            if (!passwords.containsKey(username)) {
                passwords.put(username, RandomPasswords.generate());
                added = true;
            }
        }
        if (added) {
            StringBuilder text = new StringBuilder("# the demo's console accounts: username password\n");
            passwords.forEach((u, p) -> text.append(u).append(' ').append(p).append('\n'));
            write(file, text.toString());
        }
        return passwords;
    }

    /** Writes the file readable by its owner only, from its first byte. */
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the file gets the user's default permissions
        } catch (FileAlreadyExistsException e) {
            // rewritten with an account added; it kept its permissions
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
