package org.prooftrail.api.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.common.BitMatrix;
import java.util.ArrayList;
import java.util.List;
import org.prooftrail.api.labels.QrCodes;
import org.prooftrail.core.certificate.Basis;
import org.prooftrail.core.certificate.Commitment;
import org.prooftrail.core.certificate.CommitmentCertificate;

/**
 * The certificate's printable label (100 x 70 mm), in Chinese as the official template is: title,
 * product, lot, quantity, origin, producer and contact, date, the commitments and the basis as ticked
 * boxes, and a QR code of the certificate's public page with its number. Long values wrap, at most two lines each.
 */
final class CertificateLabel {
    static final double WIDTH_MM = 100;
    static final double HEIGHT_MM = 70;
    private static final double MARGIN = 4;
    private static final double SIZE = 2.9;
    private static final double LEADING = 4.0;
    private static final double QR = 26;

    private CertificateLabel() {
    }

    static void draw(LabelCanvas c, JsonNode x, String pageUri) {
        CertificateText t = CertificateText.of("zh");
        double title = 5.2;
        String heading = t.get("title");
        c.text((WIDTH_MM - c.width(title, heading)) / 2, MARGIN + title, title, heading);
        c.line(MARGIN, MARGIN + title + 1.8, WIDTH_MM - MARGIN, MARGIN + title + 1.8);
        double y = MARGIN + title + 1.8 + LEADING + 0.4;
        double right = WIDTH_MM - MARGIN - QR - 2;
        y = field(c, t.get("product"), x.path("productName").asText(), y, right);
        y = field(c, t.get("lot"), x.path("lot").asText(), y, right);
        y = field(c, t.get("quantity"), x.path("quantity").asText() + " " + x.path("unit").asText(), y, right);
        y = field(c, t.get("origin"), x.path("origin").asText(), y, right);
        y = field(c, t.get("producer"), x.path("producer").path("name").asText(), y, right);
        y = field(c, t.get("contact"), x.path("producer").path("contact").asText(), y, right);
        y = field(c, t.get("issuedOn"), x.path("issuedOn").asText(), y, right);
        c.text(MARGIN, y, SIZE, t.get("commit"));
        y += LEADING;
        for (Commitment k : Commitment.values()) {
            c.box(MARGIN, y - SIZE * 0.85, SIZE * 0.85, x.path("commitments").path(k.field()).asBoolean(false));
            c.text(MARGIN + SIZE + 0.6, y, SIZE, k.text("zh"));
            y += LEADING;
        }
        String label = t.get("basis") + "：";
        c.text(MARGIN, y, SIZE, label);
        double bx = MARGIN + c.width(SIZE, label);
        List<Basis> basis = CommitmentCertificate.basisOf(x);
        for (Basis b : Basis.values()) {
            double w = SIZE + 0.6 + c.width(SIZE, b.text("zh")) + 1.5;
            if (bx + w > WIDTH_MM - MARGIN) {
                y += LEADING;
                bx = MARGIN + c.width(SIZE, label);
            }
            c.box(bx, y - SIZE * 0.85, SIZE * 0.85, basis.contains(b));
            c.text(bx + SIZE + 0.6, y, SIZE, b.text("zh"));
            bx += w;
        }
        BitMatrix m = QrCodes.matrix(pageUri);
        double qx = WIDTH_MM - MARGIN - QR;
        double qy = MARGIN + title + 3;
        c.qr(qx, qy, QR, m);
        String scan = t.get("scan");
        c.text(qx + (QR - c.width(2.6, scan)) / 2, qy + QR + 3, 2.6, scan);
        // the number too, for whoever checks without a phone
        String number = x.path("id").asText();
        c.text(qx + (QR - c.width(2.2, number)) / 2, qy + QR + 6.5, 2.2, number);
    }

    /** "name：value", the value wrapped within {@code right}; returns the next baseline. */
    private static double field(LabelCanvas c, String name, String value, double y, double right) {
        String head = name + "：";
        c.text(MARGIN, y, SIZE, head);
        double x = MARGIN + c.width(SIZE, head);
        List<String> lines = wrap(c, value, right - x, 2);
        for (String l : lines) {
            c.text(x, y, SIZE, l);
            y += LEADING;
        }
        return lines.isEmpty() ? y + LEADING : y;
    }

    /** Greedy wrap by characters (Chinese has no spaces to break at); the last line ends in '…' when cut. */
    static List<String> wrap(LabelCanvas c, String s, double width, int maxLines) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < s.length() && lines.size() < maxLines) {
            int end = start + 1;
            while (end < s.length() && c.width(SIZE, s.substring(start, end + 1)) <= width) {
                end++;
            }
            String line = s.substring(start, end);
            if (lines.size() == maxLines - 1 && end < s.length()) {
                while (line.length() > 1 && c.width(SIZE, line + "…") > width) {
                    line = line.substring(0, line.length() - 1);
                }
                line += "…";
            }
            lines.add(line);
            start = end;
        }
        return lines;
    }
}
