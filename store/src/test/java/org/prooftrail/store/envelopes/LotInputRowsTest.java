package org.prooftrail.store.envelopes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prooftrail.core.trace.TraceId;

class LotInputRowsTest {
    private static EventRow transformation(List<EpcRow> epcs) {
        return new EventRow("urn:uuid:x", null, 1, "org", "TransformationEvent", null, Instant.EPOCH, "+08:00", null, null, null,
                null, JsonNodeFactory.instance.objectNode(), epcs);
    }

    @Test
    void lotsAreReadFromAnySpellingOnceEachAndItemsAreLeftOut() {
        EventRow e = transformation(List.of(
                new EpcRow("urn:epc:class:lgtin:6901234.000001.H1", "input"),
                new EpcRow("https://id.gs1.org/01/06901234000016/10/H1", "input"),
                new EpcRow("https://example.com/01/06907777000018/10/B1", "input"),
                new EpcRow("urn:epc:id:sgtin:6901234.000001.77", "input"),
                new EpcRow("urn:epc:class:lgtin:6905555.000001.MIX1", "output"),
                new EpcRow("urn:epc:class:lgtin:6905555.000001.MIX1", "quantity")));
        assertEquals(List.of("H1", "B1"), LotInputRows.lots(e, "input").stream().map(TraceId::lot).toList());
        assertEquals(List.of("06901234000016", "06907777000018"),
                LotInputRows.lots(e, "input").stream().map(TraceId::gtin).toList());
        assertEquals(List.of("MIX1"), LotInputRows.lots(e, "output").stream().map(TraceId::lot).toList());
    }
}
