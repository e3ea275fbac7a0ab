package org.prooftrail.store.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prooftrail.embedded.testing.TestServices;
import org.prooftrail.store.Database;

/** Locations named from the registry: by an organisation's GLN, else by the one organisation whose devices sit there. */
class LocationNamesTest {
    @Test
    void glnOfSglnUrnsAndDigitalLinks() {
        assertEquals("0614141000012", LocationNames.gln("urn:epc:id:sgln:0614141.00001.0"));
        assertEquals("0614141000012", LocationNames.gln("urn:epc:id:sgln:0614141.00001.7"));
        assertEquals("6901234000016", LocationNames.gln("https://id.gs1.org/414/6901234000016"));
        assertEquals("6901234000016", LocationNames.gln("https://example.com/dl/414/6901234000016/254/room3"));
        assertNull(LocationNames.gln("https://id.gs1.org/414/6901234000012"), "wrong check digit");
        assertNull(LocationNames.gln("https://id.gs1.org/8004/6901234REEFER7"));
        assertNull(LocationNames.gln("urn:epc:id:sgln:0614141.001.0"), "11 digits are no GLN");
        assertNull(LocationNames.gln("urn:mill:1"));
    }

    @Test
    void namesFromTheRegistry() throws SQLException {
        try (Database db = Database.open(TestServices.freshDatabase())) {
            db.migrate();
            String factory = "urn:epc:id:sgln:0614141.00001.0";
            String truck = "https://id.gs1.org/8004/0614141TRUCK1";
            String shared = "urn:epc:id:sgln:0614141.00005.0";
            String bare = "urn:epc:id:sgln:0614141.00009.0";
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO organisation (id, name, gln) VALUES ('maker', 'Maker 制药', '0614141000012'), "
                        + "('carrier', 'Carrier 物流', NULL), ('other', 'Other', NULL)");
                s.execute("INSERT INTO device (id, org_id, location) VALUES ('room', 'carrier', '" + factory + "'), "
                        + "('reefer', 'carrier', '" + truck + "'), ('reefer-2', 'carrier', '" + truck + "'), "
                        + "('a', 'carrier', '" + shared + "'), ('b', 'other', '" + shared + "')");
                Map<String, String> names = LocationNames.of(c, Arrays.asList(factory, truck, shared, bare, null));
                assertEquals(Map.of(factory, "Maker 制药", truck, "Carrier 物流"), names);
                assertEquals(Map.of(), LocationNames.of(c, java.util.List.of()));
            }
        }
    }
}
