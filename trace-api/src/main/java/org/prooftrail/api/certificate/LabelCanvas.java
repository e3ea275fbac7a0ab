package org.prooftrail.api.certificate;

import com.google.zxing.common.BitMatrix;

/**
 * What the certificate label is drawn on, in millimetres from the top left: a PNG or a PDF page.
 * One layout ({@link CertificateLabel}) serves both, so the two never disagree.
 */
interface LabelCanvas {
    /** Text whose baseline is at {@code y}; {@code size} is the font size in millimetres. */
    void text(double x, double y, double size, String s);

    /** The width in millimetres of {@code s} at {@code size}. */
    double width(double size, String s);

    /** A check box of side {@code side}, ticked or not. */
    void box(double x, double y, double side, boolean ticked);

    /** A QR code filling the square of side {@code side}, one cell per module. */
    void qr(double x, double y, double side, BitMatrix m);

    void line(double x1, double y1, double x2, double y2);
}
