package dev.rapport.crm.analytics.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.crm.analytics.CdnowData;
import dev.rapport.crm.analytics.Purchase;
import dev.rapport.crm.analytics.TimeUnit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SummariesCdnowTest {
    private static final SummarySpec SPEC = SummarySpec.of(CdnowData.CALIBRATION_END, TimeUnit.WEEK);

    @Test
    void summarize_cdnowSample_matchesShippedSummaryFiles() {
        List<Purchase> purchases = CdnowData.samplePurchases();
        Map<Integer, CustomerSummary> ours = Summaries.summarize(
                        purchases.iterator(), SPEC, InputOrder.SORTED_BY_CUSTOMER)
                .collect(Collectors.toMap(s -> Integer.parseInt(s.customerId()), Function.identity()));
        List<CustomerSummary> published = CdnowData.publishedSummaryWithValues();
        List<CustomerSummary> publishedPlain = CdnowData.publishedSummary();

        assertThat(ours).hasSize(2357);
        assertThat(published).hasSize(2357);
        for (CustomerSummary p : published) {
            CustomerSummary o = ours.get(Integer.parseInt(p.customerId()));
            assertThat(o).as("customer %s", p.customerId()).isNotNull();
            assertThat(o.frequency()).as("x of %s", p.customerId()).isEqualTo(p.frequency());
            assertThat(o.recency()).as("t_x of %s", p.customerId()).isCloseTo(p.recency(), within(0.005 + 1e-9));
            assertThat(o.age()).as("T of %s", p.customerId()).isCloseTo(p.age(), within(0.005 + 1e-9));
            assertThat(o.meanRepeatValue())
                    .as("zbar of %s", p.customerId())
                    .isCloseTo(p.meanRepeatValue(), within(0.005 + 1e-9));
        }
        for (CustomerSummary p : publishedPlain) {
            CustomerSummary o = ours.get(Integer.parseInt(p.customerId()));
            assertThat(o.frequency()).isEqualTo(p.frequency());
            assertThat(o.recency()).isCloseTo(p.recency(), within(0.005 + 1e-9));
        }
    }

    @Test
    void summarize_cdnowSample_unsortedInputGivesSameSummaries() {
        List<Purchase> purchases = new java.util.ArrayList<>(CdnowData.samplePurchases());
        long seed = dev.rapport.crm.analytics.Seeds.seed("SummariesCdnowTest.unsorted", 7L);
        java.util.Collections.shuffle(purchases, new java.util.Random(seed));
        Map<String, CustomerSummary> unsorted = Summaries.summarize(purchases.iterator(), SPEC, InputOrder.ANY)
                .collect(Collectors.toMap(CustomerSummary::customerId, Function.identity()));
        Summaries.summarize(CdnowData.samplePurchases().iterator(), SPEC, InputOrder.SORTED_BY_CUSTOMER)
                .forEach(s -> assertThat(unsorted.get(s.customerId()))
                        .as("seed %s", seed)
                        .isEqualTo(s));
    }

    @Test
    void calibrationHoldout_cdnowSample_keepsHoldoutPurchasesAndSpend() {
        HoldoutSpec spec = HoldoutSpec.of(CdnowData.CALIBRATION_END, CdnowData.HOLDOUT_END, TimeUnit.WEEK);
        List<HoldoutSummary> split = Summaries.calibrationHoldout(
                        CdnowData.samplePurchases().iterator(), spec, InputOrder.SORTED_BY_CUSTOMER)
                .collect(Collectors.toList());
        assertThat(split).hasSize(2357);
        assertThat(split.get(0).holdoutLength().amount()).isEqualTo(39.0);
        // Customer 0001: purchases 1997-12-12 (26.48) in the holdout.
        HoldoutSummary first = split.get(0);
        assertThat(first.calibration().frequency()).isEqualTo(2);
        assertThat(first.holdoutPurchases()).isEqualTo(1);
        assertThat(first.holdoutSpend()).isEqualByComparingTo(new BigDecimal("26.48"));
        long holdoutTransactions =
                split.stream().mapToLong(HoldoutSummary::holdoutPurchases).sum();
        long calibrationRepeats =
                split.stream().mapToLong(h -> h.calibration().frequency()).sum();
        System.out.println("CDNOW sample: calibration repeat transactions " + calibrationRepeats
                + ", holdout transactions " + holdoutTransactions);
        assertThat(calibrationRepeats)
                .isEqualTo(published().stream()
                        .mapToLong(CustomerSummary::frequency)
                        .sum());
    }

    private static List<CustomerSummary> published() {
        return CdnowData.publishedSummary();
    }
}
