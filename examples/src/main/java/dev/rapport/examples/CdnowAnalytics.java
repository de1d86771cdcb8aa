package dev.rapport.examples;

import dev.rapport.crm.analytics.DiscountRate;
import dev.rapport.crm.analytics.Purchase;
import dev.rapport.crm.analytics.TimeSpan;
import dev.rapport.crm.analytics.TimeUnit;
import dev.rapport.crm.analytics.models.BgNbdModel;
import dev.rapport.crm.analytics.models.Clv;
import dev.rapport.crm.analytics.models.FitResult;
import dev.rapport.crm.analytics.models.GammaGammaModel;
import dev.rapport.crm.analytics.models.ParetoNbdModel;
import dev.rapport.crm.analytics.summary.CustomerSummary;
import dev.rapport.crm.analytics.summary.InputOrder;
import dev.rapport.crm.analytics.summary.Summaries;
import dev.rapport.crm.analytics.summary.SummarySpec;
import dev.rapport.crm.analytics.tracking.Tracking;
import dev.rapport.crm.analytics.tracking.TrackingChart;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Customer-base analytics on the CDNOW sample (the data set of the BG/NBD and Pareto/NBD papers):
 * builds the 39-week calibration summary from the raw purchases, fits BG/NBD, Pareto/NBD and
 * Gamma-Gamma, prints the parameters with standard errors, the top 10 customers by one-year CLV and
 * by probability alive, and writes the weekly tracking chart to {@code target/cdnow-tracking.svg}.
 *
 * <p>Argument: the directory holding {@code CDNOW_sample.txt} (default {@code
 * ../shared/data/cdnow}).
 */
public final class CdnowAnalytics {
    private static final LocalDate START = LocalDate.of(1997, 1, 1);
    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);

    private CdnowAnalytics() {}

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "../shared/data/cdnow");
        Path file = dir.resolve("CDNOW_sample.txt");
        if (!Files.isRegularFile(file)) {
            System.err.println("CDNOW sample not found: " + file.toAbsolutePath()
                    + " (pass the directory holding CDNOW_sample.txt as the first argument)");
            System.exit(2);
        }

        // 1. Summaries: purchases collapse by day, times in weeks, calibration ends 1997-09-30.
        SummarySpec spec = SummarySpec.of(CALIBRATION_END, TimeUnit.WEEK);
        List<CustomerSummary> customers;
        try (Stream<Purchase> purchases = read(file)) {
            customers = Summaries.summarize(purchases.iterator(), spec, InputOrder.SORTED_BY_CUSTOMER)
                    .collect(Collectors.toList());
        }
        System.out.printf(
                "%d customers, %d repeat purchases in the 39-week calibration period%n",
                customers.size(),
                customers.stream().mapToLong(CustomerSummary::frequency).sum());

        // 2. Models.
        FitResult<BgNbdModel> bgFit = BgNbdModel.fit(customers);
        FitResult<ParetoNbdModel> pnbdFit = ParetoNbdModel.fit(customers);
        FitResult<GammaGammaModel> ggFit = GammaGammaModel.fit(customers);
        print("BG/NBD (published: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4)", bgFit);
        print("Pareto/NBD (published: r 0.553, alpha 10.578, s 0.606, beta 11.669, LL -9595.0)", pnbdFit);
        print("Gamma-Gamma (published: p 6.25, q 3.74, gamma 15.44)", ggFit);
        BgNbdModel bg = bgFit.model();
        GammaGammaModel gg = ggFit.model();

        // 3. Top customers by one-year CLV (1% per month) and by probability alive.
        Clv clv = Clv.of(bg, gg, DiscountRate.of(0.01, TimeUnit.MONTH));
        TimeSpan year = TimeSpan.of(12, TimeUnit.MONTH);
        System.out.println("\nTop 10 by 12-month CLV (BG/NBD + Gamma-Gamma, 1%/month):");
        System.out.println("  customer     x     t_x       T   mean $   E[purchases]   P(alive)      CLV $");
        customers.stream()
                .sorted(Comparator.comparingDouble((CustomerSummary c) -> -clv.value(c, year))
                        .thenComparing(CustomerSummary::customerId))
                .limit(10)
                .forEach(c -> System.out.printf(
                        "  %8s %5d %7.2f %7.2f %8.2f %14.3f %10.3f %10.2f%n",
                        c.customerId(),
                        c.frequency(),
                        c.recency(),
                        c.age(),
                        c.meanRepeatValue(),
                        bg.expectedPurchases(c, year),
                        bg.probabilityAlive(c),
                        clv.value(c, year)));
        System.out.println("\nTop 10 by P(alive) (BG/NBD; ties by more expected purchases):");
        System.out.println("  customer     x     t_x       T   P(alive)   E[purchases, 39 weeks]");
        TimeSpan weeks39 = TimeSpan.of(39, TimeUnit.WEEK);
        customers.stream()
                .filter(c -> c.frequency() > 0)
                .sorted(Comparator.comparingDouble((CustomerSummary c) -> -bg.probabilityAlive(c))
                        .thenComparingDouble(c -> -bg.expectedPurchases(c, weeks39))
                        .thenComparing(CustomerSummary::customerId))
                .limit(10)
                .forEach(c -> System.out.printf(
                        "  %8s %5d %7.2f %7.2f %10.4f %24.3f%n",
                        c.customerId(),
                        c.frequency(),
                        c.recency(),
                        c.age(),
                        bg.probabilityAlive(c),
                        bg.expectedPurchases(c, weeks39)));

        // 4. Tracking: weekly repeat purchases, actual vs BG/NBD, over calibration and holdout.
        Tracking tracking;
        try (Stream<Purchase> purchases = read(file)) {
            tracking = Tracking.of(
                    bg,
                    Summaries.histories(purchases.iterator(), InputOrder.SORTED_BY_CUSTOMER),
                    START,
                    HOLDOUT_END,
                    TimeUnit.WEEK,
                    TimeUnit.DAY,
                    Optional.of(CALIBRATION_END));
        }
        LocalDate holdout = CALIBRATION_END.plusDays(1);
        System.out.printf(
                "%nHoldout (39 weeks): actual %.0f repeat purchases, BG/NBD expected %.1f%n",
                tracking.totalActual(holdout), tracking.totalExpected(holdout));
        Path svg = Paths.get("target", "cdnow-tracking.svg");
        Files.createDirectories(svg.getParent());
        Files.writeString(svg, TrackingChart.svg(tracking, "CDNOW sample: weekly repeat purchases, actual vs BG/NBD"));
        System.out.println("Tracking chart written to " + svg.toAbsolutePath());
    }

    /** CDNOW_sample.txt: master id, sample id, yyyyMMdd, CDs, dollars; sorted by sample id. */
    private static Stream<Purchase> read(Path file) throws IOException {
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        return Files.lines(file)
                .map(String::trim)
                .filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+"))
                .map(f -> Purchase.of(f[1], LocalDate.parse(f[2], yyyymmdd), new BigDecimal(f[4])));
    }

    private static void print(String title, FitResult<?> fit) {
        System.out.println("\n" + title);
        fit.parameters().forEach(p -> System.out.println("  " + p));
        System.out.printf(
                "  log-likelihood %.3f, %d customers (%d patterns), %s%n",
                fit.logLikelihood(),
                fit.customers(),
                fit.patterns(),
                fit.converged()
                        ? "converged"
                        : "NOT converged: " + fit.convergence().reason());
    }
}
