package dev.rapport.benchmarks.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.models.BgNbdModel;
import dev.rapport.crm.analytics.models.FitOptions;
import dev.rapport.crm.analytics.models.FitResult;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import dev.rapport.crm.analytics.summary.InputOrder;
import dev.rapport.crm.analytics.summary.Summaries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The analytics baselines do the same work as Rapport: same answers on the same data (no timing). */
class AnalyticsBaselinesAgreeTest {

    @Test
    void plainSummaries_equalRapportsStreamedSummaries() {
        List<CustomerSummary> rapport = Summaries.summarize(
                        new PurchaseStream(20_000, 7), SummaryStreamBenchmark.SPEC, InputOrder.SORTED_BY_CUSTOMER)
                .collect(Collectors.toList());
        List<CustomerSummary> plain = new ArrayList<>();
        PlainSummaries.summarize(new PurchaseStream(20_000, 7), PurchaseStream.WINDOW_END, plain::add);
        plain.sort(Comparator.comparing(CustomerSummary::customerId));
        assertThat(rapport).hasSizeGreaterThan(1_000);
        assertThat(plain).isEqualTo(rapport);
        assertThat(rapport).anyMatch(s -> s.frequency() > 0);
    }

    @Test
    void uncompressedFit_findsRapportsEstimate() {
        CdnowSimulation.Customers c = CdnowSimulation.simulate(20_000, 11);
        FitResult<BgNbdModel> rapport = BgNbdModel.fit(c.summaries());
        UncompressedBgNbd.Fit plain = UncompressedBgNbd.fit(c, FitOptions.defaults());
        assertThat(rapport.converged()).isTrue();
        assertThat(plain.converged()).isTrue();
        assertThat(rapport.patterns()).isLessThan(c.size() / 2);
        assertThat(plain.logLikelihood()).isCloseTo(rapport.logLikelihood(), within(1e-6));
        BgNbdModel m = rapport.model();
        double[] expected = {m.r(), m.alpha(), m.a(), m.b()};
        for (int i = 0; i < 4; i++) {
            assertThat(plain.parameters()[i]).isCloseTo(expected[i], within(1e-4 * expected[i]));
        }
        System.out.println("20 000 customers, " + rapport.patterns() + " patterns; evaluations: compressed "
                + rapport.convergence().evaluations() + ", uncompressed " + plain.evaluations() + "; "
                + rapport.parameters());
    }

    @Test
    void inlineScoring_equalsRapport() {
        BgNbdModel model = BgNbdModel.of(
                CdnowSimulation.R, CdnowSimulation.ALPHA, CdnowSimulation.A, CdnowSimulation.B, TimeUnit.WEEK);
        InlineBgNbd inline =
                new InlineBgNbd(CdnowSimulation.R, CdnowSimulation.ALPHA, CdnowSimulation.A, CdnowSimulation.B);
        for (CustomerSummary s : CdnowSimulation.simulate(5_000, 3).summaries()) {
            assertThat(inline.probabilityAlive(s)).isEqualTo(model.probabilityAlive(s));
            assertThat(inline.expectedPurchases(s, 39))
                    .isCloseTo(model.expectedPurchases(s, TimeSpan.of(39, TimeUnit.WEEK)), within(1e-12));
        }
    }
}
