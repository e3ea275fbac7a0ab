package org.prooftrail.api.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.prooftrail.api.console.TraceCodeReading.Form;
import org.prooftrail.core.identifiers.ChinaDrugCode;
import org.prooftrail.core.trace.TraceId;

/** The search box's reading of every way a code is written, and of malformed ones. */
class TraceCodeReadingTest {
    private static final String GTIN = "09506000134352";
    private static final String ITEM_KEY = "https://id.gs1.org/01/" + GTIN + "/21/S1";
    private static final String LOT_KEY = "https://id.gs1.org/01/" + GTIN + "/10/L1";

    private static TraceCodeReading read(String q) {
        return TraceCodeReading.read(q, null, null);
    }

    @Test
    void digitalLinkUrlAndPathReadAsTheSameItem() {
        TraceCodeReading url = read("  https://example.com/dl/01/" + GTIN + "/10/L1/21/S1 ");
        assertEquals(Form.DIGITAL_LINK_URL, url.form());
        assertEquals(ITEM_KEY, url.id().key());
        assertEquals("L1", url.id().lot());
        TraceCodeReading path = read("01/" + GTIN + "/10/L1/21/S1");
        assertEquals(Form.DIGITAL_LINK_PATH, path.form());
        assertEquals("/01/" + GTIN + "/10/L1/21/S1", path.code());
        assertEquals(ITEM_KEY, path.id().key());
        assertTrue(path.explain(Lang.EN).contains("serial S1 of GTIN " + GTIN + ", lot L1"), path.explain(Lang.EN));
        assertTrue(path.explain(Lang.ZH).contains("序列号 S1"), path.explain(Lang.ZH));
    }

    @Test
    void gtinAndLotInOneBoxOrTwoFields() {
        for (TraceCodeReading r : new TraceCodeReading[] {read(GTIN + " L1"), read(GTIN + "/L1"),
                TraceCodeReading.read("", GTIN, " L1 "), read("9506000134352 L1")}) {
            assertEquals(Form.GTIN_LOT, r.form());
            assertEquals(GTIN + "/L1", r.code());
            assertEquals(LOT_KEY, r.id().key());
        }
        TraceCodeReading bad = read("09506000134353 L1");
        assertFalse(bad.traceable());
        assertTrue(bad.problem().contains("check digit"), bad.problem());
        assertTrue(read(GTIN).problem().contains("lot"));
        assertTrue(TraceCodeReading.read(null, GTIN, "").problem().contains("lot"));
    }

    @Test
    void chinaCodeIsPassedOnForTheApiToResolve() {
        String code = ChinaDrugCode.issue("8612345").value();
        TraceCodeReading r = read(code);
        assertEquals(Form.CHINA_CODE, r.form());
        assertEquals(code, r.code());
        assertNull(r.id());
        assertTrue(r.explain(Lang.EN).contains("drug identifier 8612345"), r.explain(Lang.EN));
        assertTrue(r.explain(Lang.ZH).contains("药品标识 8612345"));
    }

    @Test
    void epcUrnsKeepTheirSpelling() {
        TraceCodeReading sgtin = read("urn:epc:id:sgtin:4098765.022222.1001");
        assertEquals(Form.EPC_URN, sgtin.form());
        assertEquals("urn:epc:id:sgtin:4098765.022222.1001", sgtin.code());
        assertEquals(TraceId.Kind.ITEM, sgtin.id().kind());
        assertEquals(TraceId.Kind.LOT, read("urn:epc:class:lgtin:4098765.022222.P1").id().kind());
        TraceCodeReading sscc = read("urn:epc:id:sscc:4098765.0000000001");
        assertEquals(TraceId.Kind.CONTAINER, sscc.id().kind());
        assertTrue(sscc.explain(Lang.EN).contains("SSCC " + sscc.id().serial()));
        TraceCodeReading broken = read("urn:epc:id:sgtin:4098765.022222");
        assertFalse(broken.traceable());
        assertTrue(broken.problem().contains("3 parts"), broken.problem());
    }

    @Test
    void elementStringBecomesADigitalLinkPath() {
        TraceCodeReading r = read("(01)" + GTIN + "(17)271231(10)L/1(21)S1");
        assertEquals(Form.ELEMENT_STRING, r.form());
        assertEquals("/01/" + GTIN + "/10/L%2F1/21/S1", r.code());
        assertEquals("L/1", r.id().lot());
        assertFalse(read("(01)" + GTIN + "junk(10)").traceable());
    }

    @Test
    void otherTextIsNotACode() {
        assertEquals(Form.UNKNOWN, read("hello world").form());
        assertFalse(read("").traceable());
        assertFalse(read("https://example.com/products/42").traceable());
        assertFalse(read("/01/" + GTIN).traceable(), "a product alone is not traced");
    }
}
