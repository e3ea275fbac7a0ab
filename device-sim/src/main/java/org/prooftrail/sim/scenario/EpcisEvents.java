package org.prooftrail.sim.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Builders of the EPCIS 2.0 events the scenarios send: the shapes that trace and provenance follow
 * (ILMD lot numbers on commissioning, aggregation for cases and pallets, transformation of harvest
 * lots into product lots, input applications on farm plots).
 */
public final class EpcisEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** bizSteps CBV has no word for (planting, input application, harvesting). */
    public static final String VOC = "https://ns.prooftrail.example/voc/bizstep/";

    private EpcisEvents() {
    }

    static ObjectNode base(String type, Instant time) {
        return JSON.createObjectNode().put("type", type).put("eventID", "urn:uuid:" + UUID.randomUUID())
                .put("eventTime", time.toString()).put("eventTimeZoneOffset", "+08:00");
    }

    /** An ObjectEvent naming instances ({@code epcs}) or lots ({@code classes}, 100 kg each) at a place. */
    public static ObjectNode object(Instant time, String action, String bizStep, String disposition, String readPoint,
                                    String bizLocation, List<String> epcs, List<String> classes) {
        ObjectNode e = base("ObjectEvent", time).put("action", action);
        if (!epcs.isEmpty()) {
            ArrayNode list = e.putArray("epcList");
            epcs.forEach(list::add);
        }
        if (!classes.isEmpty()) {
            ArrayNode q = e.putArray("quantityList");
            classes.forEach(c -> q.addObject().put("epcClass", c).put("quantity", 100).put("uom", "KGM"));
        }
        e.put("bizStep", bizStep);
        if (disposition != null) {
            e.put("disposition", disposition);
        }
        e.putObject("readPoint").put("id", readPoint);
        e.putObject("bizLocation").put("id", bizLocation);
        return e;
    }

    /**
     * The event (a shipping) naming {@code destination} (a party's or place's GLN as a URN or Digital
     * Link): the receiver then holds custody, so its events and readings count (docs/custody.md).
     */
    public static ObjectNode shippedTo(ObjectNode shipping, String destination) {
        shipping.putArray("destinationList").addObject().put("type", "owning_party").put("destination", destination);
        return shipping;
    }

    /** Items made: their codes and, in ILMD, the lot they belong to. */
    public static ObjectNode commissioning(Instant time, String place, List<String> items, String lot) {
        ObjectNode e = object(time, "ADD", "commissioning", "active", place, place, items, List.of());
        e.putObject("ilmd").put("cbvmda:lotNumber", lot);
        return e;
    }

    /** Children packed into (ADD) or unpacked from (DELETE) a parent such as a case or a pallet. */
    public static ObjectNode aggregation(Instant time, String action, String parent, List<String> children, String place) {
        ObjectNode e = base("AggregationEvent", time).put("action", action).put("parentID", parent);
        ArrayNode list = e.putArray("childEPCs");
        children.forEach(list::add);
        e.put("bizStep", action.equals("DELETE") ? "unpacking" : "packing");
        e.put("disposition", "in_progress");
        e.putObject("readPoint").put("id", place);
        e.putObject("bizLocation").put("id", place);
        return e;
    }

    /** Input lots consumed, output lots made (harvest lots into product lots). */
    public static ObjectNode transformation(Instant time, String place, List<String> inputs, List<String> outputs) {
        ObjectNode e = base("TransformationEvent", time);
        ArrayNode in = e.putArray("inputQuantityList");
        inputs.forEach(c -> in.addObject().put("epcClass", c).put("quantity", 500).put("uom", "KGM"));
        ArrayNode out = e.putArray("outputQuantityList");
        outputs.forEach(c -> out.addObject().put("epcClass", c).put("quantity", 400).put("uom", "KGM"));
        e.put("bizStep", "creating_class_instance");
        e.putObject("readPoint").put("id", place);
        e.putObject("bizLocation").put("id", place);
        return e;
    }

    /** A pesticide or fertiliser applied to a plot: the product's lot, and what and how much. */
    public static ObjectNode inputApplication(Instant time, String plot, String productLot, String kind, String rate) {
        ObjectNode e = object(time, "OBSERVE", VOC + "input_application", null, plot, plot, List.of(), List.of(productLot));
        e.putObject("pt:inputApplication").put("pt:kind", kind).put("pt:product", productLot).put("pt:ratePerHectare", rate);
        return e;
    }
}
