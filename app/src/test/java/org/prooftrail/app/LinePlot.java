package org.prooftrail.app;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A small two-panel PNG plot (Java2D, headless): achieved throughput against offered load on the
 * left, latency percentiles against offered load on the right. Enough for benchmarks.md; no
 * plotting library to carry.
 */
final class LinePlot {
    record Series(String name, Color color, double[] y) {
    }

    private LinePlot() {
    }

    static void write(Path file, String title, double[] x, String xLabel, List<Series> left, String leftLabel,
                      List<Series> right, String rightLabel) throws IOException {
        int w = 1200;
        int h = 520;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 24);
        panel(g, 60, 50, 500, 400, x, xLabel, left, leftLabel);
        panel(g, 660, 50, 500, 400, x, xLabel, right, rightLabel);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static void panel(Graphics2D g, int x0, int y0, int pw, int ph, double[] x, String xLabel,
                              List<Series> series, String yLabel) {
        double xMax = max(x) * 1.05;
        double yMax = series.stream().mapToDouble(s -> max(s.y())).max().orElse(1) * 1.1;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(235, 235, 235));
        for (int i = 0; i <= 5; i++) {
            int yy = y0 + ph - i * ph / 5;
            g.drawLine(x0, yy, x0 + pw, yy);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, pw, ph);
        for (int i = 0; i <= 5; i++) {
            g.drawString(String.format("%.0f", yMax * i / 5), x0 - 50, y0 + ph - i * ph / 5 + 4);
            g.drawString(String.format("%.0f", xMax * i / 5), x0 + i * pw / 5 - 12, y0 + ph + 16);
        }
        g.drawString(xLabel, x0 + pw / 2 - 60, y0 + ph + 34);
        g.drawString(yLabel, x0, y0 - 6);
        int ly = y0 + 16;
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (int i = 0; i < x.length; i++) {
                if (Double.isNaN(s.y()[i])) {
                    continue;
                }
                int cx = x0 + (int) (x[i] / xMax * pw);
                int cy = y0 + ph - (int) (s.y()[i] / yMax * ph);
                g.fillOval(cx - 3, cy - 3, 6, 6);
                if (px >= 0) {
                    g.drawLine(px, py, cx, cy);
                }
                px = cx;
                py = cy;
            }
            g.drawString(s.name(), x0 + 10, ly);
            ly += 16;
        }
        g.setColor(Color.BLACK);
    }

    private static double max(double[] v) {
        double m = 1e-9;
        for (double d : v) {
            if (!Double.isNaN(d)) {
                m = Math.max(m, d);
            }
        }
        return m;
    }
}
