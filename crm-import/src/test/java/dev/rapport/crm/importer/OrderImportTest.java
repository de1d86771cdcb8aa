package dev.rapport.crm.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.crm.Crm;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.SourceRef;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderImportTest {
    static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    static OrderMapping retail() {
        return OrderMapping.builder()
                .source("retail")
                .orderId("InvoiceNo")
                .customerExternalId("retail", "CustomerID")
                .customerIdNormalizer(id -> id.endsWith(".0") ? id.substring(0, id.length() - 2) : id)
                .customerAttribute("country", "Country")
                .occurredAt(
                        "InvoiceDate", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), ZoneId.of("Europe/London"))
                .currency("GBP")
                .lines("StockCode", "Description", "Quantity", "UnitPrice")
                .cancellations(id -> id.startsWith("C"))
                .build();
    }

    Crm crm;
    final List<Reject> rejects = new ArrayList<>();

    @BeforeEach
    void setUp() {
        crm = Crm.builder().storage(InMemoryStorage.create()).build();
        crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
    }

    private ImportSummary run(String csv, int batchSize) {
        return CsvImporter.of(crm).batchSize(batchSize).importOrders(new StringReader(csv), retail(), rejects::add);
    }

    static final String FILE = HEADER
            + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
            + "536365,71053,\"METAL LANTERN, WHITE\",6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n"
            + "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom\n"
            + "536367,84879,ASSORTED BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047.0,France\n"
            + "536368,22960,JAM MAKING SET,6,2010-12-01 08:35:00,4.25,,United Kingdom\n"
            + "536369,21756,BATH BUILDING BLOCK,3,not a date,5.95,13047.0,France\n"
            + "536370,22728,ALARM CLOCK,-24,2010-12-01 08:45:00,3.75,12583.0,France\n"
            + "C536379,71053,\"METAL LANTERN, WHITE\",-2,2010-12-01 09:41:00,3.39,17850.0,United Kingdom\n"
            + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,17850.0,United Kingdom\n"
            + "C536380,84879,ASSORTED BIRD ORNAMENT,-40,2010-12-01 09:50:00,1.69,13047.0,France\n";

    @Test
    void importsOrdersCustomersAndCancellations_reportingEachBadRow() {
        ImportSummary s = run(FILE, 1000);
        assertThat(s.rowsRead()).isEqualTo(10);
        assertThat(s.rowsRejected()).isEqualTo(5);
        assertThat(s.customers()).isEqualTo(new ImportSummary.Counts(2, 0, 0, 0));
        assertThat(s.orders()).isEqualTo(new ImportSummary.Counts(3, 0, 0, 0));
        assertThat(s.reversals()).isEqualTo(new ImportSummary.Counts(1, 0, 0, 2));
        assertThat(rejects)
                .containsExactly(
                        new Reject(6, "CustomerID", "is empty: the row names no customer"),
                        new Reject(7, "InvoiceDate", "is not a date-time in the expected format"),
                        new Reject(8, "Quantity", "must be positive in an order (outside a cancellation)"),
                        new Reject(
                                10,
                                "InvoiceNo",
                                "cancellation: no earlier order of this customer holds this product at this price with enough quantity left"),
                        new Reject(
                                11,
                                "InvoiceNo",
                                "cancellation: no earlier order of this customer holds this product at this price with enough quantity left"));
        Customer c = crm.customers()
                .findByIdentity(Identity.external("retail", "17850"))
                .orElseThrow();
        assertThat(c.displayName()).isEqualTo("17850");
        assertThat(c.attributes()).containsEntry("country", new AttributeValue.Text("United Kingdom"));
        Order o = crm.purchases().findBySource(SourceRef.of("retail", "536365")).orElseThrow();
        assertThat(o.occurredAt()).isEqualTo(java.time.Instant.parse("2010-12-01T08:26:00Z"));
        assertThat(o.lines().get(1).description()).isEqualTo("METAL LANTERN, WHITE");
        assertThat(o.total()).isEqualTo(new BigDecimal("35.64"));
        assertThat(o.reversedTotal()).isEqualTo(new BigDecimal("6.78"));
        assertThat(crm.purchases().totals())
                .containsExactly(new CurrencyTotals(
                        Currency.getInstance("GBP"),
                        new BigDecimal("35.64")
                                .add(new BigDecimal("11.10"))
                                .add(new BigDecimal("54.08"))
                                .subtract(new BigDecimal("6.78")),
                        3,
                        2));
    }

    @Test
    void rerunningTheSameFile_changesNothing() {
        run(FILE, 3);
        List<CurrencyTotals> totals = crm.purchases().totals();
        long events =
                crm.events().read(EventCursor.beginning(), 10_000).events().size();
        rejects.clear();
        ImportSummary again = run(FILE, 1000);
        assertThat(again.customers()).isEqualTo(ImportSummary.Counts.NONE);
        assertThat(again.orders()).isEqualTo(new ImportSummary.Counts(0, 0, 3, 0));
        assertThat(again.reversals()).isEqualTo(new ImportSummary.Counts(0, 0, 1, 2));
        assertThat(crm.purchases().totals()).isEqualTo(totals);
        assertThat(crm.events().read(EventCursor.beginning(), 10_000).events()).hasSize((int) events);
    }

    @Test
    void aCancellationFindsItsOriginalDeepInTheCustomersHistory_whateverTheBatch() {
        // Customer 10 buys P 300 times, once a minute, each at its own price (0.01 .. 3.00);
        // customer 11 buys it 5 times. The cancellations name originals 1, 150 and 300 orders
        // back, one already used up, one with no such price, and one of customer 11's.
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= 300; i++) {
            csv.append(String.format(
                    "%d,P,p,2,2010-12-01 %02d:%02d:00,%s,10.0,UK\n",
                    i, 8 + i / 60, i % 60, BigDecimal.valueOf(i, 2).toPlainString()));
        }
        for (int i = 1; i <= 5; i++) {
            csv.append(String.format("%d,P,p,1,2010-12-01 14:%02d:00,0.01,11.0,UK\n", 1000 + i, i));
        }
        String at = "2010-12-01 15:00:00";
        csv.append("C1,P,p,-2,").append(at).append(",0.01,10.0,UK\n"); // order 1, the oldest
        csv.append("C1,P,p,-1,").append(at).append(",0.01,10.0,UK\n"); // order 1 has nothing left
        csv.append("C2,P,p,-1,").append(at).append(",3.00,10.0,UK\n"); // order 300, the newest
        csv.append("C2,P,p,-1,").append(at).append(",1.50,10.0,UK\n"); // order 150
        csv.append("C2,P,p,-1,").append(at).append(",9.99,10.0,UK\n"); // no order at this price
        csv.append("C3,P,p,-1,").append(at).append(",0.01,11.0,UK\n"); // customer 11's latest, 1005
        long firstCancellationLine = 2 + 305;
        for (int batch : new int[] {1, 2, 10_000}) {
            setUp();
            rejects.clear();
            ImportSummary s = run(csv.toString(), batch);
            assertThat(s.orders().created()).as("batch %s", batch).isEqualTo(305);
            assertThat(s.reversals()).as("batch %s", batch).isEqualTo(new ImportSummary.Counts(4, 0, 0, 2));
            assertThat(rejects)
                    .as("batch %s", batch)
                    .extracting(Reject::line)
                    .containsExactly(firstCancellationLine + 1, firstCancellationLine + 4);
            assertThat(original("C1/1")).isEqualTo("1");
            assertThat(original("C2/1")).isEqualTo("300");
            assertThat(original("C2/2")).isEqualTo("150");
            assertThat(original("C3/1")).isEqualTo("1005");
        }
    }

    /** The source id of the order a cancellation row reversed. */
    private String original(String cancellation) {
        var reversal = crm.purchases()
                .findReversalBySource(SourceRef.of("retail", cancellation))
                .orElseThrow();
        return java.util.Objects.requireNonNull(
                        crm.purchases().get(reversal.orderId()).source())
                .externalId();
    }

    @Test
    void anAttributeFirstGivenInALaterBatch_isAdded_whileOneAlreadyKeptIsNotWrittenOver() {
        crm.attributes().define(AttributeDefinition.of("city", AttributeType.TEXT));
        OrderMapping mapping = OrderMapping.builder()
                .source("retail")
                .orderId("InvoiceNo")
                .customerExternalId("retail", "CustomerID")
                .customerAttribute("country", "Country")
                .customerAttribute("city", "City")
                .occurredAt("InvoiceDate", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), ZoneId.of("UTC"))
                .currency("GBP")
                .lines("StockCode", "Description", "Quantity", "UnitPrice")
                .cancellations(id -> id.startsWith("C"))
                .build();
        String csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,City\n"
                + "1,A,a,1,2010-12-01 08:00:00,1,10,UK,\n"
                + "2,A,a,1,2010-12-01 09:00:00,1,10,France,\n"
                + "3,A,a,1,2010-12-01 10:00:00,1,10,France,Leeds\n"
                + "4,A,a,1,2010-12-01 11:00:00,1,10,Spain,York\n";
        ImportSummary s = CsvImporter.of(crm).batchSize(1).importOrders(new StringReader(csv), mapping, rejects::add);
        assertThat(s.customers()).isEqualTo(new ImportSummary.Counts(1, 1, 0, 0));
        assertThat(crm.customers()
                        .findByIdentity(Identity.external("retail", "10"))
                        .orElseThrow()
                        .attributes())
                .containsEntry("country", new AttributeValue.Text("UK"))
                .containsEntry("city", new AttributeValue.Text("Leeds"));
        assertThat(s.orders().created()).isEqualTo(4);
    }

    @Test
    void theSameOrderIdAgainLaterWithOtherLines_isRejectedNotMerged() {
        String csv = HEADER
                + "1,A,a,1,2010-12-01 08:00:00,1,10.0,UK\n"
                + "2,B,b,1,2010-12-01 08:00:00,1,10.0,UK\n"
                + "1,C,c,1,2010-12-01 08:00:00,1,10.0,UK\n";
        ImportSummary s = run(csv, 1);
        assertThat(s.orders()).isEqualTo(new ImportSummary.Counts(2, 0, 0, 1));
        assertThat(rejects).extracting(Reject::line).containsExactly(4L);
        assertThat(crm.purchases()
                        .findBySource(SourceRef.of("retail", "1"))
                        .orElseThrow()
                        .lines())
                .hasSize(1);
    }

    @Test
    void aMissingColumn_isRefusedBeforeAnythingIsWritten() {
        ValidationException e = catchThrowableOfType(
                ValidationException.class,
                () -> run("InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice\n1,A,1,2010-12-01 08:00:00,1\n", 10));
        assertThat(e.violations())
                .extracting(ValidationException.Violation::path)
                .containsExactlyInAnyOrder("header.CustomerID", "header.Description", "header.Country");
        assertThat(crm.purchases().totals()).isEmpty();
    }

    @Test
    void aFileThatBreaksOff_stopsNamingTheLine_afterCommittingEarlierBatches() {
        String csv = HEADER
                + "1,A,a,1,2010-12-01 08:00:00,1,10.0,UK\n"
                + "2,B,b,1,2010-12-01 08:00:00,1,10.0,UK\n"
                + "3,B,\"unterminated,1,2010-12-01 08:00:00,1,10.0,UK\n";
        ValidationException e = catchThrowableOfType(ValidationException.class, () -> run(csv, 1));
        assertThat(e.violations().get(0).path()).startsWith("line ");
        assertThat(crm.purchases().findBySource(SourceRef.of("retail", "1"))).isPresent();
        assertThat(crm.purchases().findBySource(SourceRef.of("retail", "2")))
                .as("the order being read when the file broke may have had more rows")
                .isEmpty();
    }

    @Test
    void progress_isToldAfterEveryBatch() {
        List<Long> seen = new ArrayList<>();
        CsvImporter.of(crm)
                .batchSize(2)
                .progress(p -> seen.add(p.rowsRead()))
                .importOrders(new StringReader(FILE), retail(), r -> {});
        assertThat(seen).isSorted().last().isEqualTo(10L);
        assertThat(seen.size()).isGreaterThan(2);
    }

    private static String row(String invoice, String code, int quantity, String price, String customer) {
        return invoice + "," + code + ",item," + quantity + ",2010-12-01 10:00:00," + price + "," + customer
                + ",United Kingdom\n";
    }

    private Order order(String id) {
        return crm.purchases().findBySource(SourceRef.of("retail", id)).orElseThrow();
    }

    @Test
    void aRefusedCancellationRow_keepsItsNumber_soFixingItAndRerunningCancelsEachRowOnce() {
        String order =
                row("1", "P1", 5, "1.50", "10") + row("1", "P2", 5, "2.00", "10") + row("1", "P3", 5, "2.25", "10");
        String broken = HEADER
                + order
                + row("C9", "P1", -1, "1.50", "10")
                + row("C9", "P2", -1, "abc", "10")
                + row("C9", "P3", -1, "2.25", "10");
        ImportSummary first = run(broken, 1000);
        assertThat(first.reversals()).isEqualTo(new ImportSummary.Counts(2, 0, 0, 0));
        assertThat(rejects).containsExactly(new Reject(6, "UnitPrice", "is not a number"));

        rejects.clear();
        ImportSummary fixed = run(broken.replace("abc", "2.00"), 1000);

        assertThat(rejects).isEmpty();
        assertThat(fixed.reversals()).isEqualTo(new ImportSummary.Counts(1, 0, 2, 0));
        assertThat(order("1").lines())
                .extracting(l -> l.reversedQuantity().intValueExact())
                .containsExactly(1, 1, 1);
        assertThat(crm.purchases().findReversalBySource(SourceRef.of("retail", "C9/2")))
                .hasValueSatisfying(
                        r -> assertThat(r.lines().get(0).lineNumber()).isEqualTo(2));
    }

    @Test
    void aRowNamingAnotherCustomerThanItsOrder_isRefused_andTheOrderStaysItsFirstCustomers() {
        crm.customers()
                .create(dev.rapport.crm.customers.NewCustomer.named("10").identity(Identity.external("retail", "10")));
        String csv = HEADER
                + row("1", "P1", 5, "1.50", "10")
                + row("1", "P2", 5, "2.00", "99")
                + row("1", "P3", 5, "2.25", "10")
                + row("C1", "P1", -1, "1.50", "10")
                + row("C1", "P1", -1, "1.50", "99");
        for (boolean create : new boolean[] {true, false}) {
            rejects.clear();
            OrderMapping mapping = create
                    ? retail()
                    : OrderMapping.builder()
                            .source("retail")
                            .orderId("InvoiceNo")
                            .customerExternalId("retail", "CustomerID")
                            .createCustomers(false)
                            .occurredAt(
                                    "InvoiceDate",
                                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"),
                                    ZoneId.of("Europe/London"))
                            .currency("GBP")
                            .lines("StockCode", "Description", "Quantity", "UnitPrice")
                            .cancellations(id -> id.startsWith("C"))
                            .build();
            ImportSummary s = CsvImporter.of(crm).importOrders(new StringReader(csv), mapping, rejects::add);

            String reason = "names another customer than the first row of its order (line 2)";
            assertThat(rejects).as("createCustomers %s", create).contains(new Reject(3, "CustomerID", reason));
            assertThat(rejects)
                    .as("createCustomers %s", create)
                    .contains(new Reject(
                            6, "CustomerID", "names another customer than the first row of its order (line 5)"));
            assertThat(s.rowsRejected()).isEqualTo(2);
            assertThat(order("1").lines()).extracting(l -> l.productCode()).containsExactly("P1", "P3");
            assertThat(crm.customers().findByIdentity(Identity.external("retail", "99")))
                    .isEmpty();
        }
        assertThat(order("1").lines().get(0).reversedQuantity()).isEqualByComparingTo("1");
    }

    @Test
    void aCancellationIdThatCannotBeASource_isRefusedRowByRow_andTheImportGoesOn() {
        String longId = "C" + "9".repeat(510);
        String csv = HEADER
                + row("1", "P1", 5, "1.50", "10")
                + row(longId, "P1", -1, "1.50", "10")
                + row("C5\u00079", "P1", -1, "1.50", "10")
                + row("C6\uD800", "P1", -1, "1.50", "10")
                + row("C2", "P1", -1, "1.50", "10");
        ImportSummary s = run(csv, 1000);
        assertThat(rejects)
                .extracting(Reject::line, Reject::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "InvoiceNo"),
                        org.assertj.core.groups.Tuple.tuple(4L, "InvoiceNo"),
                        org.assertj.core.groups.Tuple.tuple(5L, "InvoiceNo"));
        assertThat(s.reversals()).isEqualTo(new ImportSummary.Counts(1, 0, 0, 0));
        assertThat(order("1").lines().get(0).reversedQuantity()).isEqualByComparingTo("1");
    }

    @Test
    void anOrderOfMoreRowsThanAnOrderHolds_isRefusedWhole_asItIsRead() {
        StringBuilder csv = new StringBuilder(HEADER);
        csv.append(row("1", "P1", 1, "1.00", "10"));
        for (int i = 0; i <= OrderImport.MAX_ORDER_ROWS; i++) {
            csv.append(row("2", "Q" + i, 1, "1.00", "10"));
        }
        csv.append(row("3", "P1", 1, "1.00", "10"));
        ImportSummary s = run(csv.toString(), 10);
        assertThat(s.rowsRead()).isEqualTo(OrderImport.MAX_ORDER_ROWS + 3);
        assertThat(s.rowsRejected()).isEqualTo(OrderImport.MAX_ORDER_ROWS + 1);
        assertThat(s.orders()).isEqualTo(new ImportSummary.Counts(2, 0, 0, 1));
        assertThat(rejects).hasSize(OrderImport.MAX_ORDER_ROWS + 1).allSatisfy(r -> assertThat(r.column())
                .isEqualTo("InvoiceNo"));
        assertThat(crm.purchases().findBySource(SourceRef.of("retail", "2"))).isEmpty();
        assertThat(crm.purchases().findBySource(SourceRef.of("retail", "3"))).isPresent();
    }

    @Test
    void aCancellationOfMoreRowsThanAnOrderHolds_isRefusedWhole_rowsPastTheLimitToo() {
        run(HEADER + row("1", "P1", 5_000, "1.00", "10"), 1000);
        StringBuilder csv = new StringBuilder(HEADER);
        int rows = OrderImport.MAX_ORDER_ROWS + 3;
        for (int i = 0; i < rows; i++) {
            csv.append(row("C1", "P1", -1, "1.00", "10"));
        }
        csv.append(row("C2", "P1", -1, "1.00", "10"));
        ImportSummary s = run(csv.toString(), 10);
        assertThat(s.rowsRejected()).isEqualTo(rows);
        assertThat(s.reversals()).isEqualTo(new ImportSummary.Counts(1, 0, 0, rows));
        assertThat(rejects).hasSize(rows).extracting(Reject::line).doesNotHaveDuplicates();
        assertThat(order("1").lines().get(0).reversedQuantity()).isEqualByComparingTo("1");
    }

    @Test
    void cancellationsOfMoreRowsThanABulkCallTakes_areWrittenInSeveralCalls() {
        // An order imported before, then 9,999 single-row cancellations of it and a two-row one:
        // one batch of 10,001 rows, and reversals, before batches stopped short of their size.
        run(HEADER + row("1", "P1", 20_000, "1.00", "10"), 1000);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 9_999; i++) {
            csv.append(row("C" + i, "P1", -1, "1.00", "10"));
        }
        csv.append(row("Cx", "P1", -1, "1.00", "10")).append(row("Cx", "P1", -1, "1.00", "10"));
        ImportSummary s = CsvImporter.of(crm).importOrders(new StringReader(csv.toString()), retail(), rejects::add);
        assertThat(rejects).isEmpty();
        assertThat(s.reversals()).isEqualTo(new ImportSummary.Counts(10_001, 0, 0, 0));
        assertThat(order("1").lines().get(0).reversedQuantity()).isEqualByComparingTo("10001");
    }

    @Test
    void quotedProductCodesWithSpaces_matchAsTheEngineKeepsThem_onCancellationAndRerun() {
        String csv = HEADER
                + "1,\" P1 \",item,5,2010-12-01 10:00:00,1.50,10,United Kingdom\n"
                + "C1,\"P1 \",item,-1,2010-12-01 10:00:00,1.50,10,United Kingdom\n";
        run(csv, 1000);
        assertThat(rejects).isEmpty();
        ImportSummary again = run(csv, 1000);
        assertThat(rejects).isEmpty();
        assertThat(again.orders()).isEqualTo(new ImportSummary.Counts(0, 0, 1, 0));
        assertThat(again.reversals()).isEqualTo(new ImportSummary.Counts(0, 0, 1, 0));
        assertThat(order("1").lines().get(0).reversedQuantity()).isEqualByComparingTo("1");
    }

    @Test
    void aRowInAnotherCurrencyThanItsOrder_isRefused() {
        OrderMapping mapping = OrderMapping.builder()
                .source("retail")
                .orderId("InvoiceNo")
                .customerExternalId("retail", "CustomerID")
                .occurredAt(
                        "InvoiceDate", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), ZoneId.of("Europe/London"))
                .currencyColumn("Country")
                .lines("StockCode", "Description", "Quantity", "UnitPrice")
                .build();
        String csv = HEADER
                + row("1", "P1", 5, "1.50", "10").replace("United Kingdom", "GBP")
                + row("1", "P2", 5, "2.00", "10").replace("United Kingdom", "USD");
        ImportSummary s = CsvImporter.of(crm).importOrders(new StringReader(csv), mapping, rejects::add);
        assertThat(rejects)
                .containsExactly(
                        new Reject(3, "Country", "is another currency than the first row of its order (line 2)"));
        assertThat(s.orders()).isEqualTo(new ImportSummary.Counts(1, 0, 0, 0));
        assertThat(order("1").currency()).isEqualTo(Currency.getInstance("GBP"));
        assertThat(order("1").lines()).hasSize(1);
    }
}
