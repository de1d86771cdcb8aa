package dev.rapport.crm.analytics.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.analytics.AnalyticsException;
import dev.rapport.crm.analytics.CdnowData;
import dev.rapport.crm.analytics.Seeds;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import dev.rapport.crm.analytics.summary.InputOrder;
import dev.rapport.crm.analytics.summary.Summaries;
import dev.rapport.crm.analytics.summary.SummarySpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RfmTest {
    /** A customer aged 50 weeks, {@code sinceLast} weeks after its last purchase. */
    private static CustomerSummary c(String id, int x, double sinceLast, String total) {
        double age = 50;
        double recency = x == 0 ? 0 : age - sinceLast;
        return CustomerSummary.of(id, TimeUnit.WEEK, x, recency, age).withValues(x == 0 ? 0 : 1, new BigDecimal(total));
    }

    @Test
    void score_valueThresholds_equalValuesShareAScore() {
        // Ten customers, frequencies 0,0,0,0,0,0,1,2,3,4: the six zeros must share one score.
        List<CustomerSummary> in = new ArrayList<>();
        int[] freq = {0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
        for (int i = 0; i < freq.length; i++) {
            in.add(c("c" + i, freq[i], 5, String.valueOf(10 * (i + 1))));
        }
        List<RfmScore> scores = Rfm.score(in, RfmSpec.defaults());
        assertThat(scores.subList(0, 6)).extracting(RfmScore::frequency).containsOnly(1);
        assertThat(scores.get(9).frequency()).isEqualTo(5);
        // Distinct monetary values: equal-size bins of two.
        assertThat(scores).extracting(RfmScore::monetary).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
    }

    @Test
    void score_rank_breaksTiesByCustomerIdAndIsReproducible() {
        List<CustomerSummary> in = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            in.add(c("c" + i, 0, 5, "10"));
        }
        RfmSpec rank = RfmSpec.defaults().withTiePolicy(TiePolicy.RANK);
        List<RfmScore> scores = Rfm.score(in, rank);
        assertThat(scores).extracting(RfmScore::monetary).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        List<CustomerSummary> shuffled = new ArrayList<>(in);
        long seed = Seeds.seed("RfmTest.rankShuffle", 3L);
        Collections.shuffle(shuffled, new Random(seed));
        Map<String, RfmScore> again =
                Rfm.score(shuffled, rank).stream().collect(Collectors.toMap(RfmScore::customerId, Function.identity()));
        scores.forEach(
                s -> assertThat(again.get(s.customerId())).as("seed %s", seed).isEqualTo(s));
    }

    @Test
    void score_recency_shorterTimeSinceLastPurchaseScoresHigher() {
        List<CustomerSummary> in = List.of(c("old", 2, 40, "1"), c("recent", 2, 1, "1"), c("mid", 2, 20, "1"));
        List<RfmScore> scores = Rfm.score(in, RfmSpec.defaults().withBins(3));
        assertThat(scores).extracting(RfmScore::recency).containsExactly(1, 3, 2);
    }

    @Test
    void score_generated_scoresStayInRangeAndAreMonotoneInValue() {
        long seed = Seeds.seed("RfmTest.generated", 99L);
        Random random = new Random(seed);
        for (TiePolicy policy : TiePolicy.values()) {
            for (int bins : new int[] {2, 3, 5, 10}) {
                List<CustomerSummary> in = IntStream.range(0, 1 + random.nextInt(300))
                        .mapToObj(i -> c(
                                "c" + i, random.nextInt(6), 1 + random.nextInt(40), String.valueOf(random.nextInt(50))))
                        .collect(Collectors.toList());
                List<RfmScore> scores = Rfm.score(in, new RfmSpec(bins, policy));
                for (int i = 0; i < in.size(); i++) {
                    RfmScore s = scores.get(i);
                    assertThat(s.recency()).as("seed %s", seed).isBetween(1, bins);
                    assertThat(s.frequency()).as("seed %s", seed).isBetween(1, bins);
                    assertThat(s.monetary()).as("seed %s", seed).isBetween(1, bins);
                    for (int j = 0; j < in.size(); j++) {
                        if (in.get(i).frequency() < in.get(j).frequency()) {
                            assertThat(s.frequency())
                                    .as("seed %s", seed)
                                    .isLessThanOrEqualTo(scores.get(j).frequency());
                        }
                        if (policy == TiePolicy.VALUE_THRESHOLDS
                                && in.get(i).totalValue().compareTo(in.get(j).totalValue()) == 0) {
                            assertThat(s.monetary())
                                    .as("seed %s", seed)
                                    .isEqualTo(scores.get(j).monetary());
                        }
                    }
                }
            }
        }
    }

    @Test
    void score_rejectsMixedUnitsAndDuplicates() {
        List<CustomerSummary> mixed = List.of(
                CustomerSummary.of("a", TimeUnit.WEEK, 0, 0, 1), CustomerSummary.of("b", TimeUnit.DAY, 0, 0, 1));
        assertThatThrownBy(() -> Rfm.score(mixed, RfmSpec.defaults())).isInstanceOf(AnalyticsException.class);
        List<CustomerSummary> dup = List.of(
                CustomerSummary.of("a", TimeUnit.WEEK, 0, 0, 1), CustomerSummary.of("a", TimeUnit.WEEK, 0, 0, 2));
        assertThatThrownBy(() -> Rfm.score(dup, RfmSpec.defaults()))
                .isInstanceOf(AnalyticsException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void segments_firstMatchWinsAndFallbackCatchesTheRest() {
        RfmSegments segments = RfmSegments.defaults();
        assertThat(segments.segmentOf(new RfmScore("a", 5, 5, 1))).isEqualTo("Champions");
        assertThat(segments.segmentOf(new RfmScore("a", 5, 1, 1))).isEqualTo("New");
        assertThat(segments.segmentOf(new RfmScore("a", 1, 4, 1))).isEqualTo("At risk");
        assertThat(segments.segmentOf(new RfmScore("a", 1, 1, 1))).isEqualTo("Hibernating");
        RfmSegments custom = new RfmSegments(List.of(new RfmSegment("Whales", 1, 5, 1, 5, 5, 5)), "Rest");
        assertThat(custom.segmentOf(new RfmScore("a", 1, 1, 5))).isEqualTo("Whales");
        assertThat(custom.segmentOf(new RfmScore("a", 5, 5, 4))).isEqualTo("Rest");
        assertThatThrownBy(() -> RfmSegment.of("bad", 3, 2, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void score_cdnowSample_everyDefaultSegmentIsPopulated() {
        List<CustomerSummary> summaries = Summaries.summarize(
                        CdnowData.samplePurchases().iterator(),
                        SummarySpec.of(CdnowData.CALIBRATION_END, TimeUnit.WEEK),
                        InputOrder.SORTED_BY_CUSTOMER)
                .collect(Collectors.toList());
        List<RfmScore> scores = Rfm.score(summaries, RfmSpec.defaults());
        Map<String, Long> bySegment = scores.stream()
                .collect(Collectors.groupingBy(RfmSegments.defaults()::segmentOf, Collectors.counting()));
        System.out.println("CDNOW RFM segments: " + bySegment);
        assertThat(bySegment.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2357);
    }
}
