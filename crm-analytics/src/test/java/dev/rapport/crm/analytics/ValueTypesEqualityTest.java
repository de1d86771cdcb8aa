package dev.rapport.crm.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.testing.EqualsTester;
import dev.rapport.crm.analytics.models.BgNbdModel;
import dev.rapport.crm.analytics.models.Clv;
import dev.rapport.crm.analytics.models.Convergence;
import dev.rapport.crm.analytics.models.FitOptions;
import dev.rapport.crm.analytics.models.FitResult;
import dev.rapport.crm.analytics.models.GammaGammaModel;
import dev.rapport.crm.analytics.models.ParameterEstimate;
import dev.rapport.crm.analytics.models.ParetoNbdModel;
import dev.rapport.crm.analytics.rfm.RfmScore;
import dev.rapport.crm.analytics.rfm.RfmSegment;
import dev.rapport.crm.analytics.rfm.RfmSegments;
import dev.rapport.crm.analytics.rfm.RfmSpec;
import dev.rapport.crm.analytics.rfm.TiePolicy;
import dev.rapport.crm.analytics.summary.CustomerHistory;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import dev.rapport.crm.analytics.summary.HoldoutSpec;
import dev.rapport.crm.analytics.summary.HoldoutSummary;
import dev.rapport.crm.analytics.summary.SummarySpec;
import dev.rapport.crm.analytics.tracking.TrackingPoint;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Equality of the module's value types: each group holds equal values, groups differ. */
class ValueTypesEqualityTest {
    private static final LocalDate DAY = LocalDate.of(1997, 1, 1);
    private static final LocalDate NEXT = DAY.plusDays(1);

    @Test
    void timeUnit() {
        new EqualsTester()
                .addEqualityGroup(TimeUnit.DAY, TimeUnit.ofDays(1), TimeUnit.of(Duration.ofDays(1)))
                .addEqualityGroup(TimeUnit.WEEK, TimeUnit.ofDays(7), TimeUnit.of(Duration.ofDays(7)))
                .addEqualityGroup(TimeUnit.ofDays(364), TimeUnit.ofDays(364))
                .addEqualityGroup(TimeUnit.MONTH)
                .testEquals();
    }

    @Test
    void timeSpan() {
        new EqualsTester()
                .addEqualityGroup(TimeSpan.of(7, TimeUnit.DAY), new TimeSpan(7, TimeUnit.ofDays(1)))
                .addEqualityGroup(TimeSpan.of(1, TimeUnit.WEEK)) // as long, but another value
                .addEqualityGroup(TimeSpan.of(8, TimeUnit.DAY))
                .addEqualityGroup(TimeSpan.of(0, TimeUnit.DAY), TimeSpan.of(-0.0, TimeUnit.DAY))
                .testEquals();
    }

    @Test
    void timeSpan_negativeZero_isStoredAsZero() {
        assertThat(Double.compare(TimeSpan.of(-0.0, TimeUnit.WEEK).amount(), 0.0))
                .isZero();
        assertThat(TimeSpan.of(-0.0, TimeUnit.WEEK).toString()).isEqualTo("0.0 week");
    }

    @Test
    void discountRate() {
        new EqualsTester()
                .addEqualityGroup(DiscountRate.of(0.01, TimeUnit.MONTH), new DiscountRate(0.01, TimeUnit.MONTH))
                .addEqualityGroup(DiscountRate.of(0.01, TimeUnit.WEEK))
                .addEqualityGroup(DiscountRate.of(0.02, TimeUnit.MONTH))
                .addEqualityGroup(DiscountRate.of(0.0, TimeUnit.MONTH), DiscountRate.of(-0.0, TimeUnit.MONTH))
                .testEquals();
    }

    @Test
    void purchase() {
        new EqualsTester()
                .addEqualityGroup(
                        Purchase.of("a", DAY, new BigDecimal("10.00")),
                        new Purchase("a", DAY, new BigDecimal("10.00")),
                        Purchase.at(
                                "a",
                                DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                                java.time.ZoneOffset.UTC,
                                new BigDecimal("10.00")))
                .addEqualityGroup(Purchase.of("b", DAY, new BigDecimal("10.00")))
                .addEqualityGroup(Purchase.of("a", NEXT, new BigDecimal("10.00")))
                .addEqualityGroup(Purchase.of("a", DAY, new BigDecimal("11.00")))
                .testEquals();
    }

    @Test
    void purchase_amountsOfAnotherScale_areAnotherValue() {
        // BigDecimal equality, as documented: 10.0 and 10.00 differ; summaries add them alike.
        assertThat(Purchase.of("a", DAY, new BigDecimal("10.0")))
                .isNotEqualTo(Purchase.of("a", DAY, new BigDecimal("10.00")));
    }

    @Test
    void customerSummary() {
        CustomerSummary base = CustomerSummary.of("a", TimeUnit.WEEK, 2, 10, 20);
        new EqualsTester()
                .addEqualityGroup(
                        base, CustomerSummary.of("a", TimeUnit.WEEK, 2, 10, 20), base.withValues(0, BigDecimal.ZERO))
                .addEqualityGroup(CustomerSummary.of("b", TimeUnit.WEEK, 2, 10, 20))
                .addEqualityGroup(CustomerSummary.of("a", TimeUnit.DAY, 2, 10, 20))
                .addEqualityGroup(CustomerSummary.of("a", TimeUnit.WEEK, 3, 10, 20))
                .addEqualityGroup(CustomerSummary.of("a", TimeUnit.WEEK, 2, 11, 20))
                .addEqualityGroup(CustomerSummary.of("a", TimeUnit.WEEK, 2, 10, 21))
                .addEqualityGroup(base.withValues(5, BigDecimal.ZERO))
                .addEqualityGroup(base.withValues(0, BigDecimal.ONE))
                .addEqualityGroup(
                        CustomerSummary.of("n", TimeUnit.WEEK, 0, 0, 0),
                        CustomerSummary.of("n", TimeUnit.WEEK, 0, -0.0, -0.0))
                .testEquals();
    }

    @Test
    void customerHistory_sortsSoInputOrderOfDatesDoesNotMatter() {
        Purchase first = Purchase.of("a", DAY, BigDecimal.ONE);
        Purchase second = Purchase.of("a", NEXT, BigDecimal.TEN);
        new EqualsTester()
                .addEqualityGroup(
                        new CustomerHistory("a", List.of(first, second)),
                        new CustomerHistory("a", List.of(second, first)))
                .addEqualityGroup(new CustomerHistory("a", List.of(first)))
                .addEqualityGroup(new CustomerHistory("b", List.of(Purchase.of("b", DAY, BigDecimal.ONE))))
                .testEquals();
    }

    @Test
    void specsAndHoldoutSummary() {
        CustomerSummary c = CustomerSummary.of("a", TimeUnit.WEEK, 2, 10, 20);
        new EqualsTester()
                .addEqualityGroup(SummarySpec.of(DAY, TimeUnit.WEEK), new SummarySpec(DAY, TimeUnit.WEEK, TimeUnit.DAY))
                .addEqualityGroup(SummarySpec.of(DAY, TimeUnit.WEEK).withPeriod(TimeUnit.WEEK))
                .addEqualityGroup(SummarySpec.of(NEXT, TimeUnit.WEEK))
                .addEqualityGroup(
                        HoldoutSpec.of(DAY, NEXT, TimeUnit.WEEK),
                        new HoldoutSpec(DAY, NEXT, TimeUnit.WEEK, TimeUnit.DAY))
                .addEqualityGroup(HoldoutSpec.of(DAY, NEXT.plusDays(1), TimeUnit.WEEK))
                .addEqualityGroup(
                        new HoldoutSummary(c, 1, BigDecimal.ONE, TimeSpan.of(39, TimeUnit.WEEK)),
                        new HoldoutSummary(c, 1, BigDecimal.ONE, TimeSpan.of(39, TimeUnit.WEEK)))
                .addEqualityGroup(new HoldoutSummary(c, 2, BigDecimal.ONE, TimeSpan.of(39, TimeUnit.WEEK)))
                .addEqualityGroup(new HoldoutSummary(c, 1, BigDecimal.TEN, TimeSpan.of(39, TimeUnit.WEEK)))
                .addEqualityGroup(new HoldoutSummary(c, 1, BigDecimal.ONE, TimeSpan.of(40, TimeUnit.WEEK)))
                .testEquals();
    }

    @Test
    void rfmValues() {
        new EqualsTester()
                .addEqualityGroup(new RfmScore("a", 5, 4, 3), new RfmScore("a", 5, 4, 3))
                .addEqualityGroup(new RfmScore("b", 5, 4, 3))
                .addEqualityGroup(new RfmScore("a", 4, 4, 3))
                .addEqualityGroup(new RfmScore("a", 5, 3, 3))
                .addEqualityGroup(new RfmScore("a", 5, 4, 2))
                .addEqualityGroup(
                        RfmSegment.of("Champions", 4, 5, 4, 5),
                        new RfmSegment("Champions", 4, 5, 4, 5, 1, Integer.MAX_VALUE))
                .addEqualityGroup(RfmSegment.of("Champions", 3, 5, 4, 5))
                .addEqualityGroup(RfmSpec.defaults(), new RfmSpec(5, TiePolicy.VALUE_THRESHOLDS))
                .addEqualityGroup(RfmSpec.defaults().withBins(4))
                .addEqualityGroup(RfmSpec.defaults().withTiePolicy(TiePolicy.RANK))
                .addEqualityGroup(RfmSegments.defaults(), RfmSegments.defaults())
                .addEqualityGroup(new RfmSegments(List.of(RfmSegment.of("All", 1, 5, 1, 5)), "Other"))
                .addEqualityGroup(new RfmSegments(RfmSegments.defaults().segments(), "Rest"))
                .testEquals();
    }

    @Test
    void trackingPoint() {
        new EqualsTester()
                .addEqualityGroup(new TrackingPoint(DAY, NEXT, 3, 2.5), new TrackingPoint(DAY, NEXT, 3, 2.5))
                .addEqualityGroup(new TrackingPoint(DAY, NEXT.plusDays(1), 3, 2.5))
                .addEqualityGroup(new TrackingPoint(DAY, NEXT, 4, 2.5))
                .addEqualityGroup(new TrackingPoint(DAY, NEXT, 3, 2.6))
                .testEquals();
    }

    @Test
    void modelsAndFits() {
        BgNbdModel bg = BgNbdModel.of(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEK);
        ParetoNbdModel pnbd = ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669, TimeUnit.WEEK);
        GammaGammaModel gg = GammaGammaModel.of(6.25, 3.74, 15.44);
        Convergence ok = new Convergence(true, 10, 100, 1e-9, "converged");
        List<ParameterEstimate> estimates = List.of(new ParameterEstimate("r", 0.243, OptionalDouble.of(0.01)));
        new EqualsTester()
                .addEqualityGroup(bg, new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEK))
                .addEqualityGroup(BgNbdModel.of(0.243, 4.414, 0.793, 2.426, TimeUnit.DAY))
                .addEqualityGroup(BgNbdModel.of(0.244, 4.414, 0.793, 2.426, TimeUnit.WEEK))
                .addEqualityGroup(pnbd, new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, TimeUnit.WEEK))
                .addEqualityGroup(ParetoNbdModel.of(0.553, 10.578, 0.606, 11.67, TimeUnit.WEEK))
                .addEqualityGroup(gg, new GammaGammaModel(6.25, 3.74, 15.44))
                .addEqualityGroup(GammaGammaModel.of(6.25, 3.75, 15.44))
                .addEqualityGroup(
                        Clv.of(pnbd, gg, DiscountRate.of(0.01, TimeUnit.MONTH)),
                        new Clv(pnbd, gg, DiscountRate.of(0.01, TimeUnit.MONTH)))
                .addEqualityGroup(Clv.of(bg, gg, DiscountRate.of(0.01, TimeUnit.MONTH)))
                .addEqualityGroup(Clv.of(pnbd, gg, DiscountRate.of(0.15, TimeUnit.ofDays(365))))
                .addEqualityGroup(
                        new ParameterEstimate("r", 0.243, OptionalDouble.of(0.01)),
                        new ParameterEstimate("r", 0.243, OptionalDouble.of(0.01)))
                .addEqualityGroup(new ParameterEstimate("r", 0.243, OptionalDouble.empty()))
                .addEqualityGroup(new ParameterEstimate("alpha", 0.243, OptionalDouble.of(0.01)))
                .addEqualityGroup(ok, new Convergence(true, 10, 100, 1e-9, "converged"))
                .addEqualityGroup(new Convergence(false, 10, 100, 1e-9, "converged"))
                .addEqualityGroup(new Convergence(true, 11, 100, 1e-9, "converged"))
                .addEqualityGroup(FitOptions.defaults(), new FitOptions(0.0, 20_000, 100, 1e-7))
                .addEqualityGroup(FitOptions.defaults().withL2Penalty(0.01))
                .addEqualityGroup(FitOptions.defaults().withMaxEvaluations(500))
                .addEqualityGroup(
                        new FitResult<>(bg, estimates, -9582.4, ok, 2357, 1000),
                        new FitResult<>(bg, List.copyOf(estimates), -9582.4, ok, 2357, 1000))
                .addEqualityGroup(new FitResult<>(bg, estimates, -9582.5, ok, 2357, 1000))
                .addEqualityGroup(new FitResult<>(bg, estimates, -9582.4, ok, 2358, 1000))
                .testEquals();
    }
}
