package dev.rapport.crm.analytics.models;

import static org.hipparchus.special.Gamma.logGamma;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.internal.MaximumLikelihood;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The Gamma-Gamma model of spend per purchase (Fader &amp; Hardie 2013, "The Gamma-Gamma model of
 * monetary value"): a customer's purchase values are Gamma({@code p}, {@code nu}) with {@code nu ~
 * Gamma(q, gamma)}, independent of its purchase frequency. Values are in the currency of the input
 * amounts.
 *
 * <p>It is fitted on the mean value of repeat purchases ({@link CustomerSummary#meanRepeatValue()})
 * of customers with at least one repeat purchase. Immutable and thread-safe.
 *
 * @param p shape of the per-purchase value distribution, positive
 * @param q shape of the scale's distribution, positive
 * @param gamma scale of the scale's distribution (currency), positive
 * @since 0.1.0
 */
public record GammaGammaModel(double p, double q, double gamma) {
    /** Parameter names in order. */
    public static final List<String> PARAMETERS = List.of("p", "q", "gamma");

    /**
     * The default bound on |Pearson correlation| between frequency and mean spend above which
     * {@link #fit(Iterable)} refuses the data: the model assumes they are independent.
     */
    public static final double DEFAULT_MAX_CORRELATION = 0.3;

    /** Validates the parameters. */
    public GammaGammaModel {
        Models.requirePositive("p", p);
        Models.requirePositive("q", q);
        Models.requirePositive("gamma", gamma);
    }

    /**
     * A model with known parameters.
     *
     * @param p value shape
     * @param q scale shape
     * @param gamma scale scale
     * @return the model
     */
    public static GammaGammaModel of(double p, double q, double gamma) {
        return new GammaGammaModel(p, q, gamma);
    }

    /**
     * Fits with default options and the default correlation bound.
     *
     * @param customers summaries; those without repeat purchases are skipped
     * @return the fit
     */
    public static FitResult<GammaGammaModel> fit(Iterable<CustomerSummary> customers) {
        return fit(customers, FitOptions.defaults(), DEFAULT_MAX_CORRELATION);
    }

    /**
     * Fits by maximum likelihood on the customers with at least one repeat purchase (others are
     * skipped and not counted in {@link FitResult#customers()}), from the deterministic start
     * {@code p = q = 1}, {@code gamma} = mean spend.
     *
     * @param customers summaries
     * @param options penalty, budgets, tolerance
     * @param maxAbsCorrelation the largest |Pearson correlation| between frequency and mean spend
     *     accepted, in (0, 1]; 1 disables the check
     * @return the fit, converged or not
     * @throws AnalyticsException if fewer than two customers have repeat purchases, a customer
     *     with repeat purchases has mean spend 0 (the model needs positive values), or frequency
     *     and spend are correlated beyond {@code maxAbsCorrelation}
     */
    public static FitResult<GammaGammaModel> fit(
            Iterable<CustomerSummary> customers, FitOptions options, double maxAbsCorrelation) {
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(options, "options");
        if (!(maxAbsCorrelation > 0 && maxAbsCorrelation <= 1)) {
            throw new IllegalArgumentException("maxAbsCorrelation must be in (0, 1], was " + maxAbsCorrelation);
        }
        Map<List<Double>, long[]> counts = new TreeMap<>((u, v) -> {
            int c = Double.compare(u.get(0), v.get(0));
            return c != 0 ? c : Double.compare(u.get(1), v.get(1));
        });
        long n = 0;
        double sx = 0;
        double sz = 0;
        double sxx = 0;
        double szz = 0;
        double sxz = 0;
        for (CustomerSummary c : customers) {
            if (c.frequency() == 0) {
                continue;
            }
            if (!(c.meanRepeatValue() > 0)) {
                throw new AnalyticsException(
                        "the Gamma-Gamma model needs positive spend, but customer " + c.customerId() + " has "
                                + c.frequency() + " repeat purchases with mean value " + c.meanRepeatValue());
            }
            double x = c.frequency();
            double z = c.meanRepeatValue();
            counts.computeIfAbsent(List.of(x, z), k -> new long[1])[0]++;
            n++;
            sx += x;
            sz += z;
            sxx += x * x;
            szz += z * z;
            sxz += x * z;
        }
        if (n < 2) {
            throw new AnalyticsException(
                    "the Gamma-Gamma model needs at least two customers with repeat purchases, got " + n);
        }
        double cov = sxz / n - (sx / n) * (sz / n);
        double vx = sxx / n - (sx / n) * (sx / n);
        double vz = szz / n - (sz / n) * (sz / n);
        double corr = vx > 0 && vz > 0 ? cov / Math.sqrt(vx * vz) : 0.0;
        if (Math.abs(corr) > maxAbsCorrelation) {
            throw new AnalyticsException(String.format(
                    java.util.Locale.ROOT,
                    "the Gamma-Gamma model assumes spend is independent of frequency, but their correlation is"
                            + " %.3f (bound %.3f)",
                    corr,
                    maxAbsCorrelation));
        }
        int size = counts.size();
        double[] xs = new double[size];
        double[] zs = new double[size];
        double[] ws = new double[size];
        int i = 0;
        for (Map.Entry<List<Double>, long[]> e : counts.entrySet()) {
            xs[i] = e.getKey().get(0);
            zs[i] = e.getKey().get(1);
            ws[i] = e.getValue()[0];
            i++;
        }
        MaximumLikelihood.Outcome o = MaximumLikelihood.maximize(
                PARAMETERS,
                par -> {
                    double sum = 0;
                    for (int k = 0; k < size; k++) {
                        sum += ws[k] * logLikelihood(par[0], par[1], par[2], xs[k], zs[k]);
                    }
                    return sum;
                },
                n,
                new double[] {1, 1, sz / n},
                options);
        double[] par = o.parameters();
        return new FitResult<>(
                new GammaGammaModel(par[0], par[1], par[2]),
                o.estimates(),
                o.logLikelihood(),
                o.convergence(),
                n,
                size);
    }

    /** The log density of the mean zbar of x purchase values. */
    private static double logLikelihood(double p, double q, double gamma, double x, double zbar) {
        double px = p * x;
        return logGamma(px + q)
                - logGamma(px)
                - logGamma(q)
                + q * Math.log(gamma)
                + (px - 1) * Math.log(zbar)
                + px * Math.log(x)
                - (px + q) * Math.log(gamma + x * zbar);
    }

    /**
     * The log-likelihood of one customer's mean repeat spend.
     *
     * @param customer a summary with at least one repeat purchase and positive mean spend
     * @return the log density
     */
    public double logLikelihood(CustomerSummary customer) {
        if (customer.frequency() == 0 || !(customer.meanRepeatValue() > 0)) {
            throw new AnalyticsException("customer " + customer.customerId()
                    + " has no positive repeat spend; the Gamma-Gamma likelihood is undefined");
        }
        return logLikelihood(p, q, gamma, customer.frequency(), customer.meanRepeatValue());
    }

    /**
     * The expected value of one purchase of a customer in the population: {@code p gamma / (q -
     * 1)}.
     *
     * @return the population mean spend per purchase
     * @throws AnalyticsException if {@code q <= 1} (the mean is infinite)
     */
    public double populationMeanSpend() {
        if (q <= 1) {
            throw new AnalyticsException("the mean spend is infinite when q <= 1, q=" + q);
        }
        return p * gamma / (q - 1);
    }

    /**
     * The expected value of this customer's future purchases given its repeat purchases: {@code
     * p (gamma + x zbar) / (p x + q - 1)}, a weighted average of the population mean and the
     * customer's own mean. A customer without repeat purchases gets the population mean.
     *
     * @param customer the summary
     * @return the expected spend per purchase
     * @throws AnalyticsException if {@code q <= 1}
     */
    public double expectedSpend(CustomerSummary customer) {
        int x = customer.frequency();
        if (x == 0) {
            return populationMeanSpend();
        }
        if (q <= 1) {
            throw new AnalyticsException("the mean spend is infinite when q <= 1, q=" + q);
        }
        return p * (gamma + x * customer.meanRepeatValue()) / (p * x + q - 1);
    }
}
