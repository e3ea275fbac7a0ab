package org.prooftrail.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.prooftrail.api.testing.ColdChainFixture;
import org.prooftrail.api.testing.FarmToShelf;
import org.prooftrail.api.testing.SignedStore;
import org.prooftrail.api.testing.TestAnchor;
import org.prooftrail.core.config.DatabaseSettings;
import org.prooftrail.core.crypto.PublicKeys;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;
import picocli.CommandLine;

/**
 * {@code prooftrail audit} recomputes the reading, epcis_event and event_epc rows from the signed
 * envelopes: each tampering a page would show is named by envelope (device/seq), table and field. The
 * data is the cold-chain fixture (signed envelopes through the store's writer, a checkpoint over them).
 */
class AuditCommandTest {
    private static final TestAnchor ANCHOR = new TestAnchor();

    @TempDir
    Path dir;
    private DatabaseSettings settings;
    private Database db;
    private Path logPub;

    @BeforeEach
    void store() throws Exception {
        settings = TestServices.freshDatabase();
        db = Database.open(settings);
        db.migrate();
        ColdChainFixture.store(db.dataSource(), "http://localhost:8080", "sha256");
        ANCHOR.checkpoint(db);
        logPub = dir.resolve("log.pub.pem");
        Files.writeString(logPub, PublicKeys.toPem(ANCHOR.logKey().key()));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void anUntamperedDatabasePasses() throws Exception {
        Run r = audit();
        assertEquals(ExitCodes.OK, r.exit, r.out);
        long envelopes = number("SELECT count(*) FROM envelope");
        assertTrue(r.out.contains("recomputed the rows of " + envelopes + " envelopes (" + number("SELECT count(*) FROM reading")
                + " reading, 4 event, "), r.out);
        assertTrue(r.out.contains("audit passed") && !r.out.contains("FAIL"), r.out);
    }

    @Test
    void aReadingCooledBelowTheLimitIsNamed() throws Exception {
        String[] row = first("SELECT v.device_id, v.seq, r.envelope_id, r.time, r.temperature_c FROM reading r "
                + "JOIN envelope v ON v.id = r.envelope_id WHERE r.temperature_c > 8 ORDER BY r.time LIMIT 1");
        sql("UPDATE reading SET temperature_c = 5 WHERE envelope_id = " + row[2] + " AND time = '" + row[3] + "'");

        Run r = audit();
        assertEquals(ExitCodes.FAILURE, r.exit, r.out);
        assertTrue(r.out.contains("FAIL  envelope " + row[0] + "/" + row[1] + ": reading [time=")
                && r.out.contains("] temperature_c: stored 5.0, signed " + row[4]), r.out);
        assertTrue(r.out.contains("1 derived-row mismatch(es)"), r.out);
    }

    @Test
    void anEventMovedInTimeIsNamed() throws Exception {
        String[] event = first("SELECT v.device_id, v.seq, e.id, e.event_id FROM epcis_event e JOIN envelope v ON v.id = e.envelope_id "
                + "WHERE e.biz_step LIKE '%shipping'");
        sql("UPDATE epcis_event SET event_time = event_time + interval '3 hours', "
                + "doc = jsonb_set(doc, '{eventTime}', to_jsonb(to_char((event_time + interval '3 hours') AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))) WHERE id = " + event[2]);

        Run r = audit();
        assertEquals(ExitCodes.FAILURE, r.exit, r.out);
        String where = "FAIL  envelope " + event[0] + "/" + event[1] + ": epcis_event [event_id=" + event[3] + "] ";
        assertTrue(r.out.contains(where + "event_time: stored "), r.out);
        assertTrue(r.out.contains(where + "doc.eventTime: stored "), r.out);
    }

    @Test
    void anEventEpcChangedRemovedOrAddedIsNamed() throws Exception {
        String[] shipping = first("SELECT v.device_id, v.seq, e.id, e.event_id, p.epc FROM epcis_event e "
                + "JOIN envelope v ON v.id = e.envelope_id JOIN event_epc p ON p.event_id = e.id WHERE e.biz_step LIKE '%shipping'");
        String[] commissioning = first("SELECT v.device_id, v.seq, e.id, e.event_id, min(p.epc) FROM epcis_event e "
                + "JOIN envelope v ON v.id = e.envelope_id JOIN event_epc p ON p.event_id = e.id "
                + "WHERE e.biz_step LIKE '%commissioning' GROUP BY 1, 2, 3, 4");
        String otherItem = "https://id.gs1.org/01/" + ColdChainFixture.GTIN + "/10/" + ColdChainFixture.LOT + "/21/FORGED1";
        sql("UPDATE event_epc SET epc = '" + otherItem + "' WHERE event_id = " + shipping[2]);
        sql("DELETE FROM event_epc WHERE event_id = " + commissioning[2] + " AND epc = '" + commissioning[4] + "'");
        sql("INSERT INTO event_epc (event_id, epc, epc_key, role) VALUES (" + commissioning[2] + ", '" + otherItem + "', '"
                + otherItem + "', 'child')");

        Run r = audit();
        assertEquals(ExitCodes.FAILURE, r.exit, r.out);
        assertTrue(r.out.contains("FAIL  envelope " + shipping[0] + "/" + shipping[1] + ": event_epc [event_id=" + shipping[3]
                + "] epc (epc): stored " + otherItem + ", signed " + shipping[4]), r.out);
        String commissioned = "FAIL  envelope " + commissioning[0] + "/" + commissioning[1] + ": event_epc [event_id="
                + commissioning[3] + "] ";
        assertTrue(r.out.contains(commissioned + "epc (epc): stored absent, signed " + commissioning[4]), r.out);
        assertTrue(r.out.contains(commissioned + "epc (child): stored " + otherItem + ", signed absent"), r.out);
    }

    @Test
    void anEventEpcKeyChangedIsNamed() throws Exception {
        String[] shipping = first("SELECT v.device_id, v.seq, e.id, e.event_id, p.epc, p.epc_key, p.role FROM epcis_event e "
                + "JOIN envelope v ON v.id = e.envelope_id JOIN event_epc p ON p.event_id = e.id WHERE e.biz_step LIKE '%shipping'");
        String forged = "https://id.gs1.org/01/" + ColdChainFixture.GTIN + "/21/FORGED1";
        // the spelling stays, only the key lookups match on is moved to another item
        sql("UPDATE event_epc SET epc_key = '" + forged + "' WHERE event_id = " + shipping[2] + " AND epc = '" + shipping[4]
                + "' AND role = '" + shipping[6] + "'");

        Run r = audit();
        assertEquals(ExitCodes.FAILURE, r.exit, r.out);
        assertTrue(r.out.contains("FAIL  envelope " + shipping[0] + "/" + shipping[1] + ": event_epc [event_id=" + shipping[3]
                + "] epc_key (" + shipping[6] + " " + shipping[4] + "): stored " + forged + ", signed " + shipping[5]), r.out);
    }

    @Test
    void rowsWithoutTheirEnvelopeAndEnvelopesWithoutTheirRowsAreNamed() throws Exception {
        String[] readings = first("SELECT v.device_id, v.seq, v.id FROM envelope v WHERE v.kind = 'readings' ORDER BY v.id LIMIT 1");
        sql("DELETE FROM reading WHERE envelope_id = " + readings[2]);
        sql("INSERT INTO reading (time, device_id, envelope_id, temperature_c) VALUES (now(), 'ccdemo-reefer-7', 999999, 4.0)");
        String[] event = first("SELECT v.device_id, v.seq, e.id, e.event_id FROM epcis_event e JOIN envelope v ON v.id = e.envelope_id "
                + "WHERE e.biz_step LIKE '%receiving'");
        sql("DELETE FROM event_epc WHERE event_id = " + event[2]);
        sql("DELETE FROM epcis_event WHERE id = " + event[2]);

        Run r = audit();
        assertEquals(ExitCodes.FAILURE, r.exit, r.out);
        assertTrue(r.out.contains("FAIL  envelope " + readings[0] + "/" + readings[1] + ": reading [time=")
                && r.out.contains("] row: stored absent, signed temperature_c="), r.out);
        assertTrue(r.out.contains("FAIL  no envelope (id 999999, device ccdemo-reefer-7): reading [time="), r.out);
        assertTrue(r.out.contains("envelope_id: stored 999999, signed no such envelope"), r.out);
        assertTrue(r.out.contains("FAIL  envelope " + event[0] + "/" + event[1] + ": epcis_event [event_id=" + event[3]
                + "] row: stored absent"), r.out);
    }

    @Test
    void anEventSentTwiceIsStoredOnceAndPassesUntilItsRowGoes() throws Exception {
        SignedStore store = new SignedStore(db);
        ObjectNode event = FarmToShelf.object("twice", "2026-06-11T06:00:00Z", "OBSERVE", "inspecting", FarmToShelf.STORE_1,
                List.of(FarmToShelf.C1), List.of());
        store.store(store.device("twice", "twice-a"), event);
        store.store(store.device("twice", "twice-b"), event.deepCopy());
        Run clean = audit();
        assertEquals(ExitCodes.OK, clean.exit, clean.out);

        sql("DELETE FROM event_epc WHERE event_id = (SELECT id FROM epcis_event WHERE event_id = '" + FarmToShelf.eventId("twice") + "')");
        sql("DELETE FROM epcis_event WHERE event_id = '" + FarmToShelf.eventId("twice") + "'");
        Run r = audit();
        assertEquals(ExitCodes.FAILURE, r.exit, r.out);
        for (String device : List.of("twice-a", "twice-b")) {
            assertTrue(r.out.contains("FAIL  envelope " + device + "/0: epcis_event [event_id=" + FarmToShelf.eventId("twice")
                    + "] row: stored absent"), r.out);
        }
    }

    @Test
    void anSdJwtEventIsRecomputedFromItsJwtAndStoredDisclosuresAndALostDisclosureIsNamed() throws Exception {
        SignedStore store = new SignedStore(db);
        ObjectNode event = FarmToShelf.object("sd", "2026-06-11T07:00:00Z", "OBSERVE", "inspecting", FarmToShelf.STORE_1,
                List.of(FarmToShelf.C1), List.of());
        store.storeAsSdJwt(store.device("sdorg", "sd-line"), event);
        assertEquals(2, number("SELECT sum(cardinality(disclosures)) FROM envelope WHERE device_id = 'sd-line'"), "the code (an array element) and the eventID");
        Run clean = audit();
        assertEquals(ExitCodes.OK, clean.exit, clean.out);

        sql("UPDATE envelope SET disclosures = NULL WHERE device_id = 'sd-line'");
        Run r = audit();
        assertEquals(ExitCodes.FAILURE, r.exit, r.out);
        assertTrue(r.out.contains("FAIL  envelope sd-line/0: "), r.out);
    }

    private record Run(int exit, String out) {
    }

    private Run audit() {
        StringWriter text = new StringWriter();
        CommandLine cl = ProofTrailCommand.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        int exit = cl.execute("audit", "--log-key", logPub.toString(), "--origin", TestAnchor.ORIGIN,
                "--db-url", settings.url(), "--db-user", settings.user());
        return new Run(exit, text.toString());
    }

    private String[] first(String query) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            assertTrue(rs.next(), query);
            String[] row = new String[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < row.length; i++) {
                row[i] = rs.getString(i + 1);
            }
            return row;
        }
    }

    private long number(String query) throws Exception {
        return Long.parseLong(first(query)[0]);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
