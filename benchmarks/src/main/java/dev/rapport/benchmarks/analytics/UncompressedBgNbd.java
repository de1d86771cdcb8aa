package dev.rapport.benchmarks.analytics;

import static org.hipparchus.special.Gamma.logGamma;

import dev.rapport.crm.analytics.internal.MaximumLikelihood;
import dev.rapport.crm.analytics.models.BgNbdModel;
import dev.rapport.crm.analytics.models.FitOptions;

/**
 * The baseline of the fit: the BG/NBD log-likelihood summed over every customer individually, no
 * compression into {@code (x, t_x, T)} patterns, maximised by the same optimiser from the same
 * start as {@link BgNbdModel#fit(Iterable, FitOptions)}. The formula is the one {@code BgNbdModel}
 * uses (equation (6) of Fader, Hardie &amp; Lee 2005, in logs, the terms constant across customers
 * computed once per evaluation), written out here because the model's own is private to it.
 *
 * <p>{@code MaximumLikelihood} is in crm-analytics' {@code internal} package: public, not part of
 * the API, used here only so that the two fits differ in nothing but the compression.
 */
final class UncompressedBgNbd {
    private UncompressedBgNbd() {}

    /** The outcome of the baseline fit: parameters, log-likelihood and the optimiser's counts. */
    record Fit(double[] parameters, double logLikelihood, int evaluations, boolean converged) {}

    /**
     * Fits by maximum likelihood over every customer.
     *
     * @param c the customers
     * @param options as given to Rapport's fit
     * @return the outcome
     */
    static Fit fit(CdnowSimulation.Customers c, FitOptions options) {
        double meanAge = 0;
        for (double t : c.age()) {
            meanAge += t;
        }
        meanAge /= c.size();
        MaximumLikelihood.Outcome o = MaximumLikelihood.maximize(
                BgNbdModel.PARAMETERS,
                p -> logLikelihood(p, c.x(), c.recency(), c.age()),
                c.size(),
                new double[] {1, meanAge > 0 ? meanAge : 1.0, 1, 1},
                options);
        return new Fit(
                o.parameters(),
                o.logLikelihood(),
                o.convergence().evaluations(),
                o.convergence().converged());
    }

    /**
     * The total log-likelihood, one term per customer.
     *
     * @param p r, alpha, a, b
     * @param x frequencies
     * @param tx recencies
     * @param age ages
     * @return the sum over customers
     */
    static double logLikelihood(double[] p, int[] x, double[] tx, double[] age) {
        double r = p[0];
        double alpha = p[1];
        double a = p[2];
        double b = p[3];
        double constant = -logGamma(r) + r * Math.log(alpha) + logGamma(a + b) - logGamma(b);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += constant + single(r, alpha, a, b, x[i], tx[i], age[i]);
        }
        return sum;
    }

    private static double single(double r, double alpha, double a, double b, int x, double tx, double t) {
        double a12 = logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return a12 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        double m = Math.max(a3, a4);
        return a12 + m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
    }
}
