package org.prooftrail.api.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.prooftrail.store.testing.SigningDevice;
import org.prooftrail.core.trace.TraceId;

/**
 * A farm-to-shelf supply chain, stored as signed envelopes through ingest's batch writer.
 *
 * <pre>
 * farm:        plots A, B, C planted; pesticide and fertiliser applied; harvest lots H1 (A), H2 (B), H3 (C);
 *              another pesticide application on plot A after the harvest (next season)
 * processor:   TransformationEvent H1 + H2 -> product lots P1, P2; H3 -> P3 (the unrelated harvest)
 *              packs commissioned with ILMD lot numbers (P2's named by Digital Link, the rest by SGTIN URN)
 *              cases C1 = {P1-1001, P1-1002, P2-2001}, C2 = {P1-1003, P1-1004, P2-2002}, C3 = {P3-3001, P3-3002}
 *              pallet PAL = {C1, C2, C3}, shipped from the factory
 * distributor: receives PAL at the DC, unpacks it, ships C1 and (C2, C3)
 * store:       receives C1 at store 1 and C2, C3 at store 2; sells pack P1-1001 at store 1
 * </pre>
 * Event IDs are {@link #eventId(String)} of the labels used below.
 */
public final class FarmToShelf {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String FARM = "farm";
    public static final String PROCESSOR = "processor";
    public static final String DISTRIBUTOR = "distributor";
    public static final String STORE = "store";

    public static final String PLOT_A = "urn:epc:id:sgln:4012345.00001.0";
    public static final String PLOT_B = "urn:epc:id:sgln:4012345.00002.0";
    public static final String PLOT_C = "urn:epc:id:sgln:4012345.00003.0";
    public static final String FACTORY = "urn:epc:id:sgln:4098765.00001.0";
    public static final String DC = "urn:epc:id:sgln:4055555.00001.0";
    public static final String STORE_1 = "urn:epc:id:sgln:4077777.00001.0";
    public static final String STORE_2 = "urn:epc:id:sgln:4077777.00002.0";

    public static final String H1 = "urn:epc:class:lgtin:4012345.011111.H1";
    public static final String H2 = "urn:epc:class:lgtin:4012345.011111.H2";
    public static final String H3 = "urn:epc:class:lgtin:4012345.011111.H3";
    public static final String SEED = "urn:epc:class:lgtin:4012345.099999.SEED-24";
    public static final String PESTICIDE = "urn:epc:class:lgtin:4033333.012345.PX-7";
    public static final String FERTILISER = "urn:epc:class:lgtin:4033333.054321.NPK-2";
    public static final String P1 = "urn:epc:class:lgtin:4098765.022222.P1";
    public static final String P2 = "urn:epc:class:lgtin:4098765.022222.P2";
    public static final String P3 = "urn:epc:class:lgtin:4098765.022222.P3";
    public static final String PRODUCT_GTIN = TraceId.parse(P1).gtin();
    public static final List<String> P1_PACKS = List.of(pack("1001"), pack("1002"), pack("1003"), pack("1004"));
    public static final List<String> P2_PACKS = List.of(pack("2001"), pack("2002"));
    public static final List<String> P3_PACKS = List.of(pack("3001"), pack("3002"));
    public static final String C1 = "urn:epc:id:sscc:4098765.0000000001";
    public static final String C2 = "urn:epc:id:sscc:4098765.0000000002";
    public static final String C3 = "urn:epc:id:sscc:4098765.0000000003";
    public static final String PALLET = "urn:epc:id:sscc:4098765.0000000100";

    static final String VOC = "https://ns.prooftrail.example/voc/bizstep/";

    private FarmToShelf() {
    }

    public static String pack(String serial) {
        return "urn:epc:id:sgtin:4098765.022222." + serial;
    }

    /** How P2's packs were commissioned: a Digital Link carrying the lot. */
    public static String packLink(String serial, String lot) {
        return "https://id.gs1.org/01/" + PRODUCT_GTIN + "/10/" + lot + "/21/" + serial;
    }

    public static String eventId(String label) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("farm-to-shelf:" + label).getBytes(StandardCharsets.UTF_8));
    }

    /** Stores the whole scenario (farm, processor, distributor, store: one batch each). */
    public static void store(SignedStore s) throws Exception {
        SigningDevice farm = s.device(FARM, "farm-gw");
        SigningDevice proc = s.device(PROCESSOR, "proc-line");
        SigningDevice dc = s.device(DISTRIBUTOR, "dc-gw");
        SigningDevice store = s.device(STORE, "store-pos");
        s.store(farm,
                object("plantA", "2026-03-01T07:00:00Z", "ADD", VOC + "planting", PLOT_A, List.of(), List.of(SEED)),
                object("plantB", "2026-03-02T07:00:00Z", "ADD", VOC + "planting", PLOT_B, List.of(), List.of(SEED)),
                object("plantC", "2026-03-03T07:00:00Z", "ADD", VOC + "planting", PLOT_C, List.of(), List.of(SEED)),
                input("pestA", "2026-04-10T07:00:00Z", VOC + "input_application", PLOT_A, PESTICIDE, "pesticide"),
                input("fertA", "2026-04-15T07:00:00Z", VOC + "fertilising", PLOT_A, FERTILISER, "fertiliser"),
                input("fertB", "2026-04-16T07:00:00Z", "other", PLOT_B, FERTILISER, "fertiliser"),
                input("pestC", "2026-04-20T07:00:00Z", VOC + "input_application", PLOT_C, PESTICIDE, "pesticide"),
                object("harvestA", "2026-06-01T06:00:00Z", "ADD", VOC + "harvesting", PLOT_A, List.of(), List.of(H1)),
                object("harvestB", "2026-06-01T07:00:00Z", "ADD", VOC + "harvesting", PLOT_B, List.of(), List.of(H2)),
                object("harvestC", "2026-06-02T06:00:00Z", "ADD", VOC + "harvesting", PLOT_C, List.of(), List.of(H3)),
                input("pestA2", "2026-07-01T07:00:00Z", VOC + "input_application", PLOT_A, PESTICIDE, "pesticide"));
        s.store(proc,
                transform("transform", "2026-06-03T08:00:00Z", List.of(H1, H2), List.of(P1, P2)),
                transform("transform3", "2026-06-03T09:00:00Z", List.of(H3), List.of(P3)),
                commission("commissionP1", "2026-06-04T08:00:00Z", P1_PACKS, "P1"),
                commission("commissionP2", "2026-06-04T08:10:00Z",
                        List.of(packLink("2001", "P2"), packLink("2002", "P2")), "P2"),
                commission("commissionP3", "2026-06-04T08:20:00Z", P3_PACKS, "P3"),
                aggregate("packC1", "2026-06-05T08:00:00Z", "ADD", C1, List.of(P1_PACKS.get(0), P1_PACKS.get(1), P2_PACKS.get(0)), FACTORY),
                aggregate("packC2", "2026-06-05T08:01:00Z", "ADD", C2, List.of(P1_PACKS.get(2), P1_PACKS.get(3), P2_PACKS.get(1)), FACTORY),
                aggregate("packC3", "2026-06-05T08:02:00Z", "ADD", C3, P3_PACKS, FACTORY),
                aggregate("palletise", "2026-06-05T09:00:00Z", "ADD", PALLET, List.of(C1, C2, C3), FACTORY),
                object("shipPallet", "2026-06-06T06:00:00Z", "OBSERVE", "shipping", FACTORY, List.of(PALLET), List.of()));
        s.store(dc,
                receive("receivePallet", "2026-06-07T06:00:00Z", DC, List.of(PALLET)),
                aggregate("unpackPallet", "2026-06-07T07:00:00Z", "DELETE", PALLET, List.of(C1, C2, C3), DC),
                object("shipC1", "2026-06-08T06:00:00Z", "OBSERVE", "shipping", DC, List.of(C1), List.of()),
                object("shipC2C3", "2026-06-08T06:05:00Z", "OBSERVE", "shipping", DC, List.of(C2, C3), List.of()));
        s.store(store,
                receive("receiveC1", "2026-06-09T06:00:00Z", STORE_1, List.of(C1)),
                receive("receiveC2C3", "2026-06-09T07:00:00Z", STORE_2, List.of(C2, C3)),
                object("sell1001", "2026-06-10T12:00:00Z", "OBSERVE", "retail_selling", STORE_1, List.of(P1_PACKS.get(0)), List.of()));
    }

    static ObjectNode base(String type, String label, String time) {
        return JSON.createObjectNode().put("type", type).put("eventID", eventId(label)).put("eventTime", time)
                .put("eventTimeZoneOffset", "+00:00");
    }

    public static ObjectNode object(String label, String time, String action, String bizStep, String location,
                                    List<String> epcs, List<String> classes) {
        ObjectNode e = base("ObjectEvent", label, time).put("action", action);
        if (!epcs.isEmpty()) {
            ArrayNode list = e.putArray("epcList");
            epcs.forEach(list::add);
        }
        if (!classes.isEmpty()) {
            ArrayNode q = e.putArray("quantityList");
            classes.forEach(c -> q.addObject().put("epcClass", c).put("quantity", 100).put("uom", "KGM"));
        }
        e.put("bizStep", bizStep);
        e.putObject("readPoint").put("id", location);
        e.putObject("bizLocation").put("id", location);
        return e;
    }

    static ObjectNode input(String label, String time, String bizStep, String plot, String product, String kind) {
        ObjectNode e = object(label, time, "OBSERVE", bizStep, plot, List.of(), List.of(product));
        e.putObject("pt:inputApplication").put("pt:kind", kind).put("pt:product", product).put("pt:ratePerHectare", "1.5 L");
        return e;
    }

    static ObjectNode transform(String label, String time, List<String> inputs, List<String> outputs) {
        ObjectNode e = base("TransformationEvent", label, time);
        ArrayNode in = e.putArray("inputQuantityList");
        inputs.forEach(c -> in.addObject().put("epcClass", c).put("quantity", 500).put("uom", "KGM"));
        ArrayNode out = e.putArray("outputQuantityList");
        outputs.forEach(c -> out.addObject().put("epcClass", c).put("quantity", 400).put("uom", "KGM"));
        e.put("bizStep", "creating_class_instance");
        e.putObject("readPoint").put("id", FACTORY);
        return e;
    }

    static ObjectNode commission(String label, String time, List<String> packs, String lot) {
        ObjectNode e = object(label, time, "ADD", "commissioning", FACTORY, packs, List.of());
        e.putObject("ilmd").put("cbvmda:lotNumber", lot);
        return e;
    }

    public static ObjectNode aggregate(String label, String time, String action, String parent, List<String> children,
                                       String location) {
        ObjectNode e = base("AggregationEvent", label, time).put("action", action).put("parentID", parent);
        ArrayNode list = e.putArray("childEPCs");
        children.forEach(list::add);
        e.put("bizStep", action.equals("DELETE") ? "unpacking" : "packing");
        e.putObject("readPoint").put("id", location);
        return e;
    }

    static ObjectNode receive(String label, String time, String location, List<String> epcs) {
        return object(label, time, "OBSERVE", "receiving", location, epcs, List.of());
    }
}
