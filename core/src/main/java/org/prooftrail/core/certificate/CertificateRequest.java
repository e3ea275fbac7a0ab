package org.prooftrail.core.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.core.identifiers.Gtin;

/**
 * Reads a request to issue a certificate: what the issuer states, checked field by field. The first
 * fault is named by its JSON path ({@code commitments.residuesWithinLimits}) with what to send instead;
 * the registry checks (known product, own lot) come after, where the database is.
 */
public final class CertificateRequest {
    static final int MAX_TEXT = 200;

    /** What the request states; the issuer, the id and the product's name are added on issue. */
    public record Stated(String gtin, String lot, BigDecimal quantity, String unit, String origin, String producerName,
                         String producerContact, LocalDate issuedOn, List<Basis> basis) {
        public CommitmentCertificate issue(String id, String issuer, String productName) {
            return new CommitmentCertificate(id, issuer, gtin, lot, productName, quantity, unit, origin, producerName,
                    producerContact, issuedOn, basis);
        }
    }

    /** A refused request: the field at fault and why. */
    public static final class Refused extends Exception {
        private final String field;

        Refused(String field, String detail) {
            super(field + ": " + detail);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private CertificateRequest() {
    }

    /** @param today the issuer's date: a certificate is not dated ahead of it */
    public static Stated read(JsonNode body, LocalDate today) throws Refused {
        if (body == null || !body.isObject()) {
            throw new Refused("(body)", "send the certificate as a JSON object");
        }
        String gtinText = text(body, "gtin", 14);
        String gtinProblem = Gtin.problemOfRaw(gtinText);
        if (gtinProblem != null) {
            throw new Refused("gtin", gtinProblem);
        }
        String gtin = Gtin.parse(gtinText).value();
        String lot = text(body, "lot", 20);
        JsonNode q = body.path("quantity");
        if (!q.isNumber() || q.decimalValue().signum() <= 0) {
            throw new Refused("quantity", "give the batch's quantity as a number above 0 (in 'unit')");
        }
        String unit = text(body, "unit", 16);
        String origin = text(body, "origin", MAX_TEXT);
        JsonNode producer = body.path("producer");
        if (!producer.isObject()) {
            throw new Refused("producer", "give the producer as {\"name\": ..., \"contact\": ...}");
        }
        String producerName = text(producer, "name", "producer.name", MAX_TEXT);
        String contact = text(producer, "contact", "producer.contact", 64);
        LocalDate issuedOn;
        String date = text(body, "issuedOn", 10);
        try {
            issuedOn = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new Refused("issuedOn", "'" + date + "' is not a date as YYYY-MM-DD");
        }
        if (issuedOn.isAfter(today)) {
            throw new Refused("issuedOn", issuedOn + " is after today (" + today + "); a certificate is issued "
                    + "for a batch that is ready, not ahead of time");
        }
        checkCommitments(body.path("commitments"));
        List<Basis> basis = basis(body.path("basis"));
        return new Stated(gtin, lot, q.decimalValue(), unit, origin, producerName, contact, issuedOn, basis);
    }

    private static void checkCommitments(JsonNode commitments) throws Refused {
        if (!commitments.isObject()) {
            throw new Refused("commitments", "affirm every commitment of the certificate: " + fields());
        }
        for (Commitment c : Commitment.values()) {
            JsonNode v = commitments.get(c.field());
            if (v == null || !v.isBoolean() || !v.booleanValue()) {
                throw new Refused("commitments." + c.field(), (v == null ? "is missing" : "is " + v)
                        + "; it must be true: a certificate commits to every statement of the template ("
                        + c.text("zh") + " / " + c.text("en") + "). Do not issue a certificate for a batch you cannot commit for");
            }
        }
        for (var it = commitments.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (java.util.Arrays.stream(Commitment.values()).noneMatch(c -> c.field().equals(name))) {
                throw new Refused("commitments." + name, "is not a commitment of the certificate; they are " + fields());
            }
        }
    }

    private static List<Basis> basis(JsonNode array) throws Refused {
        List<String> codes = new ArrayList<>();
        for (Basis b : Basis.values()) {
            codes.add(b.code());
        }
        if (!array.isArray() || array.isEmpty()) {
            throw new Refused("basis", "name what the commitments rest on, one or more of " + codes);
        }
        List<Basis> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String code = array.get(i).asText();
            Basis b = Basis.ofCode(code).orElseThrow(() -> new Refused("basis[" + out.size() + "]",
                    "'" + code + "' is not a basis; use one of " + codes));
            if (!out.contains(b)) {
                out.add(b);
            }
        }
        out.sort(null);
        return out;
    }

    private static String fields() {
        List<String> f = new ArrayList<>();
        for (Commitment c : Commitment.values()) {
            f.add(c.field());
        }
        return String.join(", ", f) + " (each true)";
    }

    private static String text(JsonNode o, String name, int max) throws Refused {
        return text(o, name, name, max);
    }

    private static String text(JsonNode o, String name, String path, int max) throws Refused {
        JsonNode v = o.get(name);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw new Refused(path, "is missing; give it as a non-empty string");
        }
        String s = v.textValue().strip();
        if (s.length() > max) {
            throw new Refused(path, "is " + s.length() + " characters; at most " + max);
        }
        return s;
    }
}
