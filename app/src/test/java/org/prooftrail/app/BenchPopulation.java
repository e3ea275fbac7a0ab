package org.prooftrail.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;

/**
 * The lookup benchmark's population as a plan, before anything is signed: organisations and their
 * sites, products, lots of {@value #ITEMS_PER_LOT} serialised items, each lot's EPCIS events, and
 * when each sensor reports. Pure and deterministic from the lot count and {@code now}.
 *
 * <p>Journeys end (the last receiving) between 4 and 28 hours before {@code now}, so the open last
 * custody window holds a bounded number of readings. Three shapes:
 * <ul>
 *   <li>drug, four windows (factory, reefer truck, distribution centre, pharmacy), 8 events per item:
 *       commissioning by item, packing into a case, cases into a pallet (ADD), shipping, receiving at
 *       the centre, unpacking the pallet (DELETE), storing, receiving at the pharmacy;</li>
 *   <li>drug, three windows (factory, truck, pharmacy), 6 events per item;</li>
 *   <li>produce, two windows (packhouse, distribution centre), 5 events: commissioning by lot
 *       (quantity list), the lot into a pallet (ADD, child quantity list), shipping without a
 *       bizLocation, receiving, unpacking (DELETE).</li>
 * </ul>
 * Sensors at fixed sites report all the time; a truck's logger reports during its trips. A reading
 * every {@link #READING_EVERY}, {@value #READINGS_PER_ENVELOPE} per signed envelope.
 */
final class BenchPopulation {
    static final int ITEMS_PER_LOT = 100;
    static final int ITEMS_PER_CASE = 25;
    static final Duration READING_EVERY = Duration.ofMinutes(2);
    static final int READINGS_PER_ENVELOPE = 5;
    static final Duration ENVELOPE_EVERY = READING_EVERY.multipliedBy(READINGS_PER_ENVELOPE);
    static final String GS1 = "https://id.gs1.org";
    /** The carrier whose reefers carry the drugs; the makers grant it write rights. */
    static final String CARRIER = "bench-carrier";
    /** Written into items' Digital Links; lookups go to whatever host the node listens on. */
    static final String RESOLVER_BASE = "https://trace.bench.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An organisation; {@code gln} names its one site (null: none, e.g. the carrier). */
    record Org(String id, String name, String gln) {
        String location() {
            return gln == null ? null : GS1 + "/414/" + gln;
        }
    }

    record ProductPlan(String gtin, String org, String name, String category, double minC, double maxC, int maxSingle,
                       int maxTotal) {
        boolean produce() {
            return "produce".equals(category);
        }
    }

    /** A device: gateways sign events (no location), sensors sign readings where they sit. */
    record Device(String id, String org, String kind, String location, String description, double baseC) {
    }

    record Span(Instant from, Instant to) {
    }

    /** An event to sign by {@code gateway}. */
    record PlannedEvent(String gateway, Instant time, ObjectNode json) {
    }

    /** A custody window the journey implies (for counting the readings a lookup reads). */
    record Window(String location, Instant from, Instant to) {
    }

    record LotPlan(int index, ProductPlan product, String lot, Instant producedAt, List<String> serials,
                   List<PlannedEvent> events, List<Window> windows, String shape) {
    }

    final Instant now;
    final List<Org> orgs = new ArrayList<>();
    final List<ProductPlan> products = new ArrayList<>();
    final List<LotPlan> lots = new ArrayList<>();
    final Map<String, Device> devices = new LinkedHashMap<>();
    /** When each sensor reports (sorted, not overlapping). */
    final Map<String, List<Span>> reporting = new LinkedHashMap<>();
    /** Truck trips with a planned temperature excursion, by truck: [start, end). */
    final Map<String, List<Span>> excursions = new LinkedHashMap<>();

    private final List<Org> factories = new ArrayList<>();
    private final List<Org> centres = new ArrayList<>();
    private final List<Org> pharmacies = new ArrayList<>();
    private Org packhouse;
    private final List<String> trucks = new ArrayList<>();
    private final Map<String, List<Span>> trips = new LinkedHashMap<>();
    private long ssccCounter;
    private long eventCounter;

    private BenchPopulation(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.MINUTES);
    }

    static BenchPopulation plan(int lotCount, Instant now) {
        BenchPopulation p = new BenchPopulation(now);
        p.sites(lotCount);
        p.products();
        for (int i = 0; i < lotCount; i++) {
            p.lot(i, lotCount);
        }
        p.sensorsReport();
        return p;
    }

    private void sites(int lotCount) {
        for (int f = 1; f <= 3; f++) {
            Org o = org("bench-pharma-" + f, "Bench Pharma " + f + " 示范制药" + f, "690100" + f);
            factories.add(o);
            gateway(o);
            sensor(o, "cold room", o.location(), 5.0);
        }
        packhouse = org("bench-farm", "Bench Farm Co-op 示范农业合作社", "6902000");
        gateway(packhouse);
        sensor(packhouse, "pre-cooling room", packhouse.location(), 1.5);
        for (int d = 1; d <= 4; d++) {
            Org o = org("bench-dc-" + d, "Bench Distribution Centre " + d + " 示范配送中心" + d, "690300" + d);
            centres.add(o);
            gateway(o);
            sensor(o, "cold store", o.location(), 3.0);
        }
        int stores = Math.max(4, lotCount / 5);
        for (int s = 1; s <= stores; s++) {
            Org o = org(String.format("bench-pharmacy-%04d", s), "Bench Pharmacy " + s + " 示范药房" + s,
                    String.format("6904%05d", s));
            pharmacies.add(o);
            gateway(o);
            sensor(o, "fridge", o.location(), 5.0);
        }
        Org carrier = new Org(CARRIER, "Bench Cold Logistics 示范冷链物流", null);
        orgs.add(carrier);
        for (int t = 1; t <= Math.max(4, lotCount / 2); t++) {
            String giai = String.format("6905000REEFER%05d", t);
            Device d = sensor(carrier, "reefer truck " + t, GS1 + "/8004/" + giai, 4.0);
            trucks.add(d.id());
        }
    }

    private Org org(String id, String name, String glnStart) {
        String body = (glnStart + "000000000000").substring(0, 12);
        Org o = new Org(id, name, body + Gtin.checkDigit(body));
        orgs.add(o);
        return o;
    }

    private void gateway(Org o) {
        String id = o.id() + "-gw";
        devices.put(id, new Device(id, o.id(), "gateway", null, "event gateway", 0));
    }

    private Device sensor(Org o, String what, String location, double baseC) {
        String id = o.id() + "-" + what.replace(' ', '-') + (what.startsWith("reefer") ? "" : "-t1");
        Device d = new Device(id, o.id(), "sensor", location, what, baseC);
        devices.put(id, d);
        return d;
    }

    private void products() {
        products.add(product("6901001", 1, "bench-pharma-1", "Insulin glargine 100 IU/ml 甘精胰岛素", "drug", 2, 8, 30, 60));
        products.add(product("6901001", 2, "bench-pharma-1", "Hepatitis B vaccine 乙肝疫苗", "drug", 2, 8, 20, 45));
        products.add(product("6901002", 1, "bench-pharma-2", "Adalimumab 40 mg 阿达木单抗", "drug", 2, 8, 30, 60));
        products.add(product("6901002", 2, "bench-pharma-2", "Epoetin alfa 促红素", "drug", 2, 8, 15, 30));
        products.add(product("6901003", 1, "bench-pharma-3", "Amoxicillin suspension 阿莫西林混悬液", "drug", 2, 25, 120, 240));
        products.add(product("6902000", 1, "bench-farm", "Lettuce 生菜", "produce", 0, 5, 60, 120));
        products.add(product("6902000", 2, "bench-farm", "Strawberries 草莓", "produce", 0, 4, 30, 90));
    }

    private static ProductPlan product(String prefix, int ref, String org, String name, String category, double min,
                                       double max, int single, int total) {
        String body = "0" + prefix + String.format("%05d", ref);
        return new ProductPlan(body + Gtin.checkDigit(body), org, name, category, min, max, single, total);
    }

    private void lot(int i, int lotCount) {
        Random r = new Random(7919L * i + 17);
        ProductPlan product = products.get(i % products.size());
        String lot = String.format("B%05d", i);
        Gtin gtin = new Gtin(product.gtin());
        List<String> serials = new ArrayList<>(ITEMS_PER_LOT);
        for (int k = 0; k < ITEMS_PER_LOT; k++) {
            serials.add(String.format("P%05d%03d", i, k));
        }
        Instant arrival = now.minus(Duration.ofMinutes(240 + (long) (24 * 60.0 * i / lotCount)));
        Org pharmacy = pharmacies.get(i % pharmacies.size());
        Org centre = centres.get(i % centres.size());
        String truck = trucks.get(i % trucks.size());
        String truckLocation = devices.get(truck).location();
        List<PlannedEvent> events = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        String shape;
        Instant produced;
        if (product.produce()) {
            shape = "produce, 2 windows";
            Instant received = arrival;
            produced = received.minus(hours(r, 16, 24));
            String lotClass = new DigitalLink(gtin, lot, null).uri(GS1);
            String pallet = sscc();
            String gw = packhouse.id() + "-gw";
            String here = packhouse.location();
            ObjectNode commissioning = event("ObjectEvent", produced, "ADD", "commissioning", "active", here, here);
            quantity(commissioning, "quantityList", lotClass, ITEMS_PER_LOT);
            events.add(new PlannedEvent(gw, produced, commissioning));
            ObjectNode packing = event("AggregationEvent", produced.plus(Duration.ofHours(2)), "ADD", "packing",
                    "in_progress", here, here);
            packing.put("parentID", pallet);
            quantity(packing, "childQuantityList", lotClass, ITEMS_PER_LOT);
            events.add(new PlannedEvent(gw, produced.plus(Duration.ofHours(2)), packing));
            Instant shipped = received.minus(Duration.ofHours(3));
            ObjectNode shipping = event("ObjectEvent", shipped, "OBSERVE", "shipping", "in_transit", here, null);
            list(shipping, "epcList", List.of(pallet));
            shippedTo(shipping, centre);
            events.add(new PlannedEvent(gw, shipped, shipping));
            receiveAndUnpack(events, centre, received, pallet, List.of(), lotClass);
            windows.add(new Window(here, produced, received));
            windows.add(new Window(centre.location(), received, now));
        } else {
            Org factory = factories.stream().filter(f -> f.id().equals(product.org())).findFirst().orElseThrow();
            boolean viaCentre = i % 5 < 3;
            shape = viaCentre ? "drug, 4 windows" : "drug, 3 windows";
            Instant atPharmacy = arrival;
            Instant truckArrives = viaCentre ? atPharmacy.minus(hours(r, 12, 20)) : atPharmacy;
            Instant shipped = truckArrives.minus(hours(r, 8, 14));
            produced = shipped.minus(hours(r, 10, 16));
            String gw = factory.id() + "-gw";
            String here = factory.location();
            List<String> epcs = serials.stream().map(s -> new DigitalLink(gtin, lot, s).uri(GS1)).toList();
            ObjectNode commissioning = event("ObjectEvent", produced, "ADD", "commissioning", "active", here, here);
            list(commissioning, "epcList", epcs);
            events.add(new PlannedEvent(gw, produced, commissioning));
            List<String> cases = new ArrayList<>();
            Instant packed = produced.plus(Duration.ofHours(1));
            for (int c = 0; c < ITEMS_PER_LOT / ITEMS_PER_CASE; c++) {
                String sscc = sscc();
                cases.add(sscc);
                ObjectNode caseEvent = event("AggregationEvent", packed.plusSeconds(c), "ADD", "packing", "in_progress", here, here);
                caseEvent.put("parentID", sscc);
                list(caseEvent, "childEPCs", epcs.subList(c * ITEMS_PER_CASE, (c + 1) * ITEMS_PER_CASE));
                events.add(new PlannedEvent(gw, packed.plusSeconds(c), caseEvent));
            }
            String pallet = sscc();
            Instant palletised = produced.plus(Duration.ofHours(2));
            ObjectNode palletEvent = event("AggregationEvent", palletised, "ADD", "packing", "in_progress", here, here);
            palletEvent.put("parentID", pallet);
            list(palletEvent, "childEPCs", cases);
            events.add(new PlannedEvent(gw, palletised, palletEvent));
            ObjectNode shipping = event("ObjectEvent", shipped, "OBSERVE", "shipping", "in_transit", here, truckLocation);
            list(shipping, "epcList", List.of(pallet));
            shippedTo(shipping, viaCentre ? centre : pharmacy);
            events.add(new PlannedEvent(gw, shipped, shipping));
            trips.computeIfAbsent(truck, t -> new ArrayList<>()).add(new Span(shipped.minus(Duration.ofMinutes(30)),
                    truckArrives.plus(Duration.ofMinutes(30))));
            if (r.nextInt(10) == 0) { // one trip in ten has a reefer fault of 20-45 minutes
                Instant start = shipped.plus(Duration.between(shipped, truckArrives).dividedBy(2));
                excursions.computeIfAbsent(truck, t -> new ArrayList<>())
                        .add(new Span(start, start.plus(Duration.ofMinutes(20 + r.nextInt(26)))));
            }
            windows.add(new Window(here, produced, shipped));
            windows.add(new Window(truckLocation, shipped, truckArrives));
            if (viaCentre) {
                receiveAndUnpack(events, centre, truckArrives, pallet, cases, null);
                ObjectNode storing = event("ObjectEvent", truckArrives.plus(Duration.ofHours(1)), "OBSERVE", "storing",
                        "sellable_not_accessible", centre.location(), centre.location());
                list(storing, "epcList", cases);
                events.add(new PlannedEvent(centre.id() + "-gw", truckArrives.plus(Duration.ofHours(1)), storing));
                // the centre ships the cases on to the pharmacy, which then holds them (the write rule, docs/custody.md)
                Instant leaves = atPharmacy.minusSeconds(1);
                ObjectNode onward = event("ObjectEvent", leaves, "OBSERVE", "shipping", "in_transit", centre.location(), null);
                list(onward, "epcList", cases);
                shippedTo(onward, pharmacy);
                events.add(new PlannedEvent(centre.id() + "-gw", leaves, onward));
                ObjectNode received = event("ObjectEvent", atPharmacy, "OBSERVE", "receiving", "sellable_accessible",
                        pharmacy.location(), pharmacy.location());
                list(received, "epcList", cases);
                events.add(new PlannedEvent(pharmacy.id() + "-gw", atPharmacy, received));
                windows.add(new Window(centre.location(), truckArrives, atPharmacy));
            } else {
                receiveAndUnpack(events, pharmacy, atPharmacy, pallet, cases, null);
            }
            windows.add(new Window(pharmacy.location(), atPharmacy, now));
        }
        lots.add(new LotPlan(i, product, lot, produced, serials, events, windows, shape));
    }

    /** Receiving the pallet at {@code site} and unpacking it half an hour later (AggregationEvent DELETE). */
    private void receiveAndUnpack(List<PlannedEvent> events, Org site, Instant at, String pallet, List<String> cases,
                                  String lotClass) {
        String gw = site.id() + "-gw";
        ObjectNode receiving = event("ObjectEvent", at, "OBSERVE", "receiving", "in_progress", site.location(), site.location());
        list(receiving, "epcList", List.of(pallet));
        events.add(new PlannedEvent(gw, at, receiving));
        Instant unpacked = at.plus(Duration.ofMinutes(30));
        ObjectNode unpacking = event("AggregationEvent", unpacked, "DELETE", "unpacking", "in_progress", site.location(),
                site.location());
        unpacking.put("parentID", pallet);
        if (lotClass != null) {
            quantity(unpacking, "childQuantityList", lotClass, ITEMS_PER_LOT);
        } else {
            list(unpacking, "childEPCs", cases);
        }
        events.add(new PlannedEvent(gw, unpacked, unpacking));
    }

    /** Fixed sites report from before the first journey until now; trucks during their trips. */
    private void sensorsReport() {
        Instant first = lots.stream().map(LotPlan::producedAt).min(Comparator.naturalOrder()).orElse(now)
                .minus(Duration.ofHours(1));
        for (Device d : devices.values()) {
            if (!"sensor".equals(d.kind())) {
                continue;
            }
            if (trucks.contains(d.id())) {
                reporting.put(d.id(), merged(trips.getOrDefault(d.id(), List.of())));
            } else {
                reporting.put(d.id(), List.of(new Span(first, now)));
            }
        }
    }

    private static List<Span> merged(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(Span::from));
        List<Span> out = new ArrayList<>();
        for (Span s : sorted) {
            Span last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && !s.from().isAfter(last.to())) {
                out.set(out.size() - 1, new Span(last.from(), s.to().isAfter(last.to()) ? s.to() : last.to()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Envelope start times of a sensor: on a fixed 10-minute grid within its reporting spans. */
    List<Instant> envelopeTimes(String sensor) {
        List<Instant> times = new ArrayList<>();
        long step = ENVELOPE_EVERY.toSeconds();
        for (Span s : reporting.getOrDefault(sensor, List.of())) {
            long t = Math.floorDiv(s.from().getEpochSecond(), step) * step;
            for (; t < s.to().getEpochSecond(); t += step) {
                times.add(Instant.ofEpochSecond(t));
            }
        }
        return times;
    }

    /** A sensor's temperature at {@code t}: its base with a slow wobble, raised during a planned excursion. */
    double temperature(Device d, Instant t) {
        for (Span e : excursions.getOrDefault(d.id(), List.of())) {
            if (!t.isBefore(e.from()) && t.isBefore(e.to())) {
                return 9.2 + 0.02 * Duration.between(e.from(), t).toMinutes();
            }
        }
        double phase = (d.id().hashCode() & 0xffff) / 1000.0;
        return Math.round((d.baseC() + 0.5 * Math.sin(t.getEpochSecond() / 2700.0 + phase)) * 100) / 100.0;
    }

    /** The reading envelopes a lookup of the lot reads: those of the sensors at each window's site during it. */
    int readingEnvelopes(LotPlan lot) {
        int n = 0;
        for (Window w : lot.windows()) {
            for (Device d : devices.values()) {
                if (w.location().equals(d.location())) {
                    List<Instant> times = envelopeTimesCache.computeIfAbsent(d.id(), this::envelopeTimes);
                    n += insertionPoint(times, w.to()) - insertionPoint(times, w.from());
                }
            }
        }
        return n;
    }

    private final Map<String, List<Instant>> envelopeTimesCache = new java.util.HashMap<>();

    /** The index of the first time at or after {@code t}. */
    private static int insertionPoint(List<Instant> sorted, Instant t) {
        int i = java.util.Collections.binarySearch(sorted, t);
        return i >= 0 ? i : -i - 1;
    }

    long itemCount() {
        return (long) lots.size() * ITEMS_PER_LOT;
    }

    private String sscc() {
        String body = "0" + "6909999" + String.format("%09d", ++ssccCounter);
        return GS1 + "/00/" + body + Gtin.checkDigit(body);
    }

    private static Duration hours(Random r, int min, int max) {
        return Duration.ofMinutes(min * 60L + r.nextInt((max - min) * 60 + 1));
    }

    private ObjectNode event(String type, Instant at, String action, String bizStep, String disposition,
                             String readPoint, String bizLocation) {
        ObjectNode e = JSON.createObjectNode();
        String key = "bench-event-" + (++eventCounter);
        e.put("type", type).put("eventTime", at.toString()).put("eventTimeZoneOffset", "+08:00")
                .put("eventID", "urn:uuid:" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)))
                .put("action", action).put("bizStep", bizStep).put("disposition", disposition);
        e.putObject("readPoint").put("id", readPoint);
        if (bizLocation != null) {
            e.putObject("bizLocation").put("id", bizLocation);
        }
        return e;
    }

    /** A shipping event's receiver, named by its GLN as the owning party (so that it holds the goods once shipped). */
    private static void shippedTo(ObjectNode shipping, Org to) {
        shipping.putArray("destinationList").addObject().put("type", "owning_party").put("destination", to.location());
    }

    private static void list(ObjectNode e, String field, List<String> values) {
        ArrayNode a = e.putArray(field);
        values.forEach(a::add);
    }

    private static void quantity(ObjectNode e, String field, String epcClass, int quantity) {
        e.putArray(field).addObject().put("epcClass", epcClass).put("quantity", quantity);
    }
}
