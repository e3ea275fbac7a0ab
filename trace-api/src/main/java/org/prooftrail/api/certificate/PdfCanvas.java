package org.prooftrail.api.certificate;

import com.google.zxing.common.BitMatrix;
import com.lowagie.text.Document;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;

/**
 * The label as a one-page PDF of the label's size: vector text in the embedded (subset) CJK font,
 * vector boxes and QR modules, so it prints sharp at any resolution.
 */
final class PdfCanvas implements LabelCanvas {
    private static final double PT_PER_MM = 72 / 25.4;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    private final Document doc;
    private final PdfContentByte cb;
    private final BaseFont font;
    private final float height;

    PdfCanvas(BaseFont font, String title) {
        this.font = font;
        Rectangle page = new Rectangle(pt(CertificateLabel.WIDTH_MM), pt(CertificateLabel.HEIGHT_MM));
        height = page.getHeight();
        doc = new Document(page, 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.addTitle(title);
        doc.addCreator("ProofTrail");
        doc.open();
        cb = writer.getDirectContent();
        cb.setLineWidth(pt(0.25));
    }

    private static float pt(double mm) {
        return (float) (mm * PT_PER_MM);
    }

    private float py(double mm) {
        return height - pt(mm);
    }

    @Override
    public void text(double x, double y, double size, String s) {
        cb.beginText();
        cb.setFontAndSize(font, pt(size));
        cb.setTextMatrix(pt(x), py(y));
        cb.showText(s);
        cb.endText();
    }

    @Override
    public double width(double size, String s) {
        return font.getWidthPoint(s, pt(size)) / PT_PER_MM;
    }

    @Override
    public void box(double x, double y, double side, boolean ticked) {
        cb.rectangle(pt(x), py(y + side), pt(side), pt(side));
        cb.stroke();
        if (ticked) {
            cb.moveTo(pt(x + side * 0.2), py(y + side * 0.55));
            cb.lineTo(pt(x + side * 0.42), py(y + side * 0.8));
            cb.lineTo(pt(x + side * 0.85), py(y + side * 0.2));
            cb.stroke();
        }
    }

    @Override
    public void qr(double x, double y, double side, BitMatrix m) {
        double cell = side / m.getWidth();
        for (int r = 0; r < m.getHeight(); r++) {
            for (int c = 0; c < m.getWidth(); c++) {
                if (m.get(c, r)) {
                    cb.rectangle(pt(x + c * cell), py(y + (r + 1) * cell), pt(cell), pt(cell));
                }
            }
        }
        cb.fill();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        cb.moveTo(pt(x1), py(y1));
        cb.lineTo(pt(x2), py(y2));
        cb.stroke();
    }

    byte[] pdf() {
        doc.close();
        return out.toByteArray();
    }
}
