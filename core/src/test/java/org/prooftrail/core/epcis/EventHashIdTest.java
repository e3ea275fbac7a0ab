package org.prooftrail.core.epcis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventHashIdTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = """
            {"type": "ObjectEvent", "eventTime": "2024-05-01T10:00:00+02:00", "eventTimeZoneOffset": "+02:00",
             "epcList": ["urn:epc:id:sgtin:0614141.107346.2018", "urn:epc:id:sgtin:0614141.107346.2017"],
             "action": "OBSERVE", "bizStep": "shipping", "readPoint": {"id": "urn:epc:id:sgln:0614141.07346.1234"},
             "bizTransactionList": [{"type": "po", "bizTransaction": "urn:epcglobal:cbv:bt:0614141073467:PO1"}],
             "ilmd": {"cbvmda:lotNumber": "L1"}}""";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void anotherSpellingOfTheSameEventHasTheSameId() throws Exception {
        EventHashId a = EventHashId.of(json(EVENT));
        // other member order, list order, offset spelling, CBV URNs, Digital Links for the EPC URNs, an eventID and recordTime
        EventHashId b = EventHashId.of(json("""
                {"ilmd": {"urn:epcglobal:cbv:mda:lotNumber": "L1"}, "eventID": "urn:uuid:1", "recordTime": "2024-06-01T00:00:00Z",
                 "readPoint": {"id": "https://example.com/414/0614141073467/254/1234?x=1"},
                 "bizTransactionList": [{"bizTransaction": "urn:epcglobal:cbv:bt:0614141073467:PO1", "type": "urn:epcglobal:cbv:btt:po"}],
                 "bizStep": "urn:epcglobal:cbv:bizstep:shipping", "action": "OBSERVE",
                 "epcList": ["https://id.gs1.org/01/10614141073464/21/2017", "https://id.gs1.org/01/10614141073464/21/2018"],
                 "eventTimeZoneOffset": "+02:00", "eventTime": "2024-05-01T08:00:00.000Z", "type": "ObjectEvent"}"""));
        assertEquals(a.preHash(), b.preHash());
        assertEquals(a.uri(), b.uri());
        assertTrue(a.preHash().startsWith("eventType=ObjectEventeventTime=2024-05-01T08:00:00.000ZeventTimeZoneOffset=+02:00epcList"
                + "epc=https://id.gs1.org/01/10614141073464/21/2017epc=https://id.gs1.org/01/10614141073464/21/2018action=OBSERVE"
                + "bizStep=https://ref.gs1.org/cbv/BizStep-shippingreadPointid=https://id.gs1.org/414/0614141073467/254/1234"
                + "bizTransactionListtype=https://ref.gs1.org/cbv/BTT-pobizTransaction=urn:epcglobal:cbv:bt:0614141073467:PO1"
                + "ilmd{urn:epcglobal:cbv:mda:}lotNumber=L1"), a.preHash());
        assertTrue(EventHashId.looksLikeOne(a.uri()), a.uri());
    }

    @Test
    void anyChangeOfContentChangesTheId() throws Exception {
        String base = EventHashId.of(json(EVENT)).uri();
        for (String[] change : new String[][] {{"2017\"", "2019\""}, {"shipping", "receiving"}, {"OBSERVE", "ADD"},
                {"\"L1\"", "\"L2\""}, {"10:00:00+02", "10:00:00.001+02"}, {"\"+02:00\"", "\"+01:00\""}}) {
            assertNotEquals(base, EventHashId.of(json(EVENT.replace(change[0], change[1]))).uri(), change[0]);
        }
        assertNotEquals(base, EventHashId.of(json(EVENT.replace("\"action\"", "\"example:note\": \"x\", \"action\""))).uri());
    }

    @Test
    void errorDeclarationsDoNotChangeTheId() throws Exception {
        String base = EventHashId.of(json(EVENT)).uri();
        String declared = EVENT.replace("\"action\"", "\"errorDeclaration\": {\"declarationTime\": \"2024-05-02T00:00:00Z\", "
                + "\"reason\": \"incorrect_data\"}, \"action\"");
        assertEquals(base, EventHashId.of(json(declared)).uri());
    }

    @Test
    void extensionNamesUseTheNamespaceOfTheirPrefix() throws Exception {
        String event = "{\"type\": \"ObjectEvent\", \"eventTime\": \"2024-05-01T10:00:00Z\", \"eventTimeZoneOffset\": \"+00:00\","
                + " \"action\": \"OBSERVE\", \"ex:temp\": {\"ex:max\": 8.50, \"ex:min\": \"2.0\"}, \"ex:tags\": [\"b\", \"a\"]}";
        String fromDocument = EventHashId.of(json(event), Map.of("ex", "https://ns.example.com/")).preHash();
        String own = EventHashId.of(json(event.replace("{\"type\"", "{\"@context\": [{\"ex\": \"https://ns.example.com/\"}], \"type\"")))
                .preHash();
        assertEquals(fromDocument, own);
        assertTrue(fromDocument.endsWith("action=OBSERVE{https://ns.example.com/}tags=a{https://ns.example.com/}tags=b"
                + "{https://ns.example.com/}temp{https://ns.example.com/}max=8.5{https://ns.example.com/}min=2"), fromDocument);
        // without a definition the prefix is hashed as written
        assertTrue(EventHashId.of(json(event)).preHash().contains("ex:temp"));
    }

    @Test
    void sensorReportsAreSortedWithTheirExtensionsLast() throws Exception {
        String event = """
                {"type": "ObjectEvent", "eventTime": "2024-05-01T10:00:00Z", "eventTimeZoneOffset": "+00:00", "action": "OBSERVE",
                 "sensorElementList": [{"sensorReport": [{"uom": "CEL", "value": 5.0, "type": "Temperature"},
                   {"type": "gs1:Humidity", "value": 40, "booleanValue": true, "ex:note": "n"}],
                   "sensorMetadata": {"deviceID": "urn:epc:id:giai:4000001.111", "time": "2024-05-01T09:59:59.99951Z"}}]}""";
        assertEquals("eventType=ObjectEventeventTime=2024-05-01T10:00:00.000ZeventTimeZoneOffset=+00:00action=OBSERVE"
                + "sensorElementListsensorElementsensorMetadatatime=2024-05-01T10:00:00.000ZdeviceID=https://id.gs1.org/8004/4000001111"
                + "sensorReporttype=https://gs1.org/voc/Humidityvalue=40booleanValue=true{https://ns.example.com/}note=n"
                + "sensorReporttype=https://gs1.org/voc/Temperaturevalue=5uom=CEL",
                EventHashId.of(json(event), Map.of("ex", "https://ns.example.com/")).preHash());
    }

    @Test
    void hugeExponentsAreHashedWithoutWritingOutTheirDigits() throws Exception {
        String event = "{\"type\": \"ObjectEvent\", \"eventTime\": \"2024-05-01T10:00:00Z\", \"eventTimeZoneOffset\": \"+00:00\","
                + " \"action\": \"OBSERVE\", \"ex:a\": 1e999999999, \"ex:b\": \"2.50e999999999\", \"ex:c\": \"1e99999999999\","
                + " \"ex:d\": 1.0e3, \"ex:e\": \"-0.0\"}";
        String preHash = EventHashId.of(json(event)).preHash();
        assertTrue(preHash.length() < 400, preHash);
        assertTrue(preHash.endsWith("ex:a=Infinityex:b=2.5E+999999999ex:c=1e99999999999ex:d=1000ex:e=0"), preHash);
    }

    @ParameterizedTest
    @CsvSource({
        "2023-01-18T11:04:03.1415Z, 2023-01-18T11:04:03.142Z",
        "2023-01-18T11:04:03.1414999Z, 2023-01-18T11:04:03.141Z",
        "2023-12-31T23:59:59.9996Z, 2024-01-01T00:00:00.000Z",
        "2023-01-18T11:04:03+08:00, 2023-01-18T03:04:03.000Z",
        "2023-01-18T00:30:00.5-02:30, 2023-01-18T03:00:00.500Z",
        "not a time, not a time"})
    void timestampsAreUtcMillisRoundedOnTheFourthDecimal(String in, String out) {
        assertEquals(out, HashValues.timestamp(in));
    }

    @ParameterizedTest
    @CsvSource({
        "urn:epc:id:sgtin:0614141.107346.2017, https://id.gs1.org/01/10614141073464/21/2017",
        "urn:epc:id:sgtin:4012345.011111.A%2FB(1), https://id.gs1.org/01/04012345111118/21/A%2FB%281%29",
        "urn:epc:class:lgtin:4012345.012345.998877, https://id.gs1.org/01/04012345123456/10/998877",
        "urn:epc:idpat:sgtin:4012345.012345.*, https://id.gs1.org/01/04012345123456",
        "urn:epc:id:sscc:4012345.0000000333, https://id.gs1.org/00/040123450000003338",
        "urn:epc:id:sgln:4012345.00011.987, https://id.gs1.org/414/4012345000115/254/987",
        "urn:epc:id:sgln:4012345.00005.0, https://id.gs1.org/414/4012345000054",
        "urn:epc:id:pgln:4012345.00000, https://id.gs1.org/417/4012345000009",
        "urn:epc:id:grai:4012345.55555.987, https://id.gs1.org/8003/04012345555554987",
        "urn:epc:id:giai:4000001.111, https://id.gs1.org/8004/4000001111",
        "urn:epc:id:gdti:4012345.55555.1234, https://id.gs1.org/253/40123455555541234",
        "urn:epc:id:gsrn:4012345.9876540000, https://id.gs1.org/8018/401234598765400000",
        "urn:epc:id:itip:4012345.012345.01.02.999, https://id.gs1.org/8006/040123451234560102/21/999",
        "urn:epc:id:cpi:4012345.ABC.123, https://id.gs1.org/8010/4012345ABC/8011/123",
        "https://example.com/gtin/9521234543213/lot/L1/ser/S1?17=250101, https://id.gs1.org/01/09521234543213/21/S1",
        "https://id.gs1.org/01/09521234543213/22/V1/10/L1, https://id.gs1.org/01/09521234543213/10/L1",
        "https://brand.example/shop/01/09521234543213, https://id.gs1.org/01/09521234543213"})
    void identifiersBecomeConstrainedCanonicalDigitalLinks(String in, String out) {
        assertEquals(out, CanonicalDigitalLink.of(in).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"urn:epc:id:sgtin:0614141.10734.2017", "urn:epc:id:unknown:1.2.3", "https://example.com/page/1234",
        "urn:uuid:6f1a6b62-6b39-4b7c-9a55-5b36fcf3a0a1", "geo:47.5,11.1",
        // an escape that is not one, a character TDS does not allow, digits other than ASCII ones
        "urn:epc:id:sgtin:4012345.011111.A%2GB", "urn:epc:id:sgtin:4012345.011111.A%2", "urn:epc:id:sgtin:4012345.011111.A/B",
        "urn:epc:id:sgtin:4012345.01111\u0661.1", "urn:epc:id:sscc:4012345.\u0660000000333", "urn:epc:id:cpi:4012345.ABC.1x"})
    void otherUrisStayAsTheyAre(String in) {
        assertFalse(CanonicalDigitalLink.of(in).isPresent(), in);
    }

    @Test
    void codePointOrderIsUtf8ByteOrder() {
        // U+FF5E comes before U+1F600 in UTF-8 byte order, after it in UTF-16 unit order (String.compareTo)
        assertTrue(PreHash.byCodePoint("\uFF5E", "\uD83D\uDE00") < 0);
        assertTrue(PreHash.byCodePoint("a", "ab") < 0);
        assertTrue(PreHash.byCodePoint("Z", "a") < 0);
    }
}
