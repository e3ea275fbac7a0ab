package org.prooftrail.api.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.prooftrail.core.coldchain.ColdChainRule;
import org.prooftrail.core.coldchain.Excursion;
import org.prooftrail.core.coldchain.Sample;
import org.prooftrail.core.coldchain.Series;

/**
 * The temperature chart as inline SVG, drawn on the server: the allowed band, each device's line
 * (reduced to the minimum and maximum of each pixel column, so no excursion peak is lost) and the
 * excursions shaded. Presentation attributes only: the page's CSP allows no inline styles.
 */
public final class TemperatureChart {
    static final int W = 340;
    static final int H = 150;
    private static final int LEFT = 30;
    private static final int BOTTOM = 18;
    private static final int TOP = 6;
    private static final String[] COLOURS = {"#1f5fa8", "#7a3fa0", "#00838f", "#5d4037"};
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx", Locale.ROOT);

    private TemperatureChart() {
    }

    /** Null when there is nothing to draw; the time axis is labelled in {@code zone}. */
    public static String svg(List<Series> series, ColdChainRule rule, List<Excursion> excursions, String title,
                             ZoneOffset zone) {
        List<Sample> all = series.stream().flatMap(s -> s.samples().stream()).toList();
        if (all.isEmpty()) {
            return null;
        }
        long t0 = all.stream().map(Sample::time).min(Instant::compareTo).orElseThrow().toEpochMilli();
        long t1 = Math.max(t0 + 1, all.stream().map(Sample::time).max(Instant::compareTo).orElseThrow().toEpochMilli());
        double lo = all.stream().mapToDouble(Sample::temperatureC).min().orElseThrow();
        double hi = all.stream().mapToDouble(Sample::temperatureC).max().orElseThrow();
        if (rule.minC() != null) {
            lo = Math.min(lo, rule.minC());
            hi = Math.max(hi, rule.minC());
        }
        if (rule.maxC() != null) {
            hi = Math.max(hi, rule.maxC());
            lo = Math.min(lo, rule.maxC());
        }
        lo = Math.floor(lo - 1);
        hi = Math.ceil(hi + 1);
        Scale sc = new Scale(t0, t1, lo, hi);
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-label=\"").append(Html.esc(title)).append("\" class=\"chart\">");
        b.append("<title>").append(Html.esc(title)).append("</title>");
        if (rule.hasBand()) {
            double yTop = sc.y(rule.maxC() == null ? hi : rule.maxC());
            double yBottom = sc.y(rule.minC() == null ? lo : rule.minC());
            b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#dff0d8\"/>",
                    LEFT, yTop, W - LEFT, Math.max(0, yBottom - yTop)));
            if (rule.maxC() != null) {
                label(b, sc, rule.maxC());
            }
            if (rule.minC() != null) {
                label(b, sc, rule.minC());
            }
        }
        for (Excursion x : excursions) {
            double xa = sc.x(x.start().toEpochMilli());
            double xb = Math.max(xa + 2, sc.x(x.end().toEpochMilli()));
            b.append(String.format(Locale.ROOT, "<rect class=\"exc\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#d32f2f\" fill-opacity=\"0.25\"/>", xa, TOP, xb - xa, H - BOTTOM - TOP));
        }
        int i = 0;
        for (Series s : series) {
            if (s.samples().isEmpty()) {
                continue;
            }
            b.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(COLOURS[i++ % COLOURS.length])
                    .append("\" points=\"").append(points(s.samples(), sc)).append("\"/>");
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                LEFT, H - BOTTOM, W, H - BOTTOM));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#555\">%s</text>",
                LEFT, H - 5, LABEL.format(Instant.ofEpochMilli(t0).atOffset(zone))));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\" fill=\"#555\" text-anchor=\"end\">%s</text>",
                W - 2, H - 5, LABEL.format(Instant.ofEpochMilli(t1).atOffset(zone)) + " (" + OFFSET.format(zone) + ")"));
        return b.append("</svg>").toString();
    }

    private static void label(StringBuilder b, Scale sc, double c) {
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" fill=\"#2e7d32\" text-anchor=\"end\">%s°</text>",
                LEFT - 3, sc.y(c) + 3, trim(c)));
    }

    /** Min and max per pixel column, in time order. */
    private static String points(List<Sample> samples, Scale sc) {
        List<double[]> pts = new ArrayList<>();
        int column = Integer.MIN_VALUE;
        Sample min = null;
        Sample max = null;
        for (Sample s : samples) {
            int col = (int) sc.x(s.time().toEpochMilli());
            if (col != column && min != null) {
                add(pts, sc, min, max);
                min = null;
                max = null;
            }
            column = col;
            min = min == null || s.temperatureC() < min.temperatureC() ? s : min;
            max = max == null || s.temperatureC() > max.temperatureC() ? s : max;
        }
        if (min != null) {
            add(pts, sc, min, max);
        }
        StringBuilder b = new StringBuilder(pts.size() * 12);
        for (double[] p : pts) {
            tenths(b, p[0]).append(',');
            tenths(b, p[1]).append(' ');
        }
        return b.toString().trim();
    }

    /**
     * Appends {@code v} with one decimal, rounded half away from zero. A page has up to a few thousand
     * points; {@code String.format} per point was the largest cost of rendering it (profiled).
     */
    static StringBuilder tenths(StringBuilder b, double v) {
        long t = Math.round(Math.abs(v) * 10);
        if (v < 0 && t != 0) {
            b.append('-');
        }
        return b.append(t / 10).append('.').append(t % 10);
    }

    private static void add(List<double[]> pts, Scale sc, Sample min, Sample max) {
        Sample first = min.time().isBefore(max.time()) ? min : max;
        Sample second = first == min ? max : min;
        pts.add(new double[] {sc.x(first.time().toEpochMilli()), sc.y(first.temperatureC())});
        if (second != first) {
            pts.add(new double[] {sc.x(second.time().toEpochMilli()), sc.y(second.temperatureC())});
        }
    }

    private static String trim(double c) {
        return c == Math.rint(c) ? Long.toString((long) c) : Double.toString(c);
    }

    private record Scale(long t0, long t1, double lo, double hi) {
        double x(long t) {
            return LEFT + (W - LEFT - 2) * (double) (t - t0) / (t1 - t0);
        }

        double y(double c) {
            return TOP + (H - BOTTOM - TOP) * (hi - c) / (hi - lo);
        }
    }
}
