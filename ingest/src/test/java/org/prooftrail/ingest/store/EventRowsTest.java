package org.prooftrail.ingest.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.crypto.SignatureAlgorithm;
import org.prooftrail.core.envelope.EnvelopeLimits;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.Database;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.ingest.mqtt.InboundMessage;
import org.prooftrail.ingest.verify.EnvelopeCheck;
import org.prooftrail.ingest.verify.KeyCache;
import org.prooftrail.sim.SimDevice;

/** The EPC index names every identifier of an event with its role, quantity classes included. */
class EventRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void quantityClassesOfChildInputAndOutputListsKeepTheirDirection() throws Exception {
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            DeviceRegistry registry = new DeviceRegistry(db.dataSource());
            Organisations orgs = new Organisations(db.dataSource());
            orgs.ensure("proc", "Processor");
            SimDevice d = new SimDevice("proc", "line-1", SignatureAlgorithm.EdDSA, 0);
            registry.registerDevice("proc", d.id(), "gateway");
            registry.addKey(d.id(), d.kid(), "EdDSA", d.publicKeyPem());
            ObjectNode e = JSON.createObjectNode().put("type", "TransformationEvent")
                    .put("eventID", "urn:uuid:6e3c9b1e-0000-4000-8000-000000000001")
                    .put("eventTime", "2026-06-01T08:00:00Z").put("eventTimeZoneOffset", "+00:00");
            e.putArray("inputQuantityList").addObject().put("epcClass", "urn:epc:class:lgtin:4012345.012345.H1")
                    .put("quantity", 500).put("uom", "KGM");
            e.putArray("outputQuantityList").addObject().put("epcClass", "urn:epc:class:lgtin:4012345.022222.P1")
                    .put("quantity", 400).put("uom", "KGM");
            e.putArray("outputEPCList").add("urn:epc:id:sgtin:4012345.022222.1");
            byte[] jws = d.event(Instant.parse("2026-06-01T08:00:01Z"), e);
            EnvelopeCheck check = new EnvelopeCheck(new KeyCache(registry), EnvelopeLimits.defaults(),
                    Duration.ofMinutes(5), Clock.systemUTC());
            new BatchWriter(db.dataSource(), MerkleHasher.sha256(), 1000)
                    .write(List.of(check.check(new InboundMessage(d.eventsTopic(), jws, 1, 1, 0, 0))));
            Set<String> rows = new TreeSet<>();
            try (Connection c = db.connection();
                 PreparedStatement st = c.prepareStatement("SELECT role || ' ' || epc FROM event_epc");
                 ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            assertEquals(new TreeSet<>(Set.of(
                    "input urn:epc:class:lgtin:4012345.012345.H1", "quantity urn:epc:class:lgtin:4012345.012345.H1",
                    "output urn:epc:class:lgtin:4012345.022222.P1", "quantity urn:epc:class:lgtin:4012345.022222.P1",
                    "output urn:epc:id:sgtin:4012345.022222.1")), rows);
        }
    }
}
