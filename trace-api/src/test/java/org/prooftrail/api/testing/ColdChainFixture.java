package org.prooftrail.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.prooftrail.store.testing.SigningDevice;
import org.prooftrail.core.envelope.EnvelopeVerifier;
import org.prooftrail.core.envelope.Rejection;
import org.prooftrail.core.envelope.VerificationResult;
import org.prooftrail.core.envelope.VerifiedEnvelope;
import org.prooftrail.core.identifiers.ChinaDrugCode;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.merkle.MerkleHasher;
import org.prooftrail.store.registry.DeviceRegistry;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;
import org.prooftrail.store.registry.Lots;
import org.prooftrail.store.registry.NewItem;
import org.prooftrail.store.registry.NewProduct;
import org.prooftrail.store.registry.Organisations;
import org.prooftrail.store.registry.Product;
import org.prooftrail.store.registry.Products;
import org.prooftrail.store.envelopes.AcceptedEnvelope;
import org.prooftrail.store.envelopes.BatchWriter;
import org.prooftrail.store.envelopes.Origin;

/**
 * A cold-chain journey with real signed data, for tests and benchmarks (the demo shows the
 * simulator's drug-cold-chain scenario instead): a drug maker, a carrier and
 * a pharmacy; an insulin product with a 2-8 °C rule (one excursion at most 30 min, 60 min in all);
 * one lot of three packs (the first also with a China drug code); commissioning and packing at the
 * factory, shipping on a reefer truck, receiving at the pharmacy; temperature readings of the factory
 * cold room, the truck (with one 25-minute excursion, peak 9.6 °C) and the pharmacy fridge. Every
 * envelope is signed by a {@link SigningDevice} and stored through the store's {@link BatchWriter}, so the
 * proofs are real once a checkpoint covers them: a running anchorer signs one within a second;
 * without one, call {@link org.prooftrail.anchor.AnchorStep#once}.
 */
public final class ColdChainFixture {
    public static final String MAKER = "ccdemo-pharma";
    public static final String CARRIER = "ccdemo-carrier";
    public static final String PHARMACY = "ccdemo-pharmacy";
    public static final String FACTORY_LOCATION = "https://id.gs1.org/414/6901234000012";
    public static final String TRUCK_LOCATION = "https://id.gs1.org/8004/6901234REEFER7";
    public static final String PHARMACY_LOCATION = "https://id.gs1.org/414/6909876000015";
    public static final String GTIN = "0690123400001" + Gtin.checkDigit("0690123400001");
    public static final String LOT = "INS2026A";
    /** The pharmacy's registered GLN: the maker's shipping event names it as destination, handing it custody. */
    public static final String PHARMACY_GLN = "690987600001" + Gtin.checkDigit("690987600001");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The case (an SSCC) the three packs are packed into. */
    public static final String CASE = sscc("690123400000001");

    /**
     * What was stored.
     *
     * @param commissioning the device and seq of the envelope that carried the commissioning event
     */
    public record Stored(String gtin, String lot, List<String> serials, String chinaCode, String commissioningDevice,
                         long commissioningSeq, boolean fresh) {
        /** The Digital Link path of pack {@code i} (0-based); prefix it with the server's base URL. */
        public String itemPath(int i) {
            return new DigitalLink(new Gtin(gtin), lot, serials.get(i)).path();
        }
    }

    /** What the journey's sensors failed to record; the default journey is watched throughout. */
    public enum Gap {
        NONE,
        /** The reefer truck's logger recorded nothing for two hours (t0+5h to t0+7h): a hole in its window. */
        TRUCK_HOLE,
        /**
         * The pharmacy fridge reports one reading per envelope every 5 minutes, and one envelope (its
         * sixth) never arrived: a seq gap, though 10 minutes without a reading is no hole.
         */
        FRIDGE_LOST_ENVELOPE
    }

    private ColdChainFixture() {
    }

    /**
     * Registers and stores everything, the journey starting 12 hours ago. Idempotent: when the lot
     * exists already (a restarted demo keeps its database), nothing is written and what is there is returned.
     *
     * @param base    the resolver base written into the items' Digital Link URIs, e.g. {@code http://localhost:8080}
     * @param hashAlg the deployment's Merkle hash (sha256 or sm3)
     */
    public static Stored store(DataSource db, String base, String hashAlg) throws SQLException {
        return store(db, base, hashAlg, Duration.ofHours(12), Gap.NONE);
    }

    /** As {@link #store(DataSource, String, String)}, with what the sensors failed to record ({@code gap}). */
    public static Stored store(DataSource db, String base, String hashAlg, Gap gap) throws SQLException {
        return store(db, base, hashAlg, Duration.ofHours(12), gap);
    }

    /**
     * As {@link #store(DataSource, String, String)}, the journey starting {@code journey} ago (at least 12
     * hours): the truck leg lasts until 4 hours before now, and each device signs one envelope an hour,
     * so a 500-hour journey has about 500 reading envelopes (benchmarks).
     */
    public static Stored store(DataSource db, String base, String hashAlg, Duration journey) throws SQLException {
        return store(db, base, hashAlg, journey, Gap.NONE);
    }

    public static Stored store(DataSource db, String base, String hashAlg, Duration journey, Gap gap) throws SQLException {
        return store(db, base, hashAlg, journey, gap, false);
    }

    /**
     * As {@link #store(DataSource, String, String)}, every event (commissioning, packing, shipping,
     * receiving) sent as an SD-JWT under the default disclosure policy: the case's packs, its parent ID,
     * the shipping's destination and every eventID concealed, readings plain JWS as ever.
     */
    public static Stored storeWithSdJwtEvents(DataSource db, String base, String hashAlg) throws SQLException {
        return store(db, base, hashAlg, Duration.ofHours(12), Gap.NONE, true);
    }

    private static Stored store(DataSource db, String base, String hashAlg, Duration journey, Gap gap, boolean sdJwtEvents)
            throws SQLException {
        Optional<Stored> existing = existing(db);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant t0 = Instant.now().minus(journey).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Duration received = journey.minusHours(4);
        Organisations orgs = new Organisations(db);
        orgs.ensure(MAKER, "Demo Biopharma 示范生物制药");
        orgs.ensure(CARRIER, "Demo Cold Logistics 示范冷链物流");
        orgs.ensure(PHARMACY, "Demo Pharmacy 示范大药房", PHARMACY_GLN);
        DeviceRegistry registry = new DeviceRegistry(db);
        long seq = t0.toEpochMilli();
        SigningDevice factoryGw = device(registry, MAKER, "ccdemo-factory-gw", FACTORY_LOCATION, seq);
        SigningDevice factoryRoom = device(registry, MAKER, "ccdemo-factory-room", FACTORY_LOCATION, seq);
        SigningDevice truck = device(registry, CARRIER, "ccdemo-reefer-7", TRUCK_LOCATION, seq);
        SigningDevice pharmacyGw = device(registry, PHARMACY, "ccdemo-pharmacy-gw", PHARMACY_LOCATION, seq);
        SigningDevice fridge = device(registry, PHARMACY, "ccdemo-pharmacy-fridge", PHARMACY_LOCATION, seq);
        Map<String, SigningDevice> devices = new LinkedHashMap<>();
        for (SigningDevice d : List.of(factoryGw, factoryRoom, truck, pharmacyGw, fridge)) {
            devices.put(d.id(), d);
        }

        Gtin gtin = new Gtin(GTIN);
        String cnDrugId = "8612345";
        List<String> serials = List.of("S" + t0.getEpochSecond() % 100000 + "A1", "S" + t0.getEpochSecond() % 100000 + "A2",
                "S" + t0.getEpochSecond() % 100000 + "A3");
        String cnCode = ChinaDrugCode.issue(cnDrugId).value();
        registerGoods(db, gtin, cnDrugId, serials, cnCode, base, t0);
        // the carrier works for the maker: its reefer's readings count for the maker's goods (all its products)
        new org.prooftrail.store.registry.WriteGrants(db).grant(MAKER, CARRIER, null, null);

        List<String> epcs = serials.stream().map(s -> new DigitalLink(gtin, LOT, s).uri("https://id.gs1.org")).toList();
        String sscc = CASE;
        List<byte[]> events = new ArrayList<>();
        long commissioningSeq = seq; // the gateway's first envelope
        ObjectNode commissioning = event("ObjectEvent", t0, "ADD", "commissioning", "active", FACTORY_LOCATION, FACTORY_LOCATION);
        list(commissioning, "epcList", epcs);
        events.add(signed(factoryGw, sdJwtEvents, t0, commissioning));
        ObjectNode packing = event("AggregationEvent", t0.plus(Duration.ofHours(1)), "ADD", "packing", "in_progress",
                FACTORY_LOCATION, FACTORY_LOCATION);
        packing.put("parentID", sscc);
        list(packing, "childEPCs", epcs);
        events.add(signed(factoryGw, sdJwtEvents, t0.plus(Duration.ofHours(1)), packing));
        ObjectNode shipping = event("ObjectEvent", t0.plus(Duration.ofHours(2)), "OBSERVE", "shipping", "in_transit",
                FACTORY_LOCATION, TRUCK_LOCATION);
        list(shipping, "epcList", List.of(sscc));
        shipping.putArray("destinationList").addObject().put("type", "owning_party")
                .put("destination", "urn:epc:id:pgln:6909876.00001");
        events.add(signed(factoryGw, sdJwtEvents, t0.plus(Duration.ofHours(2)), shipping));
        ObjectNode receiving = event("ObjectEvent", t0.plus(received), "OBSERVE", "receiving", "in_progress",
                PHARMACY_LOCATION, PHARMACY_LOCATION);
        list(receiving, "epcList", List.of(sscc));
        byte[] receivedEvent = signed(pharmacyGw, sdJwtEvents, t0.plus(received), receiving);

        List<byte[]> readings = new ArrayList<>();
        readings.addAll(readings(factoryRoom, t0.minus(Duration.ofMinutes(30)), t0.plus(Duration.ofHours(2)), t -> 4.5));
        Instant excursionStart = t0.plus(Duration.ofHours(4));
        java.util.function.Function<Instant, Double> truckTemp = t -> {
            long m = Duration.between(excursionStart, t).toMinutes();
            return m >= 0 && m < 25 ? 8.6 + m * 0.05 : 5.0 + 0.5 * Math.sin(t.getEpochSecond() / 1800.0);
        };
        if (gap == Gap.TRUCK_HOLE) {
            readings.addAll(readings(truck, t0.plus(Duration.ofHours(2)), t0.plus(Duration.ofHours(5)), truckTemp));
            readings.addAll(readings(truck, t0.plus(Duration.ofHours(7)), t0.plus(received), truckTemp));
        } else {
            readings.addAll(readings(truck, t0.plus(Duration.ofHours(2)), t0.plus(received), truckTemp));
        }
        if (gap == Gap.FRIDGE_LOST_ENVELOPE) {
            List<byte[]> each = new ArrayList<>();
            for (Instant t = t0.plus(received); t.isBefore(Instant.now()); t = t.plus(Duration.ofMinutes(5))) {
                each.addAll(readings(fridge, t, t.plus(Duration.ofMinutes(5)), x -> 4.8));
            }
            each.remove(5);
            readings.addAll(each);
        } else {
            readings.addAll(readings(fridge, t0.plus(received), Instant.now(), t -> 4.8));
        }

        BatchWriter writer = new BatchWriter(db, MerkleHasher.byName(hashAlg), Long.MAX_VALUE / 4);
        EnvelopeVerifier verifier = new EnvelopeVerifier(kid -> devices.values().stream()
                .filter(d -> d.kid().equals(kid)).findFirst().map(SigningDevice::deviceKey));
        writer.write(checked(verifier, devices, events));
        writer.write(checked(verifier, devices, List.of(receivedEvent)));
        writer.write(checked(verifier, devices, readings));
        return new Stored(GTIN, LOT, serials, cnCode, factoryGw.id(), commissioningSeq, true);
    }

    private static byte[] signed(SigningDevice d, boolean sdJwt, Instant at, ObjectNode event) {
        return sdJwt ? d.sdJwtEvent(at, event) : d.event(at, event);
    }

    private static SigningDevice device(DeviceRegistry registry, String org, String id, String location, long seq)
            throws SQLException {
        SigningDevice d = new SigningDevice(org, id, seq);
        registry.registerDevice(org, id, "sensor", null, location);
        registry.addKey(id, d.kid(), "EdDSA", d.publicKeyPem());
        return d;
    }

    /** The insulin product (2-8 °C, one excursion at most 30 min, 60 min in all), its lot and three packs. */
    private static void registerGoods(DataSource db, Gtin gtin, String cnDrugId, List<String> serials, String cnCode,
                                      String base, Instant t0) throws SQLException {
        Product product = new Product(gtin.value(), MAKER, cnDrugId);
        new Products(db).ensure(new NewProduct(gtin.value(), MAKER, "Insulin glargine 100 IU/ml 甘精胰岛素注射液", "drug",
                2.0, 8.0, 30, 60, cnDrugId));
        Lot lot = new Lots(db).create(product, LOT, t0, LocalDate.ofInstant(t0, ZoneOffset.UTC).plusYears(2));
        List<NewItem> items = new ArrayList<>();
        for (int i = 0; i < serials.size(); i++) {
            items.add(new NewItem(serials.get(i), new DigitalLink(gtin, LOT, serials.get(i)).uri(base), i == 0 ? cnCode : null));
        }
        new Items(db).add(lot, items);
    }

    private static Optional<Stored> existing(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT i.serial, i.cn_code FROM item i WHERE i.gtin = ? AND i.lot = ? "
                     + "ORDER BY i.cn_code IS NULL, i.serial")) {
            st.setString(1, GTIN);
            st.setString(2, LOT);
            List<String> serials = new ArrayList<>();
            String cn = null;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    serials.add(rs.getString(1));
                    cn = cn == null ? rs.getString(2) : cn;
                }
            }
            if (serials.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement ev = c.prepareStatement("SELECT v.device_id, v.seq FROM epcis_event e JOIN envelope v "
                    + "ON v.id = e.envelope_id WHERE e.org_id = ? AND e.biz_step = 'commissioning' ORDER BY e.id LIMIT 1")) {
                ev.setString(1, MAKER);
                try (ResultSet rs = ev.executeQuery()) {
                    boolean found = rs.next();
                    return Optional.of(new Stored(GTIN, LOT, serials, cn, found ? rs.getString(1) : null,
                            found ? rs.getLong(2) : -1, false));
                }
            }
        }
    }

    private static ObjectNode event(String type, Instant at, String action, String bizStep, String disposition,
                                    String readPoint, String bizLocation) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", type).put("eventTime", at.toString()).put("eventTimeZoneOffset", "+08:00")
                .put("eventID", "urn:uuid:" + UUID.randomUUID()).put("action", action)
                .put("bizStep", bizStep).put("disposition", disposition);
        e.putObject("readPoint").put("id", readPoint);
        e.putObject("bizLocation").put("id", bizLocation);
        return e;
    }

    private static void list(ObjectNode e, String field, List<String> values) {
        ArrayNode a = e.putArray(field);
        values.forEach(a::add);
    }

    /** One envelope an hour, a reading every 5 minutes. */
    private static List<byte[]> readings(SigningDevice d, Instant from, Instant to, java.util.function.Function<Instant, Double> temp) {
        List<byte[]> envelopes = new ArrayList<>();
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
            ObjectNode payload = JSON.createObjectNode();
            payload.put("dev", d.id()).put("seq", d.nextSeq()).put("ts", hour.toString());
            ArrayNode list = payload.putArray("readings");
            for (Instant t = hour; t.isBefore(hour.plus(Duration.ofHours(1))) && t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
                list.addObject().put("t", t.toString()).put("temp", Math.round(temp.apply(t) * 100) / 100.0).put("hum", 55.0);
            }
            envelopes.add(d.sign(payload));
        }
        return envelopes;
    }

    private static List<AcceptedEnvelope> checked(EnvelopeVerifier verifier, Map<String, SigningDevice> devices, List<byte[]> raws) {
        List<AcceptedEnvelope> batch = new ArrayList<>();
        for (byte[] raw : raws) {
            VerificationResult r = verifier.verify(raw);
            if (r instanceof Rejection rej) {
                throw new IllegalStateException("the fixture made an envelope ingest refuses: " + rej.reason() + " " + rej.message());
            }
            VerifiedEnvelope v = (VerifiedEnvelope) r;
            SigningDevice d = devices.get(v.dev());
            String topic = v.event().isPresent() ? d.eventsTopic() : d.readingsTopic();
            batch.add(new AcceptedEnvelope(v, d.org(), new Origin.MqttTopic(topic)));
        }
        return batch;
    }

    /** A GS1 SSCC as a Digital Link URI: extension digit and company prefix (17 digits) plus check digit. */
    private static String sscc(String prefixAndSerial) {
        String body = "0" + prefixAndSerial + "0";
        return "https://id.gs1.org/00/" + body + Gtin.checkDigit(body);
    }
}
