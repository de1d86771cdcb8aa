package dev.rapport.benchmarks.analytics;

import dev.rapport.crm.analytics.Purchase;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The summary baseline, the plain way: read every purchase into a list, group the list with a
 * {@link HashMap} by customer, then per customer sort by date, collapse same-day purchases and
 * compute {@code x}, {@code t_x}, {@code T} (in weeks), the mean repeat value and the total, as
 * {@code Summaries.summarize(..., SummarySpec.of(end, WEEK), ...)} defines them. Memory grows with
 * the input.
 */
final class PlainSummaries {
    private PlainSummaries() {}

    /**
     * Summarises purchases in no particular customer order.
     *
     * @param purchases the purchases
     * @param end the window end, inclusive
     * @param sink receives one summary per customer with a purchase on or before {@code end}
     */
    static void summarize(Iterator<Purchase> purchases, LocalDate end, Consumer<CustomerSummary> sink) {
        List<Purchase> all = new ArrayList<>();
        purchases.forEachRemaining(all::add);
        Map<String, List<Purchase>> byCustomer = new HashMap<>();
        for (Purchase p : all) {
            byCustomer.computeIfAbsent(p.customerId(), k -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<String, List<Purchase>> e : byCustomer.entrySet()) {
            CustomerSummary s = summarize(e.getKey(), e.getValue(), end);
            if (s != null) {
                sink.accept(s);
            }
        }
    }

    private static CustomerSummary summarize(String id, List<Purchase> purchases, LocalDate end) {
        List<Purchase> in = new ArrayList<>(purchases.size());
        for (Purchase p : purchases) {
            if (!p.date().isAfter(end)) {
                in.add(p);
            }
        }
        if (in.isEmpty()) {
            return null;
        }
        in.sort(Comparator.comparing(Purchase::date));
        LocalDate first = in.get(0).date();
        LocalDate last = first;
        BigDecimal firstDay = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        int days = 0;
        for (Purchase p : in) {
            if (days == 0 || !p.date().equals(last)) {
                days++;
                last = p.date();
            }
            if (days == 1) {
                firstDay = firstDay.add(p.amount());
            }
            total = total.add(p.amount());
        }
        int x = days - 1;
        double mean = x == 0
                ? 0.0
                : total.subtract(firstDay)
                        .divide(BigDecimal.valueOf(x), MathContext.DECIMAL64)
                        .doubleValue();
        return new CustomerSummary(
                id,
                TimeUnit.WEEK,
                x,
                ChronoUnit.DAYS.between(first, last) / 7.0,
                ChronoUnit.DAYS.between(first, end) / 7.0,
                mean,
                total);
    }
}
