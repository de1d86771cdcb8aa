package dev.rapport.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.importer.CsvImporter;
import dev.rapport.crm.importer.ImportSummary;
import dev.rapport.crm.importer.OrderMapping;
import dev.rapport.crm.importer.RejectReport;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.CurrencyTotals;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * Imports the UCI Online Retail data set (541,909 invoice lines, see shared/data/online-retail)
 * through {@code crm-import}: invoices become orders, cancellation invoices ({@code C...}) cancel
 * the original order's line where one is found, rows without a customer id are rejected, and
 * customers are created from their ids with their country as an attribute. Prints the import
 * summary and, per currency, the figures the library counts: net revenue, customers with at least
 * one order, orders. Rejected rows are written to {@code target/online-retail-rejects.csv}.
 *
 * <pre>
 * ./mvnw -q -Pdemo -pl examples -am -Ddemo.main=dev.rapport.examples.OnlineRetailImport \
 *     -Dexec.args=../shared/data/online-retail/online-retail.csv.gz                      # H2 file
 * ./mvnw -q -Pdemo -pl examples -am -Ddemo.main=dev.rapport.examples.OnlineRetailImport \
 *     "-Dexec.args=../shared/data/online-retail/online-retail.csv.gz jdbc:postgresql://127.0.0.1:5432/test"
 * </pre>
 *
 * Each run imports into a fresh tenant; run it again in the same tenant and nothing changes.
 */
public final class OnlineRetailImport {
    private static final long ROWS = 541_909;

    private OnlineRetailImport() {}

    /**
     * The column mapping of the Online Retail file.
     *
     * @return the mapping
     */
    public static OrderMapping mapping() {
        return OrderMapping.builder()
                .source("online-retail")
                .orderId("InvoiceNo")
                .customerExternalId("online-retail", "CustomerID")
                .customerIdNormalizer(id -> id.endsWith(".0") ? id.substring(0, id.length() - 2) : id)
                .customerAttribute("country", "Country")
                .occurredAt(
                        "InvoiceDate", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"), ZoneId.of("Europe/London"))
                .currency("GBP")
                .lines("StockCode", "Description", "Quantity", "UnitPrice")
                .cancellations(id -> id.startsWith("C"))
                .build();
    }

    /**
     * Runs the import into a tenant and prints what it did.
     *
     * @param crm the engine, seen from the tenant
     * @param file the gzip-compressed CSV
     * @param rejects where refused rows are written
     * @param out where to print
     * @return the summary
     * @throws IOException if the file cannot be read
     */
    public static ImportSummary run(Crm crm, Path file, Writer rejects, java.io.PrintStream out) throws IOException {
        crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
        long start = System.nanoTime();
        ImportSummary summary;
        try (Reader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            summary = CsvImporter.of(crm)
                    .progress(p -> out.print(bar(p.rowsRead())))
                    .importOrders(in, mapping(), RejectReport.to(rejects));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        out.println();
        out.println("Imported in " + took.toSeconds() + " s: " + summary.rowsRead() + " rows read, "
                + summary.rowsRejected() + " rejected");
        out.println("  customers: " + summary.customers());
        out.println("  orders:    " + summary.orders());
        out.println("  cancellations: " + summary.reversals());
        out.println("Per currency, counted by the store:");
        for (CurrencyTotals t : crm.purchases().totals()) {
            out.println("  " + t.currency() + ": net revenue " + t.netRevenue().toPlainString() + ", " + t.customers()
                    + " customers with an order, " + t.orders() + " orders");
        }
        return summary;
    }

    private static String bar(long rows) {
        int width = 40;
        int done = (int) Math.min(width, rows * width / ROWS);
        return "\r[" + "#".repeat(done) + " ".repeat(width - done) + "] " + rows + " rows";
    }

    /** @param args the data file, then optionally a JDBC URL (default: an H2 file under target/) */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(
                args.length > 0 && !args[0].contains("demo-db")
                        ? args[0]
                        : "../shared/data/online-retail/online-retail.csv.gz");
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(
                    "the Online Retail file is missing: " + file.toAbsolutePath() + " (see shared/data/README.md)");
        }
        String url = args.length > 1 ? args[1] : null;
        Path rejectFile = Path.of("target", "online-retail-rejects.csv");
        Files.createDirectories(rejectFile.getParent());
        HikariConfig config = new HikariConfig();
        if (url == null) {
            Path db = Path.of("target", "online-retail-db", "rapport").toAbsolutePath();
            Files.createDirectories(db.getParent());
            // A pool keeps the embedded database open between transactions.
            config.setJdbcUrl("jdbc:h2:file:" + db);
            System.out.println("H2 database: " + db + ".mv.db");
        } else {
            config.setJdbcUrl(url);
            config.setUsername(System.getenv().getOrDefault("RAPPORT_JDBC_USER", "postgres"));
            config.setPassword(System.getenv().getOrDefault("RAPPORT_JDBC_PASSWORD", ""));
            System.out.println("Database: " + url);
        }
        config.setMaximumPoolSize(4);
        try (HikariDataSource pool = new HikariDataSource(config);
                Writer rejects = Files.newBufferedWriter(rejectFile, StandardCharsets.UTF_8);
                Crm crm = Crm.builder().storage(JdbcStorage.create(pool)).build()) {
            TenantId tenant = TenantId.of(UUID.randomUUID());
            System.out.println("Tenant " + tenant + "; rejected rows go to " + rejectFile.toAbsolutePath());
            run(crm.forTenant(tenant), file, rejects, System.out);
        }
    }
}
