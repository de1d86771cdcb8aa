package dev.rapport.crm.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.DiscountRate;
import dev.rapport.crm.analytics.Seeds;
import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties the theory guarantees, on generated customers (seeded; replay with -Drapport.seed=N). */
class PredictionPropertiesTest {
    private static final BgNbdModel BG = BgNbdModel.of(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEK);
    private static final ParetoNbdModel PNBD = ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669, TimeUnit.WEEK);

    static Stream<TransactionModel> models() {
        return Stream.of(
                BG,
                PNBD,
                ParetoNbdModel.of(0.5, 12, 0.7, 3, TimeUnit.WEEK),
                BgNbdModel.of(1.2, 3, 1.0, 0.6, TimeUnit.WEEK));
    }

    @ParameterizedTest
    @MethodSource("models")
    void probabilityAlive_increasesWithRecency(TransactionModel m) {
        long seed = Seeds.seed("PredictionPropertiesTest.probabilityAlive " + m, 424242L);
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            int x = 1 + random.nextInt(30);
            double age = 1 + 77 * random.nextDouble();
            double r1 = age * random.nextDouble();
            double r2 = r1 + (age - r1) * random.nextDouble();
            double p1 = m.probabilityAlive(CustomerSummary.of("a", TimeUnit.WEEK, x, r1, age));
            double p2 = m.probabilityAlive(CustomerSummary.of("b", TimeUnit.WEEK, x, r2, age));
            assertThat(p2)
                    .as("x=%s T=%s t_x %s -> %s, seed %s", x, age, r1, r2, seed)
                    .isGreaterThanOrEqualTo(p1 - 1e-12);
            assertThat(p1).as("P(alive), seed %s", seed).isBetween(0.0, 1.0);
            assertThat(m.expectedPurchases(
                            CustomerSummary.of("b", TimeUnit.WEEK, x, r2, age), TimeSpan.of(39, TimeUnit.WEEK)))
                    .as("expected purchases, x=%s T=%s t_x %s -> %s, seed %s", x, age, r1, r2, seed)
                    .isGreaterThanOrEqualTo(m.expectedPurchases(
                                    CustomerSummary.of("a", TimeUnit.WEEK, x, r1, age), TimeSpan.of(39, TimeUnit.WEEK))
                            - 1e-12);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void expectedPurchases_increaseWithHorizonAndStartAtZero(TransactionModel m) {
        CustomerSummary c = CustomerSummary.of("c", TimeUnit.WEEK, 3, 20, 38);
        double previous = 0;
        assertThat(m.expectedPurchases(c, TimeSpan.of(0, TimeUnit.WEEK))).isZero();
        for (int h = 1; h <= 520; h *= 2) {
            double e = m.expectedPurchases(c, TimeSpan.of(h, TimeUnit.WEEK));
            assertThat(e).isGreaterThan(previous);
            previous = e;
            double n = m.expectedRepeatPurchases(TimeSpan.of(h, TimeUnit.WEEK));
            assertThat(n).isPositive().isFinite();
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void predictions_convertTheCustomersTimeUnit(TransactionModel m) {
        CustomerSummary weeks = CustomerSummary.of("c", TimeUnit.WEEK, 3, 20, 38);
        CustomerSummary days = CustomerSummary.of("c", TimeUnit.DAY, 3, 140, 266);
        assertThat(m.probabilityAlive(days)).isCloseTo(m.probabilityAlive(weeks), within(1e-12));
        assertThat(m.expectedPurchases(days, TimeSpan.of(70, TimeUnit.DAY)))
                .isCloseTo(m.expectedPurchases(weeks, TimeSpan.of(10, TimeUnit.WEEK)), within(1e-12));
    }

    @Test
    void bgNbd_probabilityOfPurchases_sumsToOneWithTheExpectedMean() {
        long seed = Seeds.seed("PredictionPropertiesTest.bgNbdPmf", 424242L);
        Random random = new Random(seed);
        for (int i = 0; i < 40; i++) {
            int x = random.nextInt(15);
            double age = 5 + 34 * random.nextDouble();
            double rec = x == 0 ? 0 : age * random.nextDouble();
            CustomerSummary c = CustomerSummary.of("c", TimeUnit.WEEK, x, rec, age);
            TimeSpan horizon = TimeSpan.of(1 + 60 * random.nextDouble(), TimeUnit.WEEK);
            double total = 0;
            double mean = 0;
            for (int n = 0; n < 400; n++) {
                double p = BG.probabilityOfPurchases(c, n, horizon);
                assertThat(p).as("P(%s) for %s, seed %s", n, c, seed).isBetween(0.0, 1.0);
                total += p;
                mean += n * p;
            }
            assertThat(total).as("sum for %s, seed %s", c, seed).isCloseTo(1.0, within(1e-9));
            assertThat(mean)
                    .as("mean for %s, seed %s", c, seed)
                    .isCloseTo(BG.expectedPurchases(c, horizon), within(1e-7));
        }
        double newTotal = 0;
        for (int n = 0; n < 400; n++) {
            newTotal += BG.probabilityOfRepeatPurchases(n, TimeSpan.of(39, TimeUnit.WEEK));
        }
        assertThat(newTotal).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void paretoNbd_expectedPurchases_isContinuousAtSEqualOne() {
        CustomerSummary c = CustomerSummary.of("c", TimeUnit.WEEK, 2, 20, 38);
        TimeSpan h = TimeSpan.of(39, TimeUnit.WEEK);
        double at = ParetoNbdModel.of(0.5, 10, 1.0, 10, TimeUnit.WEEK).expectedPurchases(c, h);
        double near = ParetoNbdModel.of(0.5, 10, 1.0 + 1e-7, 10, TimeUnit.WEEK).expectedPurchases(c, h);
        assertThat(at).isCloseTo(near, within(1e-6));
    }

    @Test
    void clv_discountsAndGrowsWithHorizon() {
        GammaGammaModel gg = GammaGammaModel.of(6.25, 3.74, 15.44);
        CustomerSummary c = CustomerSummary.of("c", TimeUnit.WEEK, 4, 30, 38).withValues(40, BigDecimal.ZERO);
        Clv none = Clv.of(BG, gg, DiscountRate.of(0.0, TimeUnit.MONTH));
        Clv monthly = Clv.of(BG, gg, DiscountRate.of(0.01, TimeUnit.MONTH));
        TimeSpan year = TimeSpan.of(12, TimeUnit.MONTH);
        double undiscounted = gg.expectedSpend(c) * BG.expectedPurchases(c, year);
        assertThat(none.value(c, year)).isCloseTo(undiscounted, within(1e-9 * undiscounted));
        assertThat(monthly.value(c, year)).isLessThan(undiscounted).isGreaterThan(undiscounted / 1.13);
        assertThat(monthly.value(c, TimeSpan.of(24, TimeUnit.MONTH))).isGreaterThan(monthly.value(c, year));
        // The same rate written per year gives nearly the same value over a year.
        Clv yearly = Clv.of(BG, gg, DiscountRate.of(Math.pow(1.01, 12) - 1, TimeUnit.ofDays(365)));
        assertThat(yearly.value(c, year)).isLessThan(none.value(c, year));
    }

    @Test
    void gammaGamma_refusesInputThatBreaksItsAssumptions() {
        List<CustomerSummary> zeroSpend = List.of(
                CustomerSummary.of("a", TimeUnit.WEEK, 2, 1, 2).withValues(10, BigDecimal.ZERO),
                CustomerSummary.of("b", TimeUnit.WEEK, 1, 1, 2));
        assertThatThrownBy(() -> GammaGammaModel.fit(zeroSpend))
                .isInstanceOf(AnalyticsException.class)
                .hasMessageContaining("positive spend");
        List<CustomerSummary> correlated = List.of(
                CustomerSummary.of("a", TimeUnit.WEEK, 1, 1, 2).withValues(10, BigDecimal.ZERO),
                CustomerSummary.of("b", TimeUnit.WEEK, 2, 1, 2).withValues(20, BigDecimal.ZERO),
                CustomerSummary.of("c", TimeUnit.WEEK, 3, 1, 2).withValues(30, BigDecimal.ZERO));
        assertThatThrownBy(() -> GammaGammaModel.fit(correlated))
                .isInstanceOf(AnalyticsException.class)
                .hasMessageContaining("correlation");
        assertThatThrownBy(() -> GammaGammaModel.fit(List.of(CustomerSummary.of("a", TimeUnit.WEEK, 0, 0, 2))))
                .isInstanceOf(AnalyticsException.class)
                .hasMessageContaining("at least two");
    }

    @Test
    void fit_cdnowWithTinyBudget_isAnExplicitNonConvergedResult() {
        List<CustomerSummary> data = dev.rapport.crm.analytics.CdnowData.publishedSummary();
        FitResult<BgNbdModel> fit = BgNbdModel.fit(data, new FitOptions(0, 100, 1, 1e-7));
        assertThat(fit.converged()).isFalse();
        assertThat(fit.convergence().reason()).isNotBlank();
        assertThat(fit.logLikelihood()).isFinite();
        assertThatThrownBy(fit::model).isInstanceOf(AnalyticsException.class).hasMessageContaining("did not converge");
        assertThat(fit.lastIterate()).isNotNull();
    }

    @Test
    void fit_withoutAnyRepeatPurchase_hasNoMaximumAndSaysSo() {
        List<CustomerSummary> data = List.of(
                CustomerSummary.of("a", TimeUnit.WEEK, 0, 0, 30), CustomerSummary.of("b", TimeUnit.WEEK, 0, 0, 20));
        FitResult<BgNbdModel> fit = BgNbdModel.fit(data);
        System.out.println("no repeat purchases: " + fit.convergence() + " " + fit.parameters());
        assertThat(fit.converged()).isFalse();
        assertThat(fit.logLikelihood()).isFinite();
        assertThatThrownBy(fit::model).isInstanceOf(AnalyticsException.class);
    }

    @Test
    void fit_cdnowWithL2Penalty_shrinksParameters() {
        List<CustomerSummary> data = dev.rapport.crm.analytics.CdnowData.publishedSummary();
        FitResult<BgNbdModel> plain = BgNbdModel.fit(data);
        FitResult<BgNbdModel> penalised =
                BgNbdModel.fit(data, FitOptions.defaults().withL2Penalty(0.01));
        assertThat(penalised.converged()).isTrue();
        double sq = 0;
        double sqPlain = 0;
        for (int i = 0; i < 4; i++) {
            sq += Math.pow(penalised.parameters().get(i).value(), 2);
            sqPlain += Math.pow(plain.parameters().get(i).value(), 2);
        }
        assertThat(sq).isLessThan(sqPlain);
        assertThat(penalised.logLikelihood()).isLessThan(plain.logLikelihood());
    }
}
