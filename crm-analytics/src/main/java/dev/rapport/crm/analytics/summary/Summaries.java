package dev.rapport.crm.analytics.summary;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.Purchase;
import dev.rapport.crm.analytics.TimeSpan;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Builds per-customer histories and summaries from purchases.
 *
 * <p>Every method reads its input lazily and returns a sequential stream; with {@link
 * InputOrder#SORTED_BY_CUSTOMER} memory is bounded by one customer's purchases, so a summary of
 * millions of customers can be streamed from a database cursor. The returned streams are
 * single-use and not thread-safe; they consume the iterator as they are consumed.
 *
 * @since 0.1.0
 */
public final class Summaries {
    private Summaries() {}

    /**
     * Groups purchases into one history per customer.
     *
     * @param purchases the purchases, in the given order
     * @param order how {@code purchases} is ordered
     * @return one history per customer; for sorted input in input order, otherwise by customer id
     * @throws AnalyticsException (while the stream is consumed) if sorted input is out of order
     */
    public static Stream<CustomerHistory> histories(Iterator<Purchase> purchases, InputOrder order) {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(order, "order");
        Iterator<CustomerHistory> it =
                order == InputOrder.SORTED_BY_CUSTOMER ? new Grouping(purchases) : groupInMemory(purchases);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * Summarises each customer who purchased on or before the spec's observation end.
     *
     * @param purchases the purchases
     * @param spec the window end, unit and collapsing period
     * @param order how {@code purchases} is ordered
     * @return one summary per customer with a purchase in the window
     */
    public static Stream<CustomerSummary> summarize(Iterator<Purchase> purchases, SummarySpec spec, InputOrder order) {
        Objects.requireNonNull(spec, "spec");
        return histories(purchases, order).map(h -> summarize(h, spec)).flatMap(Optional::stream);
    }

    /**
     * Summarises one customer's history.
     *
     * @param history the customer's purchases
     * @param spec the window end, unit and collapsing period
     * @return the summary, or empty if the customer's first purchase is after the window's end
     */
    public static Optional<CustomerSummary> summarize(CustomerHistory history, SummarySpec spec) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(spec, "spec");
        SortedMap<LocalDate, BigDecimal> periods = history.periods(spec.period(), LocalDate.MIN, spec.observationEnd());
        if (periods.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = periods.firstKey();
        LocalDate last = periods.lastKey();
        int x = periods.size() - 1;
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal v : periods.values()) {
            total = total.add(v);
        }
        BigDecimal repeat = total.subtract(periods.get(first));
        double mean = x == 0
                ? 0.0
                : repeat.divide(BigDecimal.valueOf(x), MathContext.DECIMAL64).doubleValue();
        double recency = spec.unit().between(first, last);
        double age = spec.unit().between(first, spec.period().periodStart(spec.observationEnd()));
        return Optional.of(new CustomerSummary(history.customerId(), spec.unit(), x, recency, age, mean, total));
    }

    /**
     * Splits purchases into a calibration summary and the holdout outcome, per customer whose first
     * purchase is in the calibration period.
     *
     * @param purchases the purchases
     * @param spec the split
     * @param order how {@code purchases} is ordered
     * @return one holdout summary per customer first seen in calibration
     */
    public static Stream<HoldoutSummary> calibrationHoldout(
            Iterator<Purchase> purchases, HoldoutSpec spec, InputOrder order) {
        Objects.requireNonNull(spec, "spec");
        SummarySpec calibration = spec.calibration();
        TimeSpan length = TimeSpan.of(spec.unit().between(spec.calibrationEnd(), spec.holdoutEnd()), spec.unit());
        return histories(purchases, order)
                .flatMap(h -> summarize(h, calibration).stream().map(c -> {
                    SortedMap<LocalDate, BigDecimal> hold =
                            h.periods(spec.period(), spec.calibrationEnd().plusDays(1), spec.holdoutEnd());
                    BigDecimal spend = hold.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    return new HoldoutSummary(c, hold.size(), spend, length);
                }));
    }

    private static Iterator<CustomerHistory> groupInMemory(Iterator<Purchase> purchases) {
        Map<String, List<Purchase>> byCustomer = new TreeMap<>();
        while (purchases.hasNext()) {
            Purchase p = Objects.requireNonNull(purchases.next(), "purchase");
            byCustomer.computeIfAbsent(p.customerId(), k -> new ArrayList<>()).add(p);
        }
        return byCustomer.entrySet().stream()
                .map(e -> new CustomerHistory(e.getKey(), e.getValue()))
                .iterator();
    }

    /** Groups a customer-sorted iterator, holding one customer at a time. */
    private static final class Grouping implements Iterator<CustomerHistory> {
        private final Iterator<Purchase> source;
        private @Nullable Purchase pending;
        private @Nullable String previousId;

        Grouping(Iterator<Purchase> source) {
            this.source = source;
            this.pending = source.hasNext() ? Objects.requireNonNull(source.next(), "purchase") : null;
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public CustomerHistory next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            String id = pending.customerId();
            if (previousId != null && id.compareTo(previousId) <= 0) {
                throw new AnalyticsException("purchases are not sorted by customer id: customer " + id
                        + " comes after customer " + previousId
                        + " (use InputOrder.ANY for unsorted input)");
            }
            List<Purchase> group = new ArrayList<>();
            group.add(pending);
            pending = null;
            while (source.hasNext()) {
                Purchase p = Objects.requireNonNull(source.next(), "purchase");
                if (p.customerId().equals(id)) {
                    group.add(p);
                } else {
                    pending = p;
                    break;
                }
            }
            previousId = id;
            return new CustomerHistory(id, group);
        }
    }
}
