package org.prooftrail.anchor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.prooftrail.store.envelopes.EpcRow;
import org.prooftrail.store.envelopes.EventRow;
import org.prooftrail.store.envelopes.ReadingRow;

/**
 * Compares the rows stored under one envelope with the rows recomputed from it, column by column,
 * and logs each difference. Rows are matched by content first; what is left is paired by time (readings)
 * or eventID (events), so a changed value is reported as that field, and only what cannot be paired
 * as a missing or unexpected row.
 */
final class RowComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<ReadingRow> BY_TIME = Comparator.comparing(ReadingRow::time);

    private final MismatchLog log;
    private final String device;
    private final Long seq;
    private final long envelopeId;

    RowComparison(MismatchLog log, String device, Long seq, long envelopeId) {
        this.log = log;
        this.device = device;
        this.seq = seq;
        this.envelopeId = envelopeId;
    }

    void readings(List<ReadingRow> derived, List<ReadingRow> stored) {
        if (sameInOrder(derived, stored)) {
            return; // the common case: COPY wrote them in payload order, and a scan reads them back so
        }
        Map<ReadingRow, ArrayDeque<ReadingRow>> byColumns = new HashMap<>();
        for (ReadingRow s : stored) {
            byColumns.computeIfAbsent(columns(s), k -> new ArrayDeque<>()).add(s);
        }
        List<ReadingRow> unmatched = new ArrayList<>();
        for (ReadingRow d : derived) {
            ArrayDeque<ReadingRow> candidates = byColumns.get(columns(d));
            if (candidates == null || !removeSameExtra(candidates, d)) {
                unmatched.add(d);
            }
        }
        List<ReadingRow> leftover = new ArrayList<>();
        byColumns.values().forEach(leftover::addAll);
        if (unmatched.isEmpty() && leftover.isEmpty()) {
            return;
        }
        unmatched.sort(BY_TIME);
        leftover.sort(BY_TIME);
        int paired = Math.min(unmatched.size(), leftover.size());
        for (int i = 0; i < paired; i++) {
            readingFields(leftover.get(i), unmatched.get(i));
        }
        for (ReadingRow d : unmatched.subList(paired, unmatched.size())) {
            add("reading", "time=" + micros(d.time()), "row", Mismatch.ABSENT, describe(d));
        }
        for (ReadingRow s : leftover.subList(paired, leftover.size())) {
            add("reading", "time=" + s.time(), "row", describe(s), Mismatch.ABSENT);
        }
    }

    /** Rows under an id no envelope has. */
    void orphanReadings(List<ReadingRow> stored, long beyondCap) {
        for (ReadingRow s : stored) {
            log.add(s.deviceId(), null, envelopeId, "reading", "time=" + s.time(), "envelope_id", envelopeId, "no such envelope");
        }
        for (long i = 0; i < beyondCap; i++) {
            log.add(device, seq, envelopeId, "reading", null, "row", "one more row under this envelope id", Mismatch.ABSENT);
        }
    }

    /**
     * @return the eventID of the derived event when no row is stored under this envelope: the caller
     *     checks whether another envelope holds it (a repeated eventID is stored once), else null
     */
    String events(EventRow derived, List<EventRow> stored) {
        EventRow match = null;
        if (derived != null) {
            for (EventRow s : stored) {
                if (s.eventId().equals(derived.eventId())) {
                    match = s;
                    break;
                }
            }
            if (match == null && !stored.isEmpty()) {
                match = stored.get(0);
            }
            if (match == null) {
                return derived.eventId();
            }
            eventFields(match, derived);
        }
        for (EventRow s : stored) {
            if (s != match) {
                add("epcis_event", "event_id=" + s.eventId(), "row", s.eventType() + " at " + s.eventTime(),
                        derived == null && seq == null ? "no such envelope" : Mismatch.ABSENT);
            }
        }
        return null;
    }

    /** The event row that should be stored under this envelope is not, nor under any other. */
    void missingEvent(String eventId) {
        add("epcis_event", "event_id=" + eventId, "row", Mismatch.ABSENT, "an event with this eventID");
    }

    private void eventFields(EventRow s, EventRow d) {
        String row = "event_id=" + d.eventId();
        field("epcis_event", row, "event_id", s.eventId(), d.eventId());
        field("epcis_event", row, "hash_id", s.hashId(), d.hashId());
        field("epcis_event", row, "org_id", s.orgId(), d.orgId());
        field("epcis_event", row, "event_type", s.eventType(), d.eventType());
        field("epcis_event", row, "action", s.action(), d.action());
        field("epcis_event", row, "event_time", s.eventTime(), micros(d.eventTime()));
        field("epcis_event", row, "event_time_zone_offset", s.eventTimeZoneOffset(), d.eventTimeZoneOffset());
        field("epcis_event", row, "biz_step", s.bizStep(), d.bizStep());
        field("epcis_event", row, "disposition", s.disposition(), d.disposition());
        field("epcis_event", row, "read_point", s.readPoint(), d.readPoint());
        field("epcis_event", row, "biz_location", s.bizLocation(), d.bizLocation());
        JsonDifference doc = JsonDifference.first("doc", s.doc(), d.doc());
        if (doc != null) {
            add("epcis_event", row, doc.path(), JsonDifference.show(doc.stored()), JsonDifference.show(doc.derived()));
        }
        epcs(row, s.epcs(), d.epcs());
    }

    /**
     * A changed identifier pairs with the missing one of the same role (the same identifier with another
     * key is a changed key); the rest are missing or unexpected rows.
     */
    private void epcs(String row, List<EpcRow> stored, List<EpcRow> derived) {
        Set<EpcRow> extra = new LinkedHashSet<>(stored);
        derived.forEach(extra::remove);
        Set<EpcRow> missing = new LinkedHashSet<>(derived);
        stored.forEach(missing::remove);
        for (Iterator<EpcRow> it = missing.iterator(); it.hasNext(); ) {
            EpcRow m = it.next();
            EpcRow changed = extra.stream().filter(e -> e.role().equals(m.role()) && e.epc().equals(m.epc())).findFirst()
                    .or(() -> extra.stream().filter(e -> e.role().equals(m.role())).findFirst()).orElse(null);
            if (changed != null) {
                extra.remove(changed);
                it.remove();
                if (changed.epc().equals(m.epc())) {
                    add("event_epc", row, "epc_key (" + m.role() + " " + m.epc() + ")", changed.key(), m.key());
                } else {
                    add("event_epc", row, "epc (" + m.role() + ")", changed.epc(), m.epc());
                }
            }
        }
        missing.forEach(m -> add("event_epc", row, "epc (" + m.role() + ")", Mismatch.ABSENT, m.epc()));
        extra.forEach(e -> add("event_epc", row, "epc (" + e.role() + ")", e.epc(), Mismatch.ABSENT));
    }

    private void readingFields(ReadingRow s, ReadingRow d) {
        String row = "time=" + micros(d.time());
        field("reading", row, "time", s.time(), micros(d.time()));
        field("reading", row, "device_id", s.deviceId(), d.deviceId());
        field("reading", row, "temperature_c", s.temperatureC(), d.temperatureC());
        field("reading", row, "humidity_pct", s.humidityPct(), d.humidityPct());
        field("reading", row, "latitude", s.latitude(), d.latitude());
        field("reading", row, "longitude", s.longitude(), d.longitude());
        JsonDifference extra = JsonDifference.first("extra", json(s.extra()), json(d.extra()));
        if (extra != null) {
            add("reading", row, extra.path(), JsonDifference.show(extra.stored()), JsonDifference.show(extra.derived()));
        }
    }

    private void field(String table, String row, String field, Object stored, Object derived) {
        if (!Objects.equals(stored, derived)) {
            add(table, row, field, stored == null ? "null" : stored, derived == null ? "null" : derived);
        }
    }

    private void add(String table, String row, String field, Object stored, Object derived) {
        log.add(device, seq, envelopeId, table, row, field, stored, derived);
    }

    private static boolean sameInOrder(List<ReadingRow> derived, List<ReadingRow> stored) {
        if (derived.size() != stored.size()) {
            return false;
        }
        for (int i = 0; i < derived.size(); i++) {
            ReadingRow d = derived.get(i);
            ReadingRow s = stored.get(i);
            if (!micros(d.time()).equals(s.time()) || !d.deviceId().equals(s.deviceId()) || d.envelopeId() != s.envelopeId()
                    || !Objects.equals(d.temperatureC(), s.temperatureC()) || !Objects.equals(d.humidityPct(), s.humidityPct())
                    || !Objects.equals(d.latitude(), s.latitude()) || !Objects.equals(d.longitude(), s.longitude())
                    || !sameExtra(s, d)) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameExtra(ReadingRow s, ReadingRow d) {
        return Objects.equals(s.extra(), d.extra())
                || (s.extra() != null && d.extra() != null && JsonDifference.first("", json(s.extra()), json(d.extra())) == null);
    }

    private static boolean removeSameExtra(ArrayDeque<ReadingRow> candidates, ReadingRow d) {
        for (Iterator<ReadingRow> it = candidates.iterator(); it.hasNext(); ) {
            ReadingRow s = it.next();
            if (sameExtra(s, d)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** The typed columns (extra aside, which compares as JSON), with the time as PostgreSQL keeps it. */
    private static ReadingRow columns(ReadingRow r) {
        return new ReadingRow(micros(r.time()), r.deviceId(), r.envelopeId(), r.temperatureC(), r.humidityPct(), r.latitude(),
                r.longitude(), null);
    }

    private static String describe(ReadingRow r) {
        return "temperature_c=" + r.temperatureC() + " humidity_pct=" + r.humidityPct() + " latitude=" + r.latitude()
                + " longitude=" + r.longitude() + (r.extra() == null ? "" : " extra=" + r.extra());
    }

    /** timestamptz keeps microseconds, rounding half to even as PostgreSQL's input does. */
    static Instant micros(Instant t) {
        int nanos = t.getNano();
        if (nanos % 1000 == 0) {
            return t;
        }
        long micros = (long) Math.rint(nanos / 1000.0);
        return t.minusNanos(nanos).plusNanos(micros * 1000);
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            return TextNode.valueOf(text);
        }
    }
}
