package org.prooftrail.core.epcis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-hash string of one EPCIS 2.0 event in JSON (CBV 2.0, event hash ID): its fields in CBV 2.0's
 * canonical property order as {@code key=value} pairs concatenated without separators, a list's name
 * once followed by its members sorted, user extensions of an extension point (readPoint, bizLocation,
 * sensorElement, sensorMetadata, sensorReport) sorted after that point's own fields, and everything the
 * order does not name (user extensions at event level) sorted at the end.
 */
final class PreHash {
    /** Fields that are no part of the hash: set after capture, or (errorDeclaration) declared later about it. */
    private static final Set<String> IGNORED = Set.of("type", "eventID", "recordTime", "errorDeclaration", "@context",
            "comment", "rdfs:comment");
    /** Not data: JSON-LD context and comments, wherever they appear. */
    private static final Set<String> IGNORED_IN_OBJECTS = Set.of("@context", "comment", "rdfs:comment");
    private static final String GS1_VOC = "https://gs1.org/voc/";
    private static final String DISP = "https://ref.gs1.org/cbv/Disp-";
    private static final List<String> METADATA = List.of("time", "startTime", "endTime", "deviceID", "deviceMetadata",
            "rawData", "dataProcessingMethod", "bizRules");
    private static final List<String> REPORT = List.of("type", "exception", "deviceID", "deviceMetadata", "rawData",
            "dataProcessingMethod", "time", "microorganism", "chemicalSubstance", "value", "component", "stringValue",
            "booleanValue", "hexBinaryValue", "uriValue", "minValue", "maxValue", "meanValue", "sDev", "percRank",
            "percValue", "uom", "coordinateReferenceSystem");
    private static final Map<String, String> REPORT_TERMS = Map.of("type", GS1_VOC, "exception", GS1_VOC,
            "component", "https://ref.gs1.org/cbv/Comp-");
    /** In canonical order, with the stem of their bare type terms. */
    private static final Map<String, String> PARTY_TERMS = orderedMap("bizTransactionList", "https://ref.gs1.org/cbv/BTT-",
            "sourceList", "https://ref.gs1.org/cbv/SDT-", "destinationList", "https://ref.gs1.org/cbv/SDT-");
    private static final List<String> PLACES = List.of("readPoint", "bizLocation");
    /**
     * Every event member {@link #of} writes in its place in the canonical order; the others are sorted at
     * the end. One set for all events rather than one built per event (this runs for every captured event).
     */
    private static final Set<String> ORDERED = Set.of("eventTime", "eventTimeZoneOffset", "certificationInfo", "epcList",
            "parentID", "inputEPCList", "childEPCs", "quantityList", "childQuantityList", "inputQuantityList", "outputEPCList",
            "outputQuantityList", "action", "transformationID", "bizStep", "disposition", "persistentDisposition", "readPoint",
            "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList", "ilmd");

    private final HashValues values;

    PreHash(Map<String, String> prefixes) {
        this.values = new HashValues(prefixes);
    }

    String of(JsonNode event) {
        StringBuilder b = new StringBuilder("eventType=").append(HashValues.text(event.path("type")));
        leaf(b, event, "eventTime", null);
        leaf(b, event, "eventTimeZoneOffset", null);
        leaf(b, event, "certificationInfo", null);
        epcs(b, event, "epcList");
        leaf(b, event, "parentID", null);
        epcs(b, event, "inputEPCList");
        epcs(b, event, "childEPCs");
        quantities(b, event, "quantityList");
        quantities(b, event, "childQuantityList");
        quantities(b, event, "inputQuantityList");
        epcs(b, event, "outputEPCList");
        quantities(b, event, "outputQuantityList");
        leaf(b, event, "action", null);
        leaf(b, event, "transformationID", null);
        leaf(b, event, "bizStep", "https://ref.gs1.org/cbv/BizStep-");
        leaf(b, event, "disposition", DISP);
        b.append(persistentDisposition(event.get("persistentDisposition")));
        for (String place : PLACES) {
            b.append(place(place, event.get(place)));
        }
        for (Map.Entry<String, String> list : PARTY_TERMS.entrySet()) {
            JsonNode parties = event.get(list.getKey());
            b.append(parties == null ? "" : parties(list.getKey(), parties, list.getValue()));
        }
        b.append(sensorElements(event.get("sensorElementList")));
        JsonNode ilmd = event.get("ilmd");
        b.append(ilmd == null ? "" : String.join("", generic("ilmd", ilmd)));
        List<String> rest = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (IGNORED.contains(f.getKey()) || ORDERED.contains(f.getKey())) {
                continue;
            }
            rest.addAll(generic(values.key(f.getKey()), f.getValue()));
        }
        return b.append(sorted(rest)).toString();
    }

    /** {@code name=value} for a scalar, each value sorted for an array, nothing when absent or empty. */
    private void leaf(StringBuilder b, JsonNode parent, String name, String stem) {
        b.append(sorted(leaves(name, parent.get(name), stem)));
    }

    private List<String> leaves(String name, JsonNode node, String stem) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (node.isArray()) {
            node.forEach(n -> out.addAll(leaves(name, n, stem)));
            return out;
        }
        if (node.isContainerNode()) {
            out.addAll(generic(name, node));
            return out;
        }
        String text = HashValues.text(node);
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        text = lower.contains("time") && !lower.contains("offset") ? HashValues.timestamp(text) : values.canonical(text, stem);
        if (!text.isEmpty()) {
            out.add(name + "=" + text);
        }
        return out;
    }

    private void epcs(StringBuilder b, JsonNode event, String list) {
        JsonNode node = event.get(list);
        List<String> epcs = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(epc -> epcs.addAll(leaves("epc", epc, null)));
        }
        b.append(epcs.isEmpty() ? "" : list + sorted(epcs));
    }

    private void quantities(StringBuilder b, JsonNode event, String list) {
        JsonNode node = event.get(list);
        List<String> elements = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode q : node) {
                String e = fields(q, List.of("epcClass", "quantity", "uom"), Map.of());
                if (!e.isEmpty()) {
                    elements.add("quantityElement" + e);
                }
            }
        }
        b.append(elements.isEmpty() ? "" : list + sorted(elements));
    }

    private String persistentDisposition(JsonNode node) {
        if (node == null || !node.isObject()) {
            return "";
        }
        String inner = fields(node, List.of("set", "unset"), Map.of("set", DISP, "unset", DISP));
        return inner.isEmpty() ? "" : "persistentDisposition" + inner;
    }

    private String place(String name, JsonNode node) {
        if (node == null || !node.isObject()) {
            return "";
        }
        String inner = fields(node, List.of("id"), Map.of());
        return inner.isEmpty() ? "" : name + inner;
    }

    private String sensorElements(JsonNode node) {
        List<String> elements = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                if (!element.isObject()) {
                    continue;
                }
                StringBuilder e = new StringBuilder();
                JsonNode meta = element.get("sensorMetadata");
                if (meta != null && meta.isObject()) {
                    String m = fields(meta, METADATA, Map.of());
                    e.append(m.isEmpty() ? "" : "sensorMetadata" + m);
                }
                List<String> reports = new ArrayList<>();
                JsonNode rs = element.path("sensorReport");
                for (JsonNode r : rs.isArray() ? rs : List.of(rs)) {
                    if (r.isObject()) {
                        String text = fields(r, REPORT, REPORT_TERMS);
                        if (!text.isEmpty()) {
                            reports.add("sensorReport" + text);
                        }
                    }
                }
                e.append(sorted(reports));
                e.append(extensions(element, Set.of("sensorMetadata", "sensorReport")));
                if (!e.isEmpty()) {
                    elements.add("sensorElement" + e);
                }
            }
        }
        return elements.isEmpty() ? "" : "sensorElementList" + sorted(elements);
    }

    /**
     * The named fields of an object in the given order, then its other members (user extensions at that
     * extension point) sorted at the end of it.
     */
    private String fields(JsonNode object, List<String> order, Map<String, String> terms) {
        StringBuilder b = new StringBuilder();
        for (String name : order) {
            b.append(sorted(leaves(name, object.get(name), terms.get(name))));
        }
        return b.append(extensions(object, Set.copyOf(order))).toString();
    }

    private String extensions(JsonNode object, Set<String> known) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!known.contains(f.getKey()) && !IGNORED_IN_OBJECTS.contains(f.getKey())) {
                out.addAll(generic(values.key(f.getKey()), f.getValue()));
            }
        }
        return sorted(out);
    }

    /**
     * A business transaction, source or destination list: each member as its type (expanded from the
     * bare CBV term) and then its value, members sorted.
     */
    private String parties(String list, JsonNode node, String stem) {
        String member = list.substring(0, list.length() - "List".length());
        List<String> members = new ArrayList<>();
        for (JsonNode m : node.isArray() ? node : List.of(node)) {
            if (!m.isObject()) {
                members.addAll(generic(member, m));
                continue;
            }
            StringBuilder b = new StringBuilder();
            b.append(sorted(leaves("type", m.get("type"), stem)));
            b.append(sorted(leaves(member, m.get(member), null)));
            b.append(extensions(m, Set.of("type", member)));
            members.add(b.toString());
        }
        String inner = sorted(members);
        return inner.isEmpty() ? "" : list + inner;
    }

    /**
     * Anything the canonical order does not name: {@code key=value} for a scalar, the key followed by its
     * members' strings (sorted) for an object, one entry per element for an array. An array under a
     * name ending in {@code List} is the key followed by its elements, each under the name without
     * {@code List} (the XML form of such lists, so both forms hash alike).
     */
    private List<String> generic(String key, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            if (key.endsWith("List") && key.length() > 4) {
                String element = key.substring(0, key.length() - 4);
                List<String> inner = new ArrayList<>();
                node.forEach(n -> inner.addAll(generic(element, n)));
                if (!inner.isEmpty()) {
                    out.add(key + sorted(inner));
                }
            } else {
                node.forEach(n -> out.addAll(generic(key, n)));
            }
        } else if (node.isObject()) {
            List<String> inner = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!IGNORED_IN_OBJECTS.contains(f.getKey())) {
                    inner.addAll(generic(values.key(f.getKey()), f.getValue()));
                }
            }
            out.add(key + sorted(inner));
        } else if (node.isNull()) {
            out.add(key);
        } else {
            String text = values.canonical(HashValues.text(node), null);
            out.add(text.isEmpty() ? key : key + "=" + text);
        }
        return out;
    }

    /** Strings sorted by code point, which is the order of their UTF-8 bytes (CBV 2.0's "UTF-8/ASCII code values"). */
    private static String sorted(List<String> parts) {
        if (parts.size() > 1) {
            parts.sort(PreHash::byCodePoint);
        }
        return String.join("", parts);
    }

    private static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static int byCodePoint(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
