package dev.rapport.crm.analytics;

import static org.assertj.core.api.Assertions.fail;

import dev.rapport.crm.analytics.summary.CustomerSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CDNOW files of the shared data directory (never copied into the project). Tests that
 * use it say "cdnow" in their name; a missing file fails with a message saying where it was
 * looked for.
 */
public final class CdnowData {
    public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    public static final LocalDate HOLDOUT_END = LocalDate.of(1998, 6, 30);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private CdnowData() {}

    public static Path directory() {
        String shared = System.getProperty("rapport.shared.data");
        Path base = shared != null ? Paths.get(shared) : Paths.get("..", "..", "shared", "data");
        return base.resolve("cdnow");
    }

    public static Path file(String name) {
        Path p = directory().resolve(name);
        if (!Files.isRegularFile(p)) {
            fail("CDNOW data file missing: " + p.toAbsolutePath()
                    + " (expected the shared data set at ../shared/data/cdnow relative to the project root;"
                    + " see /work/shared/data/README.md)");
        }
        return p;
    }

    /** The 1/10 sample as purchases, in file order (which is sorted by sample id, zero-padded). */
    public static List<Purchase> samplePurchases() {
        List<Purchase> out = new ArrayList<>();
        for (String line : lines("CDNOW_sample.txt")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5) {
                continue;
            }
            out.add(Purchase.of(f[1], LocalDate.parse(f[2], YYYYMMDD), new BigDecimal(f[4])));
        }
        return out;
    }

    /** The 39-week calibration summary built here from {@code CDNOW_sample.txt} (exact dates, weeks). */
    public static List<CustomerSummary> calibrationSummary() {
        return dev.rapport.crm.analytics.summary.Summaries.summarize(
                        samplePurchases().iterator(),
                        dev.rapport.crm.analytics.summary.SummarySpec.of(CALIBRATION_END, TimeUnit.WEEK),
                        dev.rapport.crm.analytics.summary.InputOrder.SORTED_BY_CUSTOMER)
                .collect(java.util.stream.Collectors.toList());
    }

    /** {@code cdnow_customers_summary_with_transactions.csv}: ID,x,t_x,T,zbar in weeks. */
    public static List<CustomerSummary> publishedSummaryWithValues() {
        List<CustomerSummary> out = new ArrayList<>();
        for (String line : lines("cdnow_customers_summary_with_transactions.csv")) {
            if (line.startsWith("ID") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            double zbar = Double.parseDouble(f[4]);
            out.add(CustomerSummary.of(
                            f[0],
                            TimeUnit.WEEK,
                            Integer.parseInt(f[1]),
                            Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]))
                    .withValues(zbar, BigDecimal.ZERO));
        }
        return out;
    }

    /** {@code cdnow_customers_summary.csv}: ID,frequency,recency,T in weeks. */
    public static List<CustomerSummary> publishedSummary() {
        List<CustomerSummary> out = new ArrayList<>();
        for (String line : lines("cdnow_customers_summary.csv")) {
            if (line.startsWith("ID") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            out.add(CustomerSummary.of(
                    f[0], TimeUnit.WEEK, Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
        }
        return out;
    }

    private static List<String> lines(String name) {
        try {
            return Files.readAllLines(file(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
