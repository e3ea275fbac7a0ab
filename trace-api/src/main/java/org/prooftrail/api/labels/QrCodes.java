package org.prooftrail.api.labels;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * QR codes of Digital Link URIs: error correction M (GS1's recommendation for Digital Link on packs),
 * a quiet zone of 4 modules as ISO/IEC 18004 requires. The matrix is one bit per module including
 * the quiet zone; PNG and SVG scale it, and the PDF sheet draws it as vector rectangles.
 */
public final class QrCodes {
    public static final int QUIET_ZONE = 4;
    /** Pixels per module in PNGs: a 25 mm code of a typical Digital Link prints at about 200 dpi. */
    public static final int PNG_SCALE = 5;
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.MARGIN, QUIET_ZONE,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());

    private QrCodes() {
    }

    /** One bit per module, quiet zone included. */
    public static BitMatrix matrix(String uri) {
        try {
            return new QRCodeWriter().encode(uri, BarcodeFormat.QR_CODE, 0, 0, HINTS);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode '" + uri + "' as a QR code: " + e.getMessage(), e);
        }
    }

    /** A 1-bit greyscale PNG (small and fast to write), {@link #PNG_SCALE} pixels per module. */
    public static byte[] png(BitMatrix m) {
        return OneBitPng.of(m, PNG_SCALE);
    }

    /** An SVG, one unit per module, dark runs of each row as one path. */
    public static String svg(BitMatrix m) {
        StringBuilder path = new StringBuilder(4096);
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < m.getWidth() && m.get(x, y)) {
                    x++;
                }
                path.append('M').append(start).append(' ').append(y).append('h').append(x - start).append("v1h-")
                        .append(x - start).append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + ' ' + m.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>\n";
    }
}
