package dev.rapport.crm.analytics.rfm;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Scores customers on recency (time since the last purchase, {@link
 * CustomerSummary#timeSinceLastPurchase()}), frequency ({@link CustomerSummary#frequency()}) and
 * monetary value ({@link CustomerSummary#totalValue()}).
 *
 * <p>Scores are relative to the customers scored together, so all of them are held in memory
 * (one entry per customer). The result is in the input's order. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Rfm {
    private Rfm() {}

    /**
     * Scores customers.
     *
     * @param customers the summaries, all in one time unit, none with a duplicate id
     * @param spec bins and tie policy
     * @return one score per customer, in input order
     * @throws AnalyticsException if the summaries mix time units or repeat a customer id
     */
    public static List<RfmScore> score(Collection<CustomerSummary> customers, RfmSpec spec) {
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(spec, "spec");
        int n = customers.size();
        List<CustomerSummary> list = new ArrayList<>(customers);
        String[] ids = new String[n];
        double[] recency = new double[n];
        double[] frequency = new double[n];
        double[] monetary = new double[n];
        TimeUnit unit = null;
        for (int i = 0; i < n; i++) {
            CustomerSummary c = list.get(i);
            if (unit == null) {
                unit = c.unit();
            } else if (!unit.equals(c.unit())) {
                throw new AnalyticsException("summaries mix time units: " + unit + " and " + c.unit() + " (customer "
                        + c.customerId() + ")");
            }
            ids[i] = c.customerId();
            recency[i] = -c.timeSinceLastPurchase(); // shorter is better
            frequency[i] = c.frequency();
            monetary[i] = c.totalValue().doubleValue();
        }
        String[] sortedIds = ids.clone();
        Arrays.sort(sortedIds);
        for (int i = 1; i < n; i++) {
            if (sortedIds[i].equals(sortedIds[i - 1])) {
                throw new AnalyticsException("customer " + sortedIds[i] + " appears twice in the RFM input");
            }
        }
        int[] r = scores(recency, ids, spec);
        int[] f = scores(frequency, ids, spec);
        int[] m = scores(monetary, ids, spec);
        List<RfmScore> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new RfmScore(ids[i], r[i], f[i], m[i]));
        }
        return out;
    }

    /** Scores values (higher is better) into 1..bins. */
    static int[] scores(double[] values, String[] ids, RfmSpec spec) {
        int n = values.length;
        int bins = spec.bins();
        int[] out = new int[n];
        if (n == 0) {
            return out;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> values[i]).thenComparing(i -> ids[i]));
        if (spec.tiePolicy() == TiePolicy.RANK) {
            for (int rank = 0; rank < n; rank++) {
                out[order[rank]] = 1 + (int) ((long) rank * bins / n);
            }
            return out;
        }
        double[] thresholds = new double[bins - 1];
        for (int k = 1; k < bins; k++) {
            int index = (int) Math.max(0, ceilDiv((long) k * n, bins) - 1);
            thresholds[k - 1] = values[order[index]];
        }
        for (int i = 0; i < n; i++) {
            int score = 1;
            for (double t : thresholds) {
                if (values[i] > t) {
                    score++;
                }
            }
            out[i] = score;
        }
        return out;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
