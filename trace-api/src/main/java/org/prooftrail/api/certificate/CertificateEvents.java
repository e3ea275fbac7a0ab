package org.prooftrail.api.certificate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.prooftrail.core.certificate.CommitmentCertificate;
import org.prooftrail.core.envelope.EpcisDocuments;
import org.prooftrail.core.envelope.EpcisEvent;
import org.prooftrail.core.identifiers.DigitalLink;
import org.prooftrail.core.identifiers.Gtin;
import org.prooftrail.core.sdjwt.EpcisDisclosurePolicy;

/**
 * Certificates and their receipts as EPCIS 2.0 ObjectEvents (action OBSERVE) on the certified lot, named
 * as a class in the quantity list by its GS1 Digital Link: EPCIS's own {@code certificationInfo} points to
 * the certificate's page, and the certificate itself is the extension member
 * {@code pt:commitmentCertificate} (namespace {@value #NAMESPACE}), so the signed envelope carries every
 * field a buyer or regulator relies on. A receipt is a receiving event (CBV bizStep receiving) with the
 * same certificationInfo and {@code pt:certificateReceipt}. Both pass the same checks as a captured event.
 */
final class CertificateEvents {
    static final String NAMESPACE = "https://prooftrail.org/ns/epcis/";
    static final String CERTIFICATE_MEMBER = "pt:commitmentCertificate";
    static final String RECEIPT_MEMBER = "pt:certificateReceipt";
    /**
     * The issuing event's disclosure policy: every member it has in the clear. A certificate is a
     * published record (its page is public and links this event's proof, which anyone may read and
     * which carries no disclosures), so concealing any of it would only make the proof say less than
     * the page. Receipts keep the default policy: their proofs are their receiver's.
     */
    static final EpcisDisclosurePolicy PUBLISHED = EpcisDisclosurePolicy.defaults().withPublicMember("eventID")
            .withPublicMember("certificationInfo").withPublicMember("quantityList").withPublicMember(CERTIFICATE_MEMBER);
    /** Units that UN/CEFACT Recommendation 20 names, for the quantity list's uom; other units stay in the certificate only. */
    private static final Map<String, String> UOM = Map.of("kg", "KGM", "g", "GRM", "t", "TNE", "公斤", "KGM", "千克", "KGM",
            "克", "GRM", "吨", "TNE");
    /** China Standard Time: certificates are issued there. */
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    /** RFC 3339 with seconds always written (OffsetDateTime.toString leaves out zero seconds). */
    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT);

    private CertificateEvents() {
    }

    static EpcisEvent issued(CommitmentCertificate c, String pageUri, Instant at) {
        ObjectNode e = base(c.gtin(), c.lot(), pageUri, at, "urn:uuid:" + UUID.nameUUIDFromBytes(
                ("prooftrail certificate " + c.id()).getBytes(StandardCharsets.UTF_8)));
        ObjectNode q = (ObjectNode) e.get("quantityList").get(0);
        String uom = UOM.get(c.unit().toLowerCase(Locale.ROOT));
        if (uom != null) {
            q.put("quantity", c.quantity()).put("uom", uom);
        }
        e.set(CERTIFICATE_MEMBER, c.json());
        return valid(e);
    }

    static EpcisEvent received(String certificateId, String gtin, String lot, String pageUri, Instant at, String receiver) {
        ObjectNode e = base(gtin, lot, pageUri, at, "urn:uuid:" + UUID.randomUUID());
        e.put("bizStep", "receiving");
        e.putObject(RECEIPT_MEMBER).put("certificate", certificateId).put("receiver", receiver);
        return valid(e);
    }

    private static ObjectNode base(String gtin, String lot, String pageUri, Instant at, String eventId) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("type", "ObjectEvent").put("eventID", eventId)
                .put("eventTime", TIME.format(at.truncatedTo(ChronoUnit.MILLIS).atOffset(CHINA)))
                .put("eventTimeZoneOffset", "+08:00").put("action", "OBSERVE");
        e.putArray("quantityList").addObject().put("epcClass",
                new DigitalLink(new Gtin(gtin), lot, null).uri(org.prooftrail.core.trace.TraceId.CANONICAL_BASE));
        e.put("certificationInfo", pageUri);
        return e;
    }

    /** Through the capture checks, so these events are exactly as valid as captured ones. */
    private static EpcisEvent valid(ObjectNode event) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.putArray("@context").add("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld")
                .addObject().put("pt", NAMESPACE);
        doc.put("type", "EPCISDocument").put("schemaVersion", "2.0").put("creationDate", event.get("eventTime").asText());
        doc.putObject("epcisBody").putArray("eventList").add(event);
        EpcisDocuments.Verdict v = EpcisDocuments.check(doc.toString().getBytes(StandardCharsets.UTF_8), 1);
        if (v instanceof EpcisDocuments.Valid valid) {
            return valid.events().get(0);
        }
        throw new IllegalStateException("a certificate event failed the EPCIS checks: " + v);
    }
}
