package dev.rapport.crm.analytics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.CdnowData;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.models.BgNbdModel;
import dev.rapport.crm.analytics.models.ParetoNbdModel;
import dev.rapport.crm.analytics.summary.InputOrder;
import dev.rapport.crm.analytics.summary.Summaries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackingCdnowTest {
    @Test
    void tracking_cdnowBgNbd_calibrationMatchesAndHoldoutIsSlightlyUnderForecast() throws IOException {
        BgNbdModel model = BgNbdModel.of(0.243, 4.414, 0.793, 2.426, TimeUnit.WEEK);
        Tracking weekly = Tracking.of(
                model,
                Summaries.histories(CdnowData.samplePurchases().iterator(), InputOrder.SORTED_BY_CUSTOMER),
                LocalDate.of(1997, 1, 1),
                CdnowData.HOLDOUT_END,
                TimeUnit.WEEK,
                TimeUnit.DAY,
                Optional.of(CdnowData.CALIBRATION_END));
        assertThat(weekly.points()).hasSize(78);
        LocalDate holdoutStart = CdnowData.CALIBRATION_END.plusDays(1);
        double actualCalibration = weekly.totalActual(LocalDate.MIN) - weekly.totalActual(holdoutStart);
        double expectedCalibration = weekly.totalExpected(LocalDate.MIN) - weekly.totalExpected(holdoutStart);
        double actualHoldout = weekly.totalActual(holdoutStart);
        double expectedHoldout = weekly.totalExpected(holdoutStart);
        System.out.printf(
                "CDNOW tracking BG/NBD: calibration actual %.0f expected %.1f; holdout actual %.0f expected %.1f (%.1f%%)%n",
                actualCalibration,
                expectedCalibration,
                actualHoldout,
                expectedHoldout,
                100 * (expectedHoldout / actualHoldout - 1));
        assertThat(actualCalibration).isEqualTo(2457);
        assertThat(actualHoldout).isEqualTo(1882);
        assertThat(expectedCalibration).isCloseTo(actualCalibration, within(0.03 * actualCalibration));

        // Fader, Hardie & Lee (2005): by week 78 the BG/NBD under-forecasts cumulative repeat sales by
        // about 4% (the Pareto/NBD by about 2%).
        Tracking cumulative = weekly.cumulative();
        TrackingPoint last = cumulative.points().get(77);
        assertThat(last.actual()).isEqualTo(actualCalibration + actualHoldout);
        double error = last.expected() / last.actual() - 1;
        System.out.printf(
                "CDNOW cumulative week 78: actual %.0f, BG/NBD %.1f (%.1f%%)%n",
                last.actual(), last.expected(), 100 * error);
        assertThat(error).isBetween(-0.045, -0.035);
        TrackingPoint pareto = Tracking.of(
                        ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669, TimeUnit.WEEK),
                        Summaries.histories(CdnowData.samplePurchases().iterator(), InputOrder.SORTED_BY_CUSTOMER),
                        LocalDate.of(1997, 1, 1),
                        CdnowData.HOLDOUT_END,
                        TimeUnit.WEEK,
                        TimeUnit.DAY,
                        Optional.empty())
                .cumulative()
                .points()
                .get(77);
        double paretoError = pareto.expected() / pareto.actual() - 1;
        System.out.printf("CDNOW cumulative week 78: Pareto/NBD %.1f (%.1f%%)%n", pareto.expected(), 100 * paretoError);
        assertThat(paretoError).isBetween(-0.03, -0.01);
        String svg = TrackingChart.svg(cumulative, "CDNOW <sample> & BG/NBD");
        assertThat(svg)
                .startsWith("<?xml")
                .contains("<svg")
                .contains("polyline")
                .contains("&lt;sample&gt; &amp;");
        assertThat(svg).endsWith("</svg>\n");
        Path out = Paths.get("target", "tracking-test.svg");
        Files.createDirectories(out.getParent());
        Files.writeString(out, svg);
    }
}
