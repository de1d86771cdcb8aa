package dev.rapport.crm.analytics.models;

import static org.hipparchus.special.Gamma.logGamma;

import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.internal.MaximumLikelihood;
import dev.rapport.crm.analytics.internal.Patterns;
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
}
