package dev.rapport.crm.analytics.models;

import static org.hipparchus.special.Beta.logBeta;
import static org.hipparchus.special.Gamma.logGamma;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.internal.MaximumLikelihood;
import dev.rapport.crm.analytics.internal.Patterns;
import dev.rapport.crm.analytics.special.Hypergeometric;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.List;
import java.util.Objects;
import org.hipparchus.special.Beta;

/**
 * The BG/NBD model (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): while
 * active a customer buys at Poisson rate {@code lambda ~ Gamma(r, alpha)}; after each purchase it
 * becomes inactive with probability {@code p ~ Beta(a, b)}. {@code alpha} is in the model's {@link
 * #unit()} (a rate's scale): a model in weeks has {@code alpha} in weeks.
 *
 * <p>Immutable and thread-safe.
 *
 * @param r shape of the purchase-rate distribution, positive
 * @param alpha scale of the purchase-rate distribution, in {@code unit}, positive
 * @param a first shape of the drop-out distribution, positive
 * @param b second shape of the drop-out distribution, positive
 * @param unit the time unit of {@code alpha} and of all times
 * @since 0.1.0
 */
public record BgNbdModel(double r, double alpha, double a, double b, TimeUnit unit) implements TransactionModel {
    /** Parameter names in order. */
    public static final List<String> PARAMETERS = List.of("r", "alpha", "a", "b");

    /** Validates the parameters. */
    public BgNbdModel {
        Objects.requireNonNull(unit, "unit");
        Models.requirePositive("r", r);
        Models.requirePositive("alpha", alpha);
        Models.requirePositive("a", a);
        Models.requirePositive("b", b);
    }

    /**
     * A model with known parameters.
     *
     * @param r shape of the purchase rate
     * @param alpha scale of the purchase rate, in {@code unit}
     * @param a drop-out shape a
     * @param b drop-out shape b
     * @param unit the time unit
     * @return the model
     */
    public static BgNbdModel of(double r, double alpha, double a, double b, TimeUnit unit) {
        return new BgNbdModel(r, alpha, a, b, unit);
    }

    /**
     * Fits the model by maximum likelihood (see {@link FitOptions}). Customers with the same
     * {@code (x, t_x, T)} are compressed into one weighted term. The start is deterministic ({@code
     * r = a = b = 1}, {@code alpha} = mean age), so the same input gives the same fit.
     *
     * @param customers the calibration summaries, in one time unit, at least one
     * @param options penalty, budgets, tolerance
     * @return the fit, converged or not
     * @throws AnalyticsException if the input is empty or mixes time units
     */
    public static FitResult<BgNbdModel> fit(Iterable<CustomerSummary> customers, FitOptions options) {
        Objects.requireNonNull(options, "options");
        Patterns d = Patterns.of(customers);
        double meanAge = Models.meanAge(d);
        MaximumLikelihood.Outcome o = MaximumLikelihood.maximize(
                PARAMETERS, p -> logLikelihood(p, d), d.customers, new double[] {1, meanAge, 1, 1}, options);
        double[] p = o.parameters();
        return new FitResult<>(
                new BgNbdModel(p[0], p[1], p[2], p[3], d.unit),
                o.estimates(),
                o.logLikelihood(),
                o.convergence(),
                d.customers,
                d.size());
    }

    /**
     * Fits with {@link FitOptions#defaults()}.
     *
     * @param customers the calibration summaries
     * @return the fit
     */
    public static FitResult<BgNbdModel> fit(Iterable<CustomerSummary> customers) {
        return fit(customers, FitOptions.defaults());
    }

    private static double logLikelihood(double[] p, Patterns d) {
        double r = p[0];
        double alpha = p[1];
        double a = p[2];
        double b = p[3];
        double constant = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
        // The log-gamma terms depend on x alone, and patterns share few distinct x: compute each
        // once per evaluation (they dominated the fit's time when computed per pattern).
        double[] a12 = new double[d.maxX() + 1];
        double[] logA4 = new double[d.maxX() + 1];
        boolean[] known = new boolean[d.maxX() + 1];
        double logA = Math.log(a);
        double sum = 0;
        for (int i = 0; i < d.size(); i++) {
            int x = d.x[i];
            if (!known[x]) {
                a12[x] = logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
                logA4[x] = x == 0 ? 0 : logA - Math.log(b + x - 1);
                known[x] = true;
            }
            sum += d.weight[i] * (constant + single(r, alpha, a12[x], logA4[x], x, d.recency[i], d.age[i]));
        }
        return sum;
    }

    /**
     * The per-customer log-likelihood without the terms constant across customers, given the
     * terms that depend on x alone: {@code a12} = lnΓ(r+x) + lnΓ(b+x) − lnΓ(a+b+x) and {@code
     * logA4} = ln a − ln(b+x−1) (unused when x = 0).
     */
    private static double single(double r, double alpha, double a12, double logA4, int x, double tx, double t) {
        double a3 = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return a12 + a3;
        }
        double a4 = logA4 - (r + x) * Math.log(alpha + tx);
        return a12 + Models.logSumExp(a3, a4);
    }

    @Override
    public double logLikelihood(CustomerSummary customer) {
        double tx = Models.recency(customer, unit);
        double t = Models.age(customer, unit);
        return -logGamma(r)
                + r * Math.log(alpha)
                + logGamma(a + b)
                - logGamma(b)
                + single(r, alpha, a12(customer.frequency()), logA4(customer.frequency()), customer.frequency(), tx, t);
    }

    private double a12(int x) {
        return logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    }

    private double logA4(int x) {
        return x == 0 ? 0 : Math.log(a) - Math.log(b + x - 1);
    }

    @Override
    public double probabilityAlive(CustomerSummary customer) {
        int x = customer.frequency();
        if (x == 0) {
            return 1.0;
        }
        double tx = Models.recency(customer, unit);
        double t = Models.age(customer, unit);
        double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log((alpha + t) / (alpha + tx));
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Equation (10) of Fader, Hardie &amp; Lee (2005).
     */
    @Override
    public double expectedPurchases(CustomerSummary customer, TimeSpan horizon) {
        int x = customer.frequency();
        double t = Models.age(customer, unit);
        double h = horizon.in(unit);
        return probabilityAlive(customer) * unconditional(r + x, alpha + t, a, b + x, h);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Equation (9) of Fader, Hardie &amp; Lee (2005).
     */
    @Override
    public double expectedRepeatPurchases(TimeSpan time) {
        return unconditional(r, alpha, a, b, time.in(unit));
    }

    /**
     * The probability that a customer makes exactly {@code n} purchases in the {@code horizon}
     * after its observation ends, given its history. An active customer's future is a new BG/NBD
     * process with the posterior parameters {@code (r + x, alpha + T, a, b + x)}; an inactive one
     * buys nothing.
     *
     * @param customer the summary
     * @param n the number of purchases, not negative
     * @param horizon how far ahead
     * @return the probability
     */
    public double probabilityOfPurchases(CustomerSummary customer, int n, TimeSpan horizon) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        int x = customer.frequency();
        double alive = probabilityAlive(customer);
        double t = Models.age(customer, unit);
        double p = alive * pmf(r + x, alpha + t, a, b + x, n, horizon.in(unit));
        return n == 0 ? p + (1 - alive) : p;
    }

    /**
     * The probability that a new customer makes exactly {@code n} repeat purchases in its first
     * {@code time} (equation (8) of Fader, Hardie &amp; Lee 2005).
     *
     * @param n the number of purchases, not negative
     * @param time time since the first purchase
     * @return the probability
     */
    public double probabilityOfRepeatPurchases(int n, TimeSpan time) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
        return pmf(r, alpha, a, b, n, time.in(unit));
    }

    private static double pmf(double r, double alpha, double a, double b, int n, double t) {
        if (t == 0) {
            return n == 0 ? 1.0 : 0.0;
        }
        double lz = Math.log(t / (alpha + t));
        double l0 = r * Math.log(alpha / (alpha + t));
        double first = Math.exp(
                logBeta(a, b + n) - logBeta(a, b) + logGamma(r + n) - logGamma(r) - logGamma(n + 1.0) + l0 + n * lz);
        if (n == 0) {
            return first;
        }
        // P(NBD(r, alpha) count in t >= n) = I_z(n, r), z = t / (alpha + t).
        double tail = Beta.regularizedBeta(t / (alpha + t), n, r);
        return first + Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * tail;
    }

    /** E[X(t)] for a new customer of a BG/NBD with the given parameters. */
    static double unconditional(double r, double alpha, double a, double b, double t) {
        if (t == 0) {
            return 0.0;
        }
        if (Math.abs(a - 1) < 1e-6) {
            // The formula has a removable singularity at a = 1: average the two sides.
            double h = 1e-5;
            return 0.5 * (unconditional(r, alpha, 1 + h, b, t) + unconditional(r, alpha, 1 - h, b, t));
        }
        double z = t / (alpha + t);
        double c = a + b - 1;
        double logPow = r * Math.log(alpha / (alpha + t));
        double bracket;
        if (c > 0) {
            bracket = -Math.expm1(logPow + Hypergeometric.logHyp2f1(r, b, c, z));
        } else {
            bracket = 1 - Math.exp(logPow) * Hypergeometric.hyp2f1(r, b, c, z);
        }
        double value = c / (a - 1) * bracket;
        if (!Double.isFinite(value)) {
            throw new AnalyticsException(
                    "BG/NBD expectation not finite for r=" + r + " alpha=" + alpha + " a=" + a + " b=" + b + " t=" + t);
        }
        return Math.max(0.0, value);
    }
}
