package dev.rapport.crm.analytics.tracking;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders {@link Tracking} data as a self-contained SVG line chart: actual repeat purchases as a
 * solid line, expected as a dashed line, the calibration end as a vertical marker. Hand-written
 * SVG 1.1 text, no dependencies. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class TrackingChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;

    private TrackingChart() {}

    /**
     * The chart as SVG text.
     *
     * @param tracking the data, at least one point
     * @param title the chart's title (escaped for XML)
     * @return an SVG document
     */
    public static String svg(Tracking tracking, String title) {
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(title, "title");
        List<TrackingPoint> points = tracking.points();
        if (points.isEmpty()) {
            throw new IllegalArgumentException("nothing to chart: the tracking data has no points");
        }
        double max = 0;
        for (TrackingPoint p : points) {
            max = Math.max(max, Math.max(p.actual(), p.expected()));
        }
        double yMax = niceCeiling(max);
        int n = points.size();
        double plotW = WIDTH - LEFT - RIGHT;
        double plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"24\" font-size=\"16\" text-anchor=\"middle\">%s</text>\n",
                WIDTH / 2,
                escape(title)));
        // Axes and horizontal grid.
        for (int i = 0; i <= 5; i++) {
            double v = yMax * i / 5;
            double y = TOP + plotH - plotH * i / 5;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y,
                    LEFT - 6,
                    y + 4,
                    format(v)));
        }
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
                LEFT,
                TOP + (int) plotH,
                WIDTH - RIGHT,
                TOP + (int) plotH));
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n",
                LEFT,
                TOP,
                LEFT,
                TOP + (int) plotH));
        int step = Math.max(1, n / 10);
        for (int k = 0; k < n; k += step) {
            double x = LEFT + plotW * (k + 0.5) / n;
            s.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                    x,
                    TOP + (int) plotH + 18,
                    points.get(k).start()));
        }
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">period starting (%s)</text>\n",
                LEFT + (int) plotW / 2,
                HEIGHT - 12,
                escape(tracking.period().toString())));
        s.append(String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">repeat purchases</text>\n",
                TOP + (int) plotH / 2,
                TOP + (int) plotH / 2));
        if (tracking.calibrationEnd().isPresent()) {
            LocalDate end = tracking.calibrationEnd().get();
            int k = 0;
            while (k < n && !points.get(k).end().isAfter(end)) {
                k++;
            }
            double x = LEFT + plotW * k / n;
            s.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"2,3\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" fill=\"#555\">calibration end %s</text>\n",
                    x,
                    TOP,
                    x,
                    TOP + (int) plotH,
                    x + 4,
                    TOP + 14,
                    end));
        }
        s.append(polyline(points, true, yMax, plotW, plotH, "black", ""));
        s.append(polyline(points, false, yMax, plotW, plotH, "#d62728", " stroke-dasharray=\"6,4\""));
        s.append(String.format(
                Locale.ROOT,
                "<g transform=\"translate(%d,%d)\">"
                        + "<line x1=\"0\" y1=\"0\" x2=\"24\" y2=\"0\" stroke=\"black\" stroke-width=\"2\"/>"
                        + "<text x=\"30\" y=\"4\">actual</text>"
                        + "<line x1=\"90\" y1=\"0\" x2=\"114\" y2=\"0\" stroke=\"#d62728\" stroke-width=\"2\""
                        + " stroke-dasharray=\"6,4\"/><text x=\"120\" y=\"4\">expected</text></g>\n",
                WIDTH - RIGHT - 200,
                TOP - 10));
        s.append("</svg>\n");
        return s.toString();
    }

    private static String polyline(
            List<TrackingPoint> points,
            boolean actual,
            double yMax,
            double plotW,
            double plotH,
            String colour,
            String extra) {
        StringBuilder s = new StringBuilder("<polyline fill=\"none\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"2\"")
                .append(extra)
                .append(" points=\"");
        int n = points.size();
        for (int k = 0; k < n; k++) {
            double v = actual ? points.get(k).actual() : points.get(k).expected();
            double x = LEFT + plotW * (k + 0.5) / n;
            double y = TOP + plotH - plotH * (yMax == 0 ? 0 : v / yMax);
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return s.append("\"/>\n").toString();
    }

    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= v) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
