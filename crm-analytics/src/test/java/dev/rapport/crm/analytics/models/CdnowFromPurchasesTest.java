package dev.rapport.crm.analytics.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.CdnowData;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published CDNOW estimates, reproduced to their printed precision from the summary this
 * module builds from the raw purchases (exact dates rather than the 2-decimal shipped summary).
 */
class CdnowFromPurchasesTest {
    static List<CustomerSummary> data;

    @BeforeAll
    static void summarise() {
        data = CdnowData.calibrationSummary();
    }

    @Test
    void bgNbd_cdnowFromPurchases_matchesFaderHardieLee2005ToPrintedPrecision() {
        FitResult<BgNbdModel> fit = BgNbdModel.fit(data);
        System.out.println("BG/NBD from purchases: " + fit.parameters() + " LL=" + fit.logLikelihood());
        BgNbdModel m = fit.model();
        assertThat(m.r()).isCloseTo(0.243, within(0.0005));
        assertThat(m.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(m.a()).isCloseTo(0.793, within(0.0005));
        assertThat(m.b()).isCloseTo(2.426, within(0.0005));
        assertThat(fit.logLikelihood()).isCloseTo(-9582.4, within(0.05));
    }

    @Test
    void paretoNbd_cdnowFromPurchases_matchesPublishedToPrintedPrecision() {
        FitResult<ParetoNbdModel> fit = ParetoNbdModel.fit(data);
        System.out.println("Pareto/NBD from purchases: " + fit.parameters() + " LL=" + fit.logLikelihood());
        ParetoNbdModel m = fit.model();
        assertThat(m.r()).isCloseTo(0.553, within(0.0005));
        assertThat(m.alpha()).isCloseTo(10.578, within(0.0005));
        assertThat(m.s()).isCloseTo(0.606, within(0.0005));
        assertThat(m.beta()).isCloseTo(11.669, within(0.0005));
        assertThat(fit.logLikelihood()).isCloseTo(-9595.0, within(0.05));
    }

    @Test
    void gammaGamma_cdnowFromPurchases_matchesFaderHardie2013ToPrintedPrecision() {
        FitResult<GammaGammaModel> fit = GammaGammaModel.fit(data);
        System.out.println("Gamma-Gamma from purchases: " + fit.parameters() + " LL=" + fit.logLikelihood());
        assertThat(fit.customers()).isEqualTo(946);
        GammaGammaModel m = fit.model();
        assertThat(m.p()).isCloseTo(6.25, within(0.005));
        assertThat(m.q()).isCloseTo(3.74, within(0.005));
        assertThat(m.gamma()).isCloseTo(15.44, within(0.005));
        // CLVTools' test quotes LL = -4055.9177.
        assertThat(fit.logLikelihood()).isCloseTo(-4055.918, within(0.001));
    }
}
