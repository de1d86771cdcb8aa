package dev.rapport.benchmarks.analytics;

import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Customers simulated from the BG/NBD parameters published for CDNOW (Fader, Hardie &amp; Lee 2005:
 * r 0.243, alpha 4.414, a 0.793, b 2.426, in weeks), at the day resolution of real summaries.
 *
 * <p>As in the CDNOW cohort, each customer's first purchase falls on one of the 90 days of the
 * first quarter of 1997 and the calibration window ends on 1997-09-30 (day 272), so {@code T} is 183
 * to 272 days (26.1 to 38.9 weeks). Purchases happen in continuous time (Poisson at rate {@code
 * lambda ~ Gamma(r, alpha)} per week, drop-out with probability {@code p ~ Beta(a, b)} after each
 * purchase) and are then dated: purchases on the same day collapse into one, as {@code Summaries}
 * does with {@code SummarySpec.of(end, WEEK)}, so {@code x} counts distinct repeat days and {@code
 * t_x}, {@code T} are whole days divided by 7. That is what makes customers share {@code (x, t_x,
 * T)} patterns; continuous times would almost never repeat.
 */
public final class CdnowSimulation {
    /** Published CDNOW BG/NBD estimate. */
    public static final double R = 0.243;

    public static final double ALPHA = 4.414;
    public static final double A = 0.793;
    public static final double B = 2.426;

    /** Published CDNOW Pareto/NBD estimate (for scoring). */
    public static final double PNBD_R = 0.553;

    public static final double PNBD_ALPHA = 10.578;
    public static final double PNBD_S = 0.606;
    public static final double PNBD_BETA = 11.669;

    /** Days from 1997-01-01 to the calibration end 1997-09-30. */
    static final int END_DAY = 272;
    /** First purchases in the first 90 days (the first quarter of 1997). */
    static final int COHORT_DAYS = 90;

    private CdnowSimulation() {}

    /** Simulated summaries in weeks, arrays of the same customers. */
    public record Customers(List<CustomerSummary> summaries, int[] x, double[] recency, double[] age) {
        public int size() {
            return x.length;
        }
    }

    /**
     * Simulates customers.
     *
     * @param n how many
     * @param seed the random seed
     * @return the summaries (ids {@code c0}, {@code c1}, ...) and the same as arrays
     */
    public static Customers simulate(int n, long seed) {
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        List<CustomerSummary> summaries = new ArrayList<>(n);
        int[] xs = new int[n];
        double[] recencies = new double[n];
        double[] ages = new double[n];
        for (int i = 0; i < n; i++) {
            double lambda = rng.nextGamma(R, 1 / ALPHA); // per week
            double p = rng.nextBeta(A, B);
            int firstDay = rng.nextInt(COHORT_DAYS);
            int ageDays = END_DAY - firstDay;
            double offset = rng.nextDouble(); // time of day of the first purchase, in days
            int x = 0;
            int lastDay = 0;
            double now = 0; // weeks since the first purchase
            while (true) {
                now += rng.nextExponential(1 / lambda);
                int day = (int) Math.floor(offset + 7 * now); // days after the first purchase's day
                if (day > ageDays) {
                    break;
                }
                if (day != lastDay) {
                    x++;
                    lastDay = day;
                }
                if (rng.nextDouble() < p) {
                    break;
                }
            }
            xs[i] = x;
            recencies[i] = lastDay / 7.0;
            ages[i] = ageDays / 7.0;
            summaries.add(CustomerSummary.of("c" + i, TimeUnit.WEEK, x, recencies[i], ages[i]));
        }
        return new Customers(summaries, xs, recencies, ages);
    }
}
