package dev.rapport.crm.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.CdnowData;
import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BgNbdCdnowTest {
    static FitResult<BgNbdModel> fit;

    @BeforeAll
    static void fitOnce() {
        List<CustomerSummary> data = CdnowData.publishedSummary();
        fit = BgNbdModel.fit(data);
        System.out.println(
                "BG/NBD CDNOW: " + fit.parameters() + " LL=" + fit.logLikelihood() + " " + fit.convergence());
    }

    @Test
    void fit_cdnow_reproducesFaderHardieLee2005() {
        assertThat(fit.converged()).isTrue();
        BgNbdModel m = fit.model();
        assertThat(m.r()).isCloseTo(0.243, within(0.0005));
        assertThat(m.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(m.a()).isCloseTo(0.793, within(0.0005));
        assertThat(m.b()).isCloseTo(2.426, within(0.0005));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.05));
        assertThat(fit.customers()).isEqualTo(2357);
    }

    @Test
    void fit_cdnow_isAtLeastAsLikelyAsThePublishedEstimate() {
        BgNbdModel published = BgNbdModel.of(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEK);
        double ll = CdnowData.publishedSummary().stream()
                .mapToDouble(published::logLikelihood)
                .sum();
        assertThat(ll).isCloseTo(-9582.4, within(0.05));
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(ll);
    }

    @Test
    void fit_cdnow_isDeterministic() {
        FitResult<BgNbdModel> again = BgNbdModel.fit(CdnowData.publishedSummary());
        assertThat(again).isEqualTo(fit);
    }

    @Test
    void expectedPurchases_cdnow_paperCustomer() {
        CustomerSummary c = CustomerSummary.of("paper", TimeUnit.WEEK, 2, 30.43, 38.86);
        assertThat(fit.model().expectedPurchases(c, TimeSpan.of(39, TimeUnit.WEEK)))
                .isCloseTo(1.226, within(0.0005));
    }
}
