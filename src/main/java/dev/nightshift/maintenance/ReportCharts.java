package dev.nightshift.maintenance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the HTML report's inline SVG charts (the template draws them; no script, no network):
 * table sizes split into heap, indexes and TOAST, dead tuples, and the database's size over the last 30 days.
 */
final class ReportCharts {

    static final int BAR_AREA = 460;
    static final int LABEL_WIDTH = 240;
    static final int ROW = 22;
    static final int MAX_BARS = 15;

    private ReportCharts() {
    }

    /** One horizontal bar of up to three segments. */
    record Bar(String label, String value, int y, int textY, int x1, int w1, int x2, int w2, int x3, int w3, int valueX) {
    }

    /** A chart of bars; {@code height} is the SVG's. */
    record BarChart(int height, List<Bar> bars) {
        boolean empty() {
            return bars.isEmpty();
        }
    }

    /** A line over time: {@code points} is an SVG polyline's attribute. */
    record LineChart(String points, String first, String last, String min, String max, int count) {
    }

    static BarChart sizes(List<TableReport> tables) {
        List<TableReport> top = tables.stream().sorted(Comparator.comparingLong(TableReport::totalBytes).reversed())
                .limit(MAX_BARS).toList();
        long max = top.stream().mapToLong(TableReport::totalBytes).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            TableReport t = top.get(i);
            int w1 = scale(t.heapBytes(), max);
            int w2 = scale(t.indexBytes(), max);
            int w3 = scale(t.toastBytes(), max);
            bars.add(bar(t.qualifiedName(), Formats.bytes(t.totalBytes()), i, w1, w2, w3));
        }
        return new BarChart(bars.size() * ROW + 10, bars);
    }

    static BarChart deadTuples(List<TableReport> tables) {
        List<TableReport> top = tables.stream().filter(t -> t.deadTuples() > 0)
                .sorted(Comparator.comparingDouble(TableReport::deadPercent).reversed()).limit(MAX_BARS).toList();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            TableReport t = top.get(i);
            bars.add(bar(t.qualifiedName(), String.format(Locale.ROOT, "%.1f %% (%d)", t.deadPercent(), t.deadTuples()),
                    i, (int) Math.round(t.deadPercent() / 100 * BAR_AREA), 0, 0));
        }
        return new BarChart(bars.size() * ROW + 10, bars);
    }

    /** @param sizes database sizes of the runs of the last 30 days, oldest first (this run last) */
    static LineChart databaseSize(List<Long> sizes, int width, int height) {
        if (sizes.isEmpty()) {
            return new LineChart("", "", "", "", "", 0);
        }
        long min = sizes.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < sizes.size(); i++) {
            double x = sizes.size() == 1 ? width / 2.0 : (double) i * width / (sizes.size() - 1);
            double y = max == min ? height / 2.0 : height - (double) (sizes.get(i) - min) * height / (max - min);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return new LineChart(points.toString().strip(), Formats.bytes(sizes.get(0)),
                Formats.bytes(sizes.get(sizes.size() - 1)), Formats.bytes(min), Formats.bytes(max), sizes.size());
    }

    private static Bar bar(String label, String value, int i, int w1, int w2, int w3) {
        int y = i * ROW + 4;
        int x1 = LABEL_WIDTH;
        return new Bar(label.length() > 34 ? label.substring(0, 33) + "…" : label, value, y, y + 12, x1, w1,
                x1 + w1, w2, x1 + w1 + w2, w3, x1 + w1 + w2 + w3 + 6);
    }

    private static int scale(long value, long max) {
        return max == 0 ? 0 : (int) Math.round((double) value * BAR_AREA / max);
    }
}
