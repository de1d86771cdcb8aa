package dev.rapport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo and the quickstart keep doing what the README says they do. */
class ExamplesTest {

    @Test
    void h2FileDemo_printsEveryStepTheReadmePromises_andCanRunTwice(@TempDir Path dir) throws Exception {
        String db = dir.resolve("rapport").toString();
        String first = capture(() -> H2FileDemo.main(new String[] {db}));
        String second = capture(() -> H2FileDemo.main(new String[] {db}));
        assertThat(Files.exists(dir.resolve("rapport.mv.db"))).isTrue();
        for (String out : new String[] {first, second}) {
            assertThat(out)
                    .contains("created Ada Lovelace (phone stored as +442079460000), Grace Hopper, Alan Turing")
                    .contains("found by email ADA@EXAMPLE.COM: Ada Lovelace")
                    .contains("found by phone +44 20 7946 0000: Ada Lovelace")
                    .contains("refused a second holder of Ada's email")
                    .contains("refused bad input, every field at once: [displayName: must not be blank, identities[0]")
                    .contains("updated Grace Hopper to version 2")
                    .contains("VIP customers by name: [Ada Lovelace, Grace Hopper]")
                    .contains("customers in tier gold or silver: 2")
                    .contains("#1 customer.created")
                    .contains("customer.stage-changed")
                    .contains("listeners saw 6 events after their commits");
        }
    }

    @Test
    void quickstart_runsInMemory() throws Exception {
        String out = capture(() -> Quickstart.main(new String[0]));
        assertThat(out).contains("found by email ADA@EXAMPLE.COM: Ada Lovelace").contains("  event: customer.created");
    }

    @Test
    void activityTour_showsIngestionThreadingLeadsReturnsAndTheTimeline() throws Exception {
        String out = capture(() -> ActivityTour.main(new String[0]));
        assertThat(out)
                .contains("inbound email: MATCHED, the same message again: DUPLICATE")
                .contains("reply joined the thread: true (2 messages)")
                .contains("SMS from an unknown number: LEAD_CREATED Grace Hopper")
                .contains("order total 25.46 GBP, returned 3.39, net 22.07")
                .contains("2026-12-02T09:00:00Z REVERSAL WEB")
                .contains("2026-11-29T09:00:00Z ORDER WEB")
                .contains("facts: 1 order(s), net revenue {GBP=22.07}, last email 2026-12-01T11:00:00Z");
    }

    @Test
    void cdnowAnalytics_printsTheFittedModelsAndWritesTheChart_fromTheCdnowSample() throws Exception {
        Path cdnow = Path.of(System.getProperty("rapport.shared.data", "../shared/data"), "cdnow");
        assertThat(cdnow.resolve("CDNOW_sample.txt"))
                .as("the CDNOW sample from shared/data (see its README)")
                .exists();
        String out = capture(() -> CdnowAnalytics.main(new String[] {cdnow.toString()}));
        assertThat(out)
                .contains("2357 customers, 2457 repeat purchases")
                .contains("r = 0.2426", "alpha = 4.4136", "a = 0.7929", "b = 2.4259")
                .contains("s = 0.6062", "p = 6.2496")
                .contains("Top 10 by 12-month CLV", "Top 10 by P(alive)")
                .contains("Tracking chart written to");
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String capture(Action action) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
