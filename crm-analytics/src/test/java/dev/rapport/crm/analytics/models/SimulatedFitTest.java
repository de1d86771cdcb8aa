package dev.rapport.crm.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.analytics.Seeds;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

/** Data simulated from known parameters is fitted back within sampling error (seeded). */
class SimulatedFitTest {
    private static final int CUSTOMERS = 4000;

    /** The default differs per model; a pinned -Drapport.seed is used as given, so the printed seed replays. */
    static long seed(String name) {
        return Seeds.seed("SimulatedFitTest " + name, 0x5eedL ^ name.hashCode());
    }

    static double age(RandomDataGenerator rng) {
        return 20 + 19 * rng.nextDouble(); // cohorts of different ages, in weeks
    }

    static void assertWithin(FitResult<?> fit, double[] truth, long seed) {
        assertThat(fit.converged())
                .as("converged, seed %s: %s", seed, fit.convergence())
                .isTrue();
        for (int i = 0; i < truth.length; i++) {
            ParameterEstimate e = fit.parameters().get(i);
            assertThat(e.standardError())
                    .as("standard error of %s, seed %s", e.name(), seed)
                    .isPresent();
            double z = (e.value() - truth[i]) / e.standardError().getAsDouble();
            assertThat(Math.abs(z))
                    .as("%s = %s, truth %s, se %s, seed %s", e.name(), e.value(), truth[i], e.standardError(), seed)
                    .isLessThan(4.5);
        }
    }

    @Test
    void bgNbd_simulatedFromKnownParameters_isFittedBack() {
        long seed = seed("BG/NBD");
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        double[] truth = {0.5, 6.0, 0.8, 2.5};
        List<CustomerSummary> data = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            double lambda = rng.nextGamma(truth[0], 1 / truth[1]);
            double p = rng.nextBeta(truth[2], truth[3]);
            double t = age(rng);
            int x = 0;
            double tx = 0;
            double now = 0;
            while (true) {
                now += rng.nextExponential(1 / lambda);
                if (now > t) {
                    break;
                }
                x++;
                tx = now;
                if (rng.nextDouble() < p) {
                    break;
                }
            }
            data.add(CustomerSummary.of("c" + i, TimeUnit.WEEK, x, tx, t));
        }
        FitResult<BgNbdModel> fit = BgNbdModel.fit(data);
        System.out.println("BG/NBD simulated: " + fit.parameters());
        assertWithin(fit, truth, seed);
    }

    @Test
    void paretoNbd_simulatedFromKnownParameters_isFittedBack() {
        long seed = seed("Pareto/NBD");
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        double[] truth = {0.6, 8.0, 0.9, 12.0};
        List<CustomerSummary> data = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            double lambda = rng.nextGamma(truth[0], 1 / truth[1]);
            double mu = rng.nextGamma(truth[2], 1 / truth[3]);
            double t = age(rng);
            double end = Math.min(t, rng.nextExponential(1 / mu));
            int x = 0;
            double tx = 0;
            double now = rng.nextExponential(1 / lambda);
            while (now <= end) {
                x++;
                tx = now;
                now += rng.nextExponential(1 / lambda);
            }
            data.add(CustomerSummary.of("c" + i, TimeUnit.WEEK, x, tx, t));
        }
        FitResult<ParetoNbdModel> fit = ParetoNbdModel.fit(data);
        System.out.println("Pareto/NBD simulated: " + fit.parameters());
        assertWithin(fit, truth, seed);
    }

    @Test
    void gammaGamma_simulatedFromKnownParameters_isFittedBack() {
        long seed = seed("Gamma-Gamma");
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        double[] truth = {6.0, 4.0, 15.0};
        List<CustomerSummary> data = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            double nu = rng.nextGamma(truth[1], 1 / truth[2]);
            int x = 1 + (int) rng.nextPoisson(2.0);
            double sum = 0;
            for (int k = 0; k < x; k++) {
                sum += rng.nextGamma(truth[0], 1 / nu);
            }
            data.add(CustomerSummary.of("c" + i, TimeUnit.WEEK, x, 1, 2).withValues(sum / x, BigDecimal.ZERO));
        }
        FitResult<GammaGammaModel> fit = GammaGammaModel.fit(data);
        System.out.println("Gamma-Gamma simulated: " + fit.parameters());
        assertWithin(fit, truth, seed);
    }
}
