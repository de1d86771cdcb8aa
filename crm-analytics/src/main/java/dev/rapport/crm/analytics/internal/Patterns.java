package dev.rapport.crm.analytics.internal;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Customers compressed into distinct {@code (x, t_x, T)} patterns with weights (counts): the
 * likelihood is a weighted sum over patterns. Patterns are kept in a sorted order so the sum, and
 * so the fit, does not depend on input order.
 */
public final class Patterns {
    /** Frequencies per pattern. */
    public final int[] x;
    /** Recencies per pattern. */
    public final double[] recency;
    /** Ages per pattern. */
    public final double[] age;
    /** Customers per pattern. */
    public final double[] weight;
    /** Total customers. */
    public final long customers;
    /** The common time unit. */
    public final TimeUnit unit;

    private record Key(int x, double recency, double age) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Integer.compare(x, o.x);
            if (c == 0) {
                c = Double.compare(recency, o.recency);
            }
            return c != 0 ? c : Double.compare(age, o.age);
        }
    }

    private Patterns(Map<Key, long[]> counts, TimeUnit unit) {
        int n = counts.size();
        x = new int[n];
        recency = new double[n];
        age = new double[n];
        weight = new double[n];
        long total = 0;
        int i = 0;
        for (Map.Entry<Key, long[]> e : counts.entrySet()) {
            x[i] = e.getKey().x();
            recency[i] = e.getKey().recency();
            age[i] = e.getKey().age();
            weight[i] = e.getValue()[0];
            total += e.getValue()[0];
            i++;
        }
        this.customers = total;
        this.unit = unit;
    }

    /**
     * Compresses summaries, which must all share one time unit.
     *
     * @param summaries the customers
     * @return the patterns
     * @throws AnalyticsException if the input is empty, mixes units, or no customer has age > 0
     */
    public static Patterns of(Iterable<CustomerSummary> summaries) {
        Objects.requireNonNull(summaries, "summaries");
        Map<Key, long[]> counts = new TreeMap<>();
        TimeUnit unit = null;
        for (CustomerSummary s : summaries) {
            if (unit == null) {
                unit = s.unit();
            } else if (!unit.equals(s.unit())) {
                throw new AnalyticsException("summaries mix time units: " + unit + " and " + s.unit() + " (customer "
                        + s.customerId() + ")");
            }
            counts.computeIfAbsent(new Key(s.frequency(), s.recency(), s.age()), k -> new long[1])[0]++;
        }
        if (unit == null) {
            throw new AnalyticsException("cannot fit a model to no customers");
        }
        return new Patterns(new LinkedHashMap<>(counts), unit);
    }

    /** @return the largest frequency x of any pattern (0 when there are none) */
    public int maxX() {
        int max = 0;
        for (int v : x) {
            max = Math.max(max, v);
        }
        return max;
    }

    /**
     * Number of patterns.
     *
     * @return distinct patterns
     */
    public int size() {
        return x.length;
    }
}
