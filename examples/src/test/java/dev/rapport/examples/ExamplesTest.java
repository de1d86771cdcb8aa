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
    void caseTour_showsRepliesAttachingFactsRefusalsAndAFollowUp() throws Exception {
        String out = capture(() -> CaseTour.main(new String[0]));
        assertThat(out)
                .contains("opened: NEW, HIGH, thread [")
                .contains("first response after PT1H30M, now PENDING")
                .contains("customer wrote back: OPEN")
                .contains("solved: next response [PT45M], agent replies 2, first contact resolution false")
                .contains("refused: case ")
                .contains("cannot move from SOLVED to PENDING")
                .contains("reopen refused after the window")
                .contains("follow-up related to the first case: true")
                .contains("v2 interactions null -> ")
                .contains(" status OPEN -> PENDING by agent-7")
                .contains(" related null -> ");
    }

    @Test
    void helpDesk_routesBySkillWaitsForAFreeAgentAndCountsBusinessHoursOverTheHoliday() throws Exception {
        String out = capture(() -> HelpDesk.main(new String[0]));
        assertThat(out)
                .contains("refund -> Grace, wifi -> Alan, second refund -> nobody (1 waiting)")
                // 2 hours on the half day (11:00-13:00), none on Christmas or the weekend, then Monday
                // 28 December: 2 more for the first response (11:00), 6 more for resolution (15:00).
                .contains("first response due Mon 28 Dec 11:00, resolution due Mon 28 Dec 15:00")
                .contains("Grace solved the refund; the second one is now Grace's")
                .contains("breaches noticed on the wifi case: [FIRST_RESPONSE due Mon 28 Dec 11:00,"
                        + " RESOLUTION due Mon 28 Dec 15:00]; it is now URGENT [escalated]")
                .contains("wifi solved Tue 29 Dec 12:00, due Mon 28 Dec 15:00: breached true")
                .contains("open cases: Grace 1, Alan 0");
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

    @Test
    void onlineRetailImport_figuresMatchAPlainRecountOfTheFile_fromSharedData() throws Exception {
        Path file = Path.of(
                System.getProperty("rapport.shared.data", "../shared/data"), "online-retail", "online-retail.csv.gz");
        assertThat(file)
                .as("the Online Retail file from shared/data (see its README)")
                .exists();
        // The plain recount: every line with a customer, a positive quantity and a price of zero
        // or more is an order line; invoices starting with C are cancellations. An invoice whose
        // rows come back after another invoice's (one does, split by a cancellation) keeps only
        // its first run of rows: the rest is reported, never merged.
        long rows = 0;
        long withoutCustomer = 0;
        java.util.Set<String> invoices = new java.util.HashSet<>();
        java.math.BigDecimal gross = java.math.BigDecimal.ZERO;
        String run = null;
        long splitRows = 0;
        String[] lastSplit = {null};
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            var parser = tools.jackson.dataformat.csv.CsvMapper.builder()
                    .build()
                    .readerFor(java.util.Map.class)
                    .with(tools.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
                    .<java.util.Map<String, String>>readValues(in);
            while (parser.hasNextValue()) {
                java.util.Map<String, String> r = parser.nextValue();
                rows++;
                String customer = r.get("CustomerID");
                if (customer == null || customer.isBlank()) {
                    withoutCustomer++;
                    continue;
                }
                java.math.BigDecimal qty =
                        new java.math.BigDecimal(r.get("Quantity").strip());
                java.math.BigDecimal price =
                        new java.math.BigDecimal(r.get("UnitPrice").strip());
                String invoice = r.get("InvoiceNo");
                boolean resumed = !invoice.equals(run) && invoices.contains(invoice);
                run = invoice;
                if (!invoice.startsWith("C") && qty.signum() > 0 && price.signum() >= 0) {
                    if (resumed || splitRows > 0 && invoice.equals(lastSplit[0])) {
                        splitRows++;
                        lastSplit[0] = invoice;
                        continue;
                    }
                    invoices.add(invoice);
                    gross = gross.add(qty.multiply(price).setScale(2, java.math.RoundingMode.HALF_UP));
                }
            }
        }
        java.math.BigDecimal[] recorded = {java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO};
        try (dev.rapport.crm.Crm crm = dev.rapport.crm.Crm.builder()
                .storage(dev.rapport.crm.inmemory.InMemoryStorage.create())
                .listener(e -> {
                    if (e instanceof dev.rapport.crm.model.event.OrderRecorded o) {
                        recorded[0] = recorded[0].add(o.total());
                    } else if (e instanceof dev.rapport.crm.model.event.OrderReversed o) {
                        recorded[1] = recorded[1].add(o.amount());
                    }
                })
                .build()) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            java.io.StringWriter rejects = new java.io.StringWriter();
            var summary =
                    OnlineRetailImport.run(crm, file, rejects, new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertThat(summary.rowsRead()).isEqualTo(rows).isEqualTo(541_909);
            assertThat(rejects.toString().lines().filter(l -> l.contains("the row names no customer")))
                    .hasSize((int) withoutCustomer);
            assertThat(withoutCustomer).isEqualTo(135_080);
            assertThat(summary.orders().created()).isEqualTo(invoices.size());
            assertThat(rejects.toString().lines().filter(l -> l.contains("recorded before with other lines")))
                    .hasSize((int) splitRows);
            assertThat(recorded[0]).as("order totals recorded").isEqualByComparingTo(gross);
            var gbp = crm.purchases().totals().get(0);
            assertThat(gbp.netRevenue())
                    .as("net revenue counted by the store")
                    .isEqualByComparingTo(gross.subtract(recorded[1]));
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("541909 rows read")
                    .contains("GBP: net revenue " + gbp.netRevenue().toPlainString() + ", " + gbp.customers()
                            + " customers with an order, " + gbp.orders() + " orders");
        }
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
