package org.prooftrail.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.Callable;
import org.prooftrail.anchor.AnchorSettings;
import org.prooftrail.anchor.audit.DerivedRowsAudit;
import org.prooftrail.anchor.audit.LogAudit;
import org.prooftrail.anchor.audit.Mismatch;
import org.prooftrail.anchor.checkpoint.LogKey;
import org.prooftrail.core.config.Settings;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.store.Database;
import org.prooftrail.core.config.DatabaseSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Recomputes chunks, log and checkpoints from the stored envelopes (PT_DB_URL) and reports the first
 * mismatches; then recomputes every reading, event and event_epc row from its envelope and prints each
 * difference by envelope and field.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Recompute chunk roots from envelopes and the log from chunk roots; check every checkpoint's "
                + "signature and chain; recompute reading, epcis_event and event_epc rows from the envelopes "
                + "(database from PT_DB_URL). Exit 0 only if all holds.")
final class AuditCommand implements Callable<Integer> {
    @Option(names = "--log-key", required = true, description = "the log's public key (PEM or JWK file)")
    Path logKeyFile;

    @Option(names = "--origin", description = "the log's name (default: PT_LOG_ORIGIN or prooftrail.example/log)")
    String origin;

    @Option(names = "--max-listed", defaultValue = "" + DerivedRowsAudit.DEFAULT_MAX_LISTED,
            description = "derived-row mismatches to print (all are counted; default ${DEFAULT-VALUE})")
    int maxListed;

    @Option(names = "--db-url", description = "JDBC URL (default: PT_DB_URL)")
    String dbUrl;

    @Option(names = "--db-user", description = "database user (default: PT_DB_USER or postgres)")
    String dbUser;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, String> overrides = new java.util.HashMap<>();
        if (dbUrl != null) {
            overrides.put(DatabaseSettings.URL, dbUrl);
        }
        if (dbUser != null) {
            overrides.put(DatabaseSettings.USER, dbUser);
        }
        Settings settings = Settings.fromEnvironment().with(overrides);
        String name = origin != null ? origin : settings.string(AnchorSettings.ORIGIN, "prooftrail.example/log");
        LogKey key = new LogKey(name, PublicKeys.parse(Files.readString(logKeyFile)));
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = Database.open(DatabaseSettings.from(settings)); Connection c = db.connection()) {
            LogAudit.Report report = LogAudit.run(c, key);
            out.printf("audited %d chunks, %d envelopes, %d checkpoints%n", report.chunks(), report.envelopes(), report.checkpoints());
            for (String p : report.problems()) {
                out.println("FAIL  " + p);
            }
            DerivedRowsAudit.Report derived = DerivedRowsAudit.run(c, maxListed);
            out.printf("recomputed the rows of %d envelopes (%d reading, %d event, %d event_epc rows) in %d ms, %d envelopes/s%n",
                    derived.envelopes(), derived.readingRows(), derived.eventRows(), derived.epcRows(), derived.millis(),
                    derived.envelopesPerSecond());
            for (Mismatch m : derived.mismatches()) {
                out.println("FAIL  " + m.describe());
            }
            if (derived.mismatchCount() > derived.mismatches().size()) {
                out.println("FAIL  ... and " + (derived.mismatchCount() - derived.mismatches().size()) + " more mismatches");
            }
            boolean passed = report.passed() && derived.passed();
            out.println(passed ? "audit passed" : "audit FAILED: " + report.problems().size() + " problem(s), "
                    + derived.mismatchCount() + " derived-row mismatch(es)");
            out.flush();
            return passed ? ExitCodes.OK : ExitCodes.FAILURE;
        }
    }
}
