package org.prooftrail.api.certificate;

import com.google.zxing.common.BitMatrix;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The label as a greyscale PNG at 300 dpi (about 11.8 pixels a millimetre), for label printers. */
final class PngCanvas implements LabelCanvas {
    static final double PX_PER_MM = 300 / 25.4;

    private final BufferedImage image;
    private final Graphics2D g;
    private final Font font;

    PngCanvas(Font font) {
        this.font = font;
        image = new BufferedImage(px(CertificateLabel.WIDTH_MM), px(CertificateLabel.HEIGHT_MM), BufferedImage.TYPE_BYTE_GRAY);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke((float) (0.25 * PX_PER_MM)));
    }

    private static int px(double mm) {
        return (int) Math.round(mm * PX_PER_MM);
    }

    private Font at(double sizeMm) {
        return font.deriveFont((float) (sizeMm * PX_PER_MM));
    }

    @Override
    public void text(double x, double y, double size, String s) {
        g.setFont(at(size));
        g.drawString(s, (float) (x * PX_PER_MM), (float) (y * PX_PER_MM));
    }

    @Override
    public double width(double size, String s) {
        return g.getFontMetrics(at(size)).getStringBounds(s, g).getWidth() / PX_PER_MM;
    }

    @Override
    public void box(double x, double y, double side, boolean ticked) {
        g.draw(new Rectangle2D.Double(x * PX_PER_MM, y * PX_PER_MM, side * PX_PER_MM, side * PX_PER_MM));
        if (ticked) {
            double s = side * PX_PER_MM;
            double ox = x * PX_PER_MM;
            double oy = y * PX_PER_MM;
            g.draw(new Line2D.Double(ox + s * 0.2, oy + s * 0.55, ox + s * 0.42, oy + s * 0.8));
            g.draw(new Line2D.Double(ox + s * 0.42, oy + s * 0.8, ox + s * 0.85, oy + s * 0.2));
        }
    }

    @Override
    public void qr(double x, double y, double side, BitMatrix m) {
        double cell = side * PX_PER_MM / m.getWidth();
        for (int r = 0; r < m.getHeight(); r++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, r)) {
                    // whole pixels, so neighbouring modules meet without grey seams
                    int x0 = (int) Math.round(x * PX_PER_MM + col * cell);
                    int y0 = (int) Math.round(y * PX_PER_MM + r * cell);
                    int x1 = (int) Math.round(x * PX_PER_MM + (col + 1) * cell);
                    int y1 = (int) Math.round(y * PX_PER_MM + (r + 1) * cell);
                    g.fillRect(x0, y0, x1 - x0, y1 - y0);
                }
            }
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
        g.draw(new Line2D.Double(x1 * PX_PER_MM, y1 * PX_PER_MM, x2 * PX_PER_MM, y2 * PX_PER_MM));
    }

    byte[] png() {
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing a PNG to memory", e);
        }
        return out.toByteArray();
    }
}
