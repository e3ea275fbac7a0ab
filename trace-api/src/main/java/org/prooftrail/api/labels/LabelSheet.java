package org.prooftrail.api.labels;

import com.google.zxing.common.BitMatrix;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.OutputStream;
import org.prooftrail.store.registry.Item;
import org.prooftrail.store.registry.Items;
import org.prooftrail.store.registry.Lot;

/**
 * A print-ready A4 sheet: 3 x 8 labels a page, each a QR code (a 1-bit image, one pixel per
 * module) beside the GTIN, lot, serial and expiry in text, with hairline cut marks. OpenPDF writes each finished page to the stream, so a 100,000-item
 * lot is never held in memory.
 */
final class LabelSheet {
    static final int COLUMNS = 3;
    static final int ROWS = 8;
    static final int PER_PAGE = COLUMNS * ROWS;
    private static final float MARGIN = 20f;
    private static final float PAD = 4f;
    private static final float VALUE_SIZE = 7.5f;
    private static final float CAPTION_SIZE = 5.5f;

    private final BaseFont font;
    private final float cellWidth;
    private final float cellHeight;
    private final Rectangle page = PageSize.A4;

    private LabelSheet() throws Exception {
        font = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        cellWidth = (page.getWidth() - 2 * MARGIN) / COLUMNS;
        cellHeight = (page.getHeight() - 2 * MARGIN) / ROWS;
    }

    /** Writes the whole PDF and closes {@code out} when done (not on failure). */
    static void write(Items items, Lot lot, OutputStream out) throws Exception {
        new LabelSheet().render(items, lot, out);
    }

    private void render(Items items, Lot lot, OutputStream out) throws Exception {
        Document doc = new Document(page, 0, 0, 0, 0);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        doc.addTitle("Labels of lot " + lot.lot() + " of GTIN " + lot.gtin());
        doc.addCreator("ProofTrail");
        doc.open();
        PdfContentByte cb = writer.getDirectContent();
        int[] n = {0};
        new LabelRenderer<>(item -> QrCodes.matrix(item.digitalLink())).run(items, lot, (item, matrix) -> {
            int slot = n[0]++ % PER_PAGE;
            if (slot == 0 && n[0] > 1) {
                doc.newPage();
            }
            float x = MARGIN + (slot % COLUMNS) * cellWidth;
            float y = page.getHeight() - MARGIN - (slot / COLUMNS + 1) * cellHeight;
            label(cb, x, y, lot, item, matrix);
        });
        doc.close(); // also closes out, which ends the response
    }

    private void label(PdfContentByte cb, float x, float y, Lot lot, Item item, BitMatrix m) throws DocumentException {
        cb.setLineWidth(0.2f);
        cb.setColorStroke(Color.LIGHT_GRAY);
        cb.rectangle(x, y, cellWidth, cellHeight);
        cb.stroke();

        float qr = cellHeight - 2 * PAD;
        float top = y + PAD + qr;
        cb.addImage(qrImage(m), qr, 0, 0, qr, x + PAD, y + PAD);

        float textX = x + PAD + qr + PAD;
        float width = x + cellWidth - PAD - textX;
        float line = top - CAPTION_SIZE - 2;
        String[][] fields = {
            {"GTIN (01)", lot.gtin()},
            {"LOT (10)", lot.lot()},
            {"SERIAL (21)", item.serial()},
            {"EXPIRY (17)", lot.expiresOn() == null ? "-" : lot.expiresOn().toString()},
        };
        for (String[] f : fields) {
            text(cb, f[0], textX, line, CAPTION_SIZE, width, Color.GRAY);
            line -= VALUE_SIZE + 2;
            text(cb, f[1], textX, line, VALUE_SIZE, width, Color.BLACK);
            line -= CAPTION_SIZE + 6;
        }
    }

    /**
     * The matrix as a 1-bit image, one pixel per module: viewers and printers scale it without
     * smoothing (no /Interpolate), so modules stay sharp squares. OpenPDF stores 1-bit images as
     * CCITT G4 with BlackIs1, so a set bit is a dark module (an inverted code would not scan).
     */
    private static Image qrImage(BitMatrix m) throws DocumentException {
        int stride = (m.getWidth() + 7) / 8;
        byte[] bits = new byte[stride * m.getHeight()];
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    bits[y * stride + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return Image.getInstance(m.getWidth(), m.getHeight(), 1, 1, bits);
    }

    /** Shrinks the size when the text would not fit the label's width (long lots). */
    private void text(PdfContentByte cb, String s, float x, float y, float size, float width, Color color) {
        float fitted = Math.min(size, width / Math.max(1f, font.getWidthPoint(s, 1f)));
        cb.beginText();
        cb.setColorFill(color);
        cb.setFontAndSize(font, fitted);
        cb.setTextMatrix(x, y);
        cb.showText(s);
        cb.endText();
    }
}
