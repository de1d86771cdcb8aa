package dev.rapport.crm.analytics.tracking;

import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.models.TransactionModel;
import dev.rapport.crm.analytics.summary.CustomerHistory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Expected versus actual repeat purchases per period for a population of customers (the
 * "tracking plot" of Fader, Hardie &amp; Lee 2005): each customer contributes from its first
 * purchase, as a new customer of the model.
 *
 * @param period the period length
 * @param points one point per period, in date order
 * @param calibrationEnd the last day of the calibration period, to mark on a chart, if any
 * @since 0.1.0
 */
public record Tracking(TimeUnit period, List<TrackingPoint> points, Optional<LocalDate> calibrationEnd) {
    /** Validates and copies the record. */
    public Tracking {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(calibrationEnd, "calibrationEnd");
        points = List.copyOf(points);
    }

    /**
     * Computes tracking data.
     *
     * <p>Customers whose first purchase is in {@code [from, to]} are included. Actual repeat
     * purchases are the customer's purchases collapsed by {@code collapse} (as in the summary) after
     * the first one; expected ones are {@link TransactionModel#expectedRepeatPurchases(TimeSpan)}
     * differences over each period, summed over customers. Memory is bounded by the number of
     * distinct first-purchase dates and of periods, not by customers.
     *
     * @param model the fitted model
     * @param histories the customers' purchase histories (e.g. from {@link
     *     dev.rapport.crm.analytics.summary.Summaries#histories})
     * @param from first day of the first period
     * @param to last day tracked, inclusive
     * @param period the period length (e.g. a week)
     * @param collapse the period within which purchases count once (as in the summaries)
     * @param calibrationEnd the calibration period's last day, to mark on a chart, if any
     * @return the tracking data
     */
    public static Tracking of(
            TransactionModel model,
            Stream<CustomerHistory> histories,
            LocalDate from,
            LocalDate to,
            TimeUnit period,
            TimeUnit collapse,
            Optional<LocalDate> calibrationEnd) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(histories, "histories");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(collapse, "collapse");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
        List<LocalDate> bounds = new ArrayList<>();
        LocalDate endExclusive = to.plusDays(1);
        for (long k = 0; ; k++) {
            LocalDate b = period.plus(from, k);
            if (!b.isBefore(endExclusive)) {
                bounds.add(endExclusive);
                break;
            }
            bounds.add(b);
        }
        int periods = bounds.size() - 1;
        double[] actual = new double[periods];
        Map<LocalDate, long[]> births = new TreeMap<>();
        histories.forEach(h -> {
            SortedMap<LocalDate, BigDecimal> collapsed = h.periods(collapse, LocalDate.MIN, to);
            if (collapsed.isEmpty() || collapsed.firstKey().isBefore(from)) {
                return;
            }
            LocalDate first = collapsed.firstKey();
            births.computeIfAbsent(first, k -> new long[1])[0]++;
            for (LocalDate d : collapsed.keySet()) {
                if (d.equals(first)) {
                    continue;
                }
                actual[index(bounds, d)]++;
            }
        });
        double[] expected = new double[periods];
        TimeUnit unit = model.unit();
        for (Map.Entry<LocalDate, long[]> e : births.entrySet()) {
            LocalDate birth = e.getKey();
            double previous = 0;
            for (int k = 0; k < periods; k++) {
                double t = Math.max(0, unit.between(birth, bounds.get(k + 1)));
                double cumulative = t == 0 ? 0 : model.expectedRepeatPurchases(TimeSpan.of(t, unit));
                expected[k] += e.getValue()[0] * (cumulative - previous);
                previous = cumulative;
            }
        }
        List<TrackingPoint> points = new ArrayList<>(periods);
        for (int k = 0; k < periods; k++) {
            points.add(new TrackingPoint(bounds.get(k), bounds.get(k + 1), actual[k], expected[k]));
        }
        return new Tracking(period, points, calibrationEnd);
    }

    private static int index(List<LocalDate> bounds, LocalDate d) {
        int lo = 0;
        int hi = bounds.size() - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (bounds.get(mid).isAfter(d)) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    /**
     * The same data with cumulative sums (each point holds the totals up to its end).
     *
     * @return the cumulative tracking
     */
    public Tracking cumulative() {
        List<TrackingPoint> out = new ArrayList<>(points.size());
        double a = 0;
        double e = 0;
        for (TrackingPoint p : points) {
            a += p.actual();
            e += p.expected();
            out.add(new TrackingPoint(p.start(), p.end(), a, e));
        }
        return new Tracking(period, out, calibrationEnd);
    }

    /**
     * Total actual repeat purchases over the points dated from {@code from} (inclusive).
     *
     * @param from first period start included
     * @return the sum of {@link TrackingPoint#actual()}
     */
    public double totalActual(LocalDate from) {
        return points.stream()
                .filter(p -> !p.start().isBefore(from))
                .mapToDouble(TrackingPoint::actual)
                .sum();
    }

    /**
     * Total expected repeat purchases over the points dated from {@code from} (inclusive).
     *
     * @param from first period start included
     * @return the sum of {@link TrackingPoint#expected()}
     */
    public double totalExpected(LocalDate from) {
        return points.stream()
                .filter(p -> !p.start().isBefore(from))
                .mapToDouble(TrackingPoint::expected)
                .sum();
    }
}
