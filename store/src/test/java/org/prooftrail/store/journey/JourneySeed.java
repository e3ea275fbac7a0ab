package org.prooftrail.store.journey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.prooftrail.core.identifiers.EpcKey;
import org.prooftrail.core.identifiers.Gtin;

/**
 * A small journey written with plain SQL, as ingest and the registry would store it: a cold-chain
 * product made from a farm lot, one item commissioned, packed into a case, shipped on a truck and
 * unpacked at a pharmacy, with fridges and a truck logger that read temperatures.
 */
final class JourneySeed {
    static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    static final String GTIN = gtin("0061414112345");
    static final String UNBANDED_GTIN = gtin("0061414154321");
    static final String ITEM = "urn:epc:id:sgtin:0614141.012345.S1";
    static final String LOT = "urn:epc:class:lgtin:0614141.012345.L1";
    static final String CASE = "urn:epc:id:sscc:0614141.1234567890";
    static final String FARM_LOT = "urn:epc:class:lgtin:0614141.099999.HARVEST";
    static final String FACTORY = "urn:epc:id:sgln:0614141.00001.0";
    static final String TRUCK = "urn:epc:id:sgln:0614141.00002.0";
    static final String PHARMACY = "urn:epc:id:sgln:0614141.00003.0";
    static final String FARM = "urn:epc:id:sgln:0614141.00009.0";
    static final String CN_CODE = "81234567890123456789";

    private JourneySeed() {
    }

    static Instant at(double hours) {
        return T0.plus(Duration.ofSeconds(Math.round(hours * 3600)));
    }

    private static String gtin(String thirteen) {
        return thirteen + Gtin.checkDigit(thirteen);
    }

    static void write(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO organisation (id, name) VALUES ('maker', 'Maker Ltd'), ('carrier', 'Carrier'), "
                    + "('farmco', 'Farm Co')");
            s.execute("INSERT INTO product (gtin, org_id, name, category, temp_min_c, temp_max_c, max_single_excursion, "
                    + "max_total_excursion, cn_drug_id) VALUES ('" + GTIN + "', 'maker', 'Vaccine', 'drug', 2, 8, "
                    + "interval '30 minutes', interval '1 hour', '1234567')");
            s.execute("INSERT INTO product (gtin, org_id, name, category) VALUES ('" + UNBANDED_GTIN + "', 'maker', 'Bandage', 'other')");
            s.execute("INSERT INTO lot (gtin, lot, org_id, produced_at, expires_on, created_at) VALUES "
                    + "('" + GTIN + "', 'L1', 'maker', '2026-03-01T00:00:00Z', '2027-03-01', '2026-03-01T00:00:00Z'), "
                    + "('" + GTIN + "', 'L2', 'maker', NULL, NULL, '2026-03-02T00:00:00Z'), "
                    + "('" + UNBANDED_GTIN + "', 'L9', 'maker', NULL, NULL, '2026-03-03T00:00:00Z')");
            s.execute("INSERT INTO item (gtin, serial, lot, digital_link, cn_code, status, created_at) VALUES "
                    + "('" + GTIN + "', 'S1', 'L1', 'https://id.example/01/" + GTIN + "/10/L1/21/S1', '" + CN_CODE
                    + "', 'active', '2026-03-01T01:00:00Z'), "
                    + "('" + GTIN + "', 'S2', 'L1', 'https://id.example/01/" + GTIN + "/10/L1/21/S2', NULL, 'retired', "
                    + "'2026-03-01T02:00:00Z')");
            s.execute("INSERT INTO device (id, org_id, location) VALUES ('fridge-1', 'maker', '" + FACTORY + "'), "
                    + "('fridge-2', 'maker', '" + FACTORY + "'), ('logger-1', 'carrier', '" + TRUCK + "'), "
                    + "('elsewhere-1', 'maker', '" + FARM + "')");
            s.execute("INSERT INTO chunk (id, hash_alg, size, root, leaf_hashes) VALUES (1, 'sha256', 1, '\\x00', '\\x00')");
            s.execute("INSERT INTO envelope (id, device_id, seq, kind, kid, alg, device_ts, jws, chunk_id, leaf_index) "
                    + "VALUES (1, 'fridge-1', 7, 'event', 'k1', 'EdDSA', '2026-03-01T01:00:00Z', '\\x00', 1, 0)");
        }
        // the farm lot before and after its transformation into the product's lot
        event(c, 7, "e7-planting", "farmco", "ObjectEvent", "OBSERVE", at(-240), FARM, FARM, null,
                "{\"type\":\"ObjectEvent\",\"quantityList\":[{\"epcClass\":\"" + FARM_LOT + "\"}]}",
                FARM_LOT, "quantity");
        event(c, 6, "e6-transformation", "farmco", "TransformationEvent", null, at(0.5), FACTORY, FACTORY, null,
                "{\"type\":\"TransformationEvent\",\"inputQuantityList\":[{\"epcClass\":\"" + FARM_LOT + "\"}],"
                        + "\"outputQuantityList\":[{\"epcClass\":\"" + LOT + "\"}]}",
                FARM_LOT, "input", LOT, "output");
        event(c, 1, "e1-commissioning", "maker", "ObjectEvent", "ADD", at(1), FACTORY, FACTORY, 1L,
                "{\"type\":\"ObjectEvent\",\"ilmd\":{\"cbvmda:lotNumber\":\"L1\"}}", ITEM, "epc");
        event(c, 2, "e2-packing", "maker", "AggregationEvent", "ADD", at(2), FACTORY, FACTORY, null,
                "{\"type\":\"AggregationEvent\"}", CASE, "parent", ITEM, "child");
        event(c, 3, "e3-shipping", "carrier", "ObjectEvent", "OBSERVE", at(3), TRUCK, TRUCK, null,
                "{\"type\":\"ObjectEvent\"}", CASE, "epc");
        event(c, 4, "e4-unpacking", "maker", "AggregationEvent", "DELETE", at(5), PHARMACY, PHARMACY, null,
                "{\"type\":\"AggregationEvent\"}", CASE, "parent", ITEM, "child");
        // after the case was unpacked: not on the item's journey
        event(c, 5, "e5-case-reused", "carrier", "ObjectEvent", "OBSERVE", at(6), TRUCK, TRUCK, null,
                "{\"type\":\"ObjectEvent\"}", CASE, "epc");
        // the farm lot after the transformation: not an input of it
        event(c, 8, "e8-farm-later", "farmco", "ObjectEvent", "OBSERVE", at(24), FARM, FARM, null,
                "{\"type\":\"ObjectEvent\"}", FARM_LOT, "quantity");

        reading(c, "fridge-1", at(1), 4.0);
        reading(c, "fridge-1", at(1.5), null);   // no temperature: not a sample
        reading(c, "fridge-1", at(2), 9.5);
        reading(c, "fridge-1", at(3), 5.0);      // the window's end is exclusive
        reading(c, "logger-1", at(4), 3.0);
        reading(c, "logger-1", at(6), 3.5);      // after the truck window
        reading(c, "elsewhere-1", at(2), 20.0);  // another location
    }

    /** @param epcsAndRoles pairs of an EPC and its role in {@code event_epc} */
    static void event(Connection c, long id, String eventId, String org, String type, String action, Instant time,
                              String readPoint, String bizLocation, Long envelope, String doc, String... epcsAndRoles)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO epcis_event (id, event_id, envelope_id, org_id, "
                + "event_type, action, event_time, event_time_zone_offset, biz_step, read_point, biz_location, doc) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, '+00:00', 'urn:epcglobal:cbv:bizstep:other', ?, ?, ?::jsonb)")) {
            st.setLong(1, id);
            st.setString(2, eventId);
            st.setObject(3, envelope);
            st.setString(4, org);
            st.setString(5, type);
            st.setString(6, action);
            st.setTimestamp(7, Timestamp.from(time));
            st.setString(8, readPoint);
            st.setString(9, bizLocation);
            st.setString(10, doc);
            st.executeUpdate();
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO event_epc (event_id, epc, epc_key, role) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < epcsAndRoles.length; i += 2) {
                st.setLong(1, id);
                st.setString(2, epcsAndRoles[i]);
                st.setString(3, EpcKey.of(epcsAndRoles[i]));
                st.setString(4, epcsAndRoles[i + 1]);
                st.executeUpdate();
            }
        }
    }

    private static void reading(Connection c, String device, Instant time, Double celsius) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "INSERT INTO reading (time, device_id, envelope_id, temperature_c) VALUES (?, ?, 1, ?)")) {
            st.setTimestamp(1, Timestamp.from(time));
            st.setString(2, device);
            st.setObject(3, celsius);
            st.executeUpdate();
        }
    }
}
