package dev.rapport.crm.analytics.models;

import static org.hipparchus.special.Beta.logBeta;
import static org.hipparchus.special.Gamma.logGamma;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.DiscountRate;
import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.internal.MaximumLikelihood;
import dev.rapport.crm.analytics.internal.Patterns;
import dev.rapport.crm.analytics.special.ExponentialIntegral;
import dev.rapport.crm.analytics.special.Hypergeometric;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.List;
import java.util.Objects;

/**
 * The Pareto/NBD model (Schmittlein, Morrison &amp; Colombo 1987; expressions from Fader &amp;
 * Hardie 2005, "A note on deriving the Pareto/NBD model and related expressions"): while active a
 * customer buys at Poisson rate {@code lambda ~ Gamma(r, alpha)}; its lifetime is exponential with
 * rate {@code mu ~ Gamma(s, beta)}. {@code alpha} and {@code beta} are in the model's {@link
 * #unit()}.
 *
 * <p>The likelihood needs {@code 2F1}, computed by {@link Hypergeometric} with the argument always
 * in {@code [0, 1)} (equations 19-20 of the note pick the form by whether {@code alpha >= beta}).
 * Immutable and thread-safe.
 *
 * @param r shape of the purchase-rate distribution, positive
 * @param alpha scale of the purchase-rate distribution, in {@code unit}, positive
 * @param s shape of the drop-out-rate distribution, positive
 * @param beta scale of the drop-out-rate distribution, in {@code unit}, positive
 * @param unit the time unit
 * @since 0.1.0
 */
public record ParetoNbdModel(double r, double alpha, double s, double beta, TimeUnit unit) implements TransactionModel {
    /** Parameter names in order. */
    public static final List<String> PARAMETERS = List.of("r", "alpha", "s", "beta");

    /** Validates the parameters. */
    public ParetoNbdModel {
        Objects.requireNonNull(unit, "unit");
        Models.requirePositive("r", r);
        Models.requirePositive("alpha", alpha);
        Models.requirePositive("s", s);
        Models.requirePositive("beta", beta);
    }

    /**
     * A model with known parameters.
     *
     * @param r purchase-rate shape
     * @param alpha purchase-rate scale, in {@code unit}
     * @param s drop-out shape
     * @param beta drop-out scale, in {@code unit}
     * @param unit the time unit
     * @return the model
     */
    public static ParetoNbdModel of(double r, double alpha, double s, double beta, TimeUnit unit) {
        return new ParetoNbdModel(r, alpha, s, beta, unit);
    }

    /**
     * Fits the model by maximum likelihood from a deterministic start ({@code r = s = 1}, {@code
     * alpha = beta} = mean age). See {@link BgNbdModel#fit(Iterable, FitOptions)}.
     *
     * @param customers the calibration summaries, in one time unit
     * @param options penalty, budgets, tolerance
     * @return the fit, converged or not
     */
    public static FitResult<ParetoNbdModel> fit(Iterable<CustomerSummary> customers, FitOptions options) {
        Objects.requireNonNull(options, "options");
        Patterns d = Patterns.of(customers);
        double meanAge = Models.meanAge(d);
        MaximumLikelihood.Outcome o = MaximumLikelihood.maximize(
                PARAMETERS,
                p -> {
                    double sum = 0;
                    for (int i = 0; i < d.size(); i++) {
                        sum += d.weight[i] * logLikelihood(p[0], p[1], p[2], p[3], d.x[i], d.recency[i], d.age[i]);
                    }
                    return sum;
                },
                d.customers,
                new double[] {1, meanAge, 1, meanAge},
                options);
        double[] p = o.parameters();
        return new FitResult<>(
                new ParetoNbdModel(p[0], p[1], p[2], p[3], d.unit),
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
    public static FitResult<ParetoNbdModel> fit(Iterable<CustomerSummary> customers) {
        return fit(customers, FitOptions.defaults());
    }

    /** Equation (18) of the note, in logs. */
    private static double logLikelihood(double r, double alpha, double s, double beta, int x, double tx, double t) {
        double head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        double aliveTerm = -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t);
        double deadTerm = Math.log(s) - Math.log(r + s + x) + logA0(r, alpha, s, beta, x, tx, t);
        return head + Models.logSumExp(aliveTerm, deadTerm);
    }

    /** log A0 (equations 19-20); negative infinity when t_x = T. */
    private static double logA0(double r, double alpha, double s, double beta, int x, double tx, double t) {
        double rsx = r + s + x;
        double max;
        double p;
        if (alpha >= beta) {
            max = alpha;
            p = s + 1;
        } else {
            max = beta;
            p = r + x;
        }
        double diff = Math.abs(alpha - beta);
        double l1 = Hypergeometric.logHyp2f1(rsx, p, rsx + 1, diff / (max + tx)) - rsx * Math.log(max + tx);
        double l2 = Hypergeometric.logHyp2f1(rsx, p, rsx + 1, diff / (max + t)) - rsx * Math.log(max + t);
        if (l2 >= l1) {
            return Double.NEGATIVE_INFINITY;
        }
        return l1 + Math.log(-Math.expm1(l2 - l1));
    }

    @Override
    public double logLikelihood(CustomerSummary customer) {
        return logLikelihood(
                r, alpha, s, beta, customer.frequency(), Models.recency(customer, unit), Models.age(customer, unit));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Equations (36)-(37) of the note.
     */
    @Override
    public double probabilityAlive(CustomerSummary customer) {
        int x = customer.frequency();
        double tx = Models.recency(customer, unit);
        double t = Models.age(customer, unit);
        double logA0 = logA0(r, alpha, s, beta, x, tx, t);
        if (logA0 == Double.NEGATIVE_INFINITY) {
            return 1.0;
        }
        double logOdds =
                Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + t) + s * Math.log(beta + t) + logA0;
        return 1.0 / (1.0 + Math.exp(logOdds));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Equation (41) of the note: {@code P(alive) (r + x)(beta + T) / ((alpha + T)(s - 1)) [1 -
     * ((beta + T)/(beta + T + t))^(s - 1)]}, continuous at {@code s = 1}.
     */
    @Override
    public double expectedPurchases(CustomerSummary customer, TimeSpan horizon) {
        int x = customer.frequency();
        double t = Models.age(customer, unit);
        double h = horizon.in(unit);
        if (h == 0) {
            return 0.0;
        }
        return probabilityAlive(customer)
                * (r + x)
                / (alpha + t)
                * (beta + t)
                * Models.powerIntegral(s, (beta + t) / (beta + t + h));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Equation (27) of the note.
     */
    @Override
    public double expectedRepeatPurchases(TimeSpan time) {
        double h = time.in(unit);
        if (h == 0) {
            return 0.0;
        }
        return r / alpha * beta * Models.powerIntegral(s, beta / (beta + h));
    }

    /**
     * The probability that a customer makes exactly {@code n} purchases in the {@code horizon} after
     * its observation ends, given its history {@code (x, t_x, T)}.
     *
     * <p>Given that it is alive at {@code T}, a customer's rates are distributed {@code lambda ~
     * Gamma(r + x, alpha + T)} and {@code mu ~ Gamma(s, beta + T)}, independently, and its lifetime
     * is memoryless, so its future is a new Pareto/NBD process with those parameters; a customer no
     * longer alive buys nothing. Hence {@code P(alive) × P_new(n)} plus {@code 1 - P(alive)} when
     * {@code n = 0}, with {@code P_new} as in {@link #probabilityOfRepeatPurchases(int, TimeSpan)}.
     * Fader &amp; Hardie's note 028, "Deriving the conditional PMF of the Pareto/NBD model", derives
     * the same probability written out in full.
     *
     * @param customer the summary
     * @param n the number of purchases, not negative
     * @param horizon how far ahead
     * @return the probability, in [0, 1]
     * @since 0.1.0
     */
    public double probabilityOfPurchases(CustomerSummary customer, int n, TimeSpan horizon) {
        requireCount(n);
        int x = customer.frequency();
        double t = Models.age(customer, unit);
        double alive = probabilityAlive(customer);
        double p = alive * pmf(r + x, alpha + t, s, beta + t, n, horizon.in(unit));
        return Math.min(1.0, n == 0 ? p + (1 - alive) : p);
    }

    /**
     * The probability that a new customer makes exactly {@code n} repeat purchases in its first
     * {@code time} after its first purchase (Fader &amp; Hardie's note 012, "Deriving an expression
     * for P(X(t) = x) under the Pareto/NBD model"). It is the probability of {@code n}
     * purchases while alive through {@code t}, plus that of {@code n} purchases before dying at some
     * {@code tau <= t}; the second term is a difference of {@code 2F1} values ({@link
     * Hypergeometric}, argument in {@code [0, 1)} by the same choice on {@code alpha >= beta} as the
     * likelihood).
     *
     * @param n the number of purchases, not negative
     * @param time time since the first purchase
     * @return the probability, in [0, 1]
     * @since 0.1.0
     */
    public double probabilityOfRepeatPurchases(int n, TimeSpan time) {
        requireCount(n);
        return pmf(r, alpha, s, beta, n, time.in(unit));
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, was " + n);
        }
    }

    /** P(X(t) = n) for a new customer of a Pareto/NBD with the given parameters. */
    private static double pmf(double r, double alpha, double s, double beta, int n, double t) {
        if (t == 0) {
            return n == 0 ? 1.0 : 0.0;
        }
        // Alive throughout (0, t]: the NBD count times P(tau > t).
        double logAlive = logGamma(r + n)
                - logGamma(r)
                - logGamma(n + 1.0)
                + r * Math.log(alpha / (alpha + t))
                + n * Math.log(t / (alpha + t))
                + s * Math.log(beta / (beta + t));
        // Died at tau <= t after exactly n purchases:
        // alpha^r beta^s B(r+n, s+1)/B(r, s) [B1 - sum_{i=0..n} Gamma(r+s+i)/(Gamma(r+s) i!) t^i B2_i].
        boolean alphaLarger = alpha >= beta;
        double max = alphaLarger ? alpha : beta;
        double b = alphaLarger ? s + 1 : r + n;
        double c = r + s + n + 1;
        double diff = Math.abs(alpha - beta);
        double logB1 = Hypergeometric.logHyp2f1(r + s, b, c, diff / max) - (r + s) * Math.log(max);
        double zt = diff / (max + t);
        double logTerm = -logGamma(r + s);
        double sum = 0;
        for (int i = 0; i <= n; i++) {
            double a = r + s + i;
            double logB2 = Hypergeometric.logHyp2f1(a, b, c, zt) - a * Math.log(max + t);
            double logWeight = logGamma(a) + logTerm - logGamma(i + 1.0) + i * Math.log(t);
            sum += Math.exp(logWeight + logB2 - logB1);
        }
        double bracket = Math.max(0.0, 1 - sum);
        double logDeadPrefactor = r * Math.log(alpha) + s * Math.log(beta) + logBeta(r + n, s + 1) - logBeta(r, s);
        double p = Math.exp(logAlive) + bracket * Math.exp(logDeadPrefactor + logB1);
        if (!Double.isFinite(p)) {
            throw new AnalyticsException("Pareto/NBD P(X(t) = " + n + ") not finite for r=" + r + " alpha=" + alpha
                    + " s=" + s + " beta=" + beta + " t=" + t);
        }
        return Math.min(1.0, Math.max(0.0, p));
    }

    /**
     * Discounted expected residual transactions (DERT): the customer's expected purchases over its
     * whole remaining lifetime, each discounted continuously to the end of its observation (Fader,
     * Hardie &amp; Lee 2005, "RFM and CLV: using iso-value curves for customer base analysis",
     * equation 2):
     *
     * <pre>{@code
     * DERT = P(alive) (r + x)/(alpha + T) ∫_0^∞ e^(-delta t) ((beta + T)/(beta + T + t))^s dt
     *      = P(alive) (r + x)/(alpha + T) (beta + T) e^z E_s(z),   z = delta (beta + T)
     * }</pre>
     *
     * <p>which is the paper's {@code alpha^r beta^s delta^(s-1) Gamma(r+x+1) Psi(s, s; delta(beta +
     * T)) / (Gamma(r) (alpha + T)^(r+x+1) L)} rewritten with {@link ExponentialIntegral} ({@code
     * Psi(s, s; z) = z^(1-s) e^z E_s(z)}).
     *
     * <p>The discount rate's unit is explicit: {@code delta} is {@link
     * DiscountRate#continuousRate(TimeUnit)} in this model's unit, {@code ln(1 + rate)} per rate unit
     * converted exactly as the paper converts its 15% a year into 0.0027 a week ({@code ln(1.15) /
     * 52}). Multiply by the expected spend per purchase for the customer's residual value ({@link
     * Clv#residualValue(CustomerSummary)}).
     *
     * @param customer the summary
     * @param discountRate the discount rate, positive (without discounting the sum is infinite when
     *     {@code s <= 1})
     * @return discounted expected purchases, not negative, in purchases
     * @throws AnalyticsException if the rate is not positive, or so small that {@code delta (beta +
     *     T)} is below {@link ExponentialIntegral#MIN_ARGUMENT}
     * @since 0.1.0
     */
    public double discountedExpectedResidualPurchases(CustomerSummary customer, DiscountRate discountRate) {
        Objects.requireNonNull(discountRate, "discountRate");
        double delta = discountRate.continuousRate(unit);
        if (!(delta > 0)) {
            throw new AnalyticsException("DERT needs a positive discount rate, was " + discountRate);
        }
        int x = customer.frequency();
        double t = Models.age(customer, unit);
        double b = beta + t;
        double z = delta * b;
        if (z < ExponentialIntegral.MIN_ARGUMENT) {
            throw new AnalyticsException("discount rate " + discountRate + " too small for DERT: delta (beta + T) = "
                    + z + " < " + ExponentialIntegral.MIN_ARGUMENT);
        }
        return probabilityAlive(customer) * (r + x) / (alpha + t) * b * ExponentialIntegral.scaled(s, z);
    }
}
