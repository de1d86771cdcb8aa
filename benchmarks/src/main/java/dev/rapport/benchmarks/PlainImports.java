package dev.rapport.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * The baselines of {@link ImportBenchmark}: two on plain tables in the connection's schema, one on
 * Rapport's own tables.
 *
 * <p>{@link #copy}: PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv, HEADER)} of the decompressed
 * file into one table of its 8 columns, through pgjdbc's {@code CopyManager}: the floor, no checks,
 * no customers, no orders.
 *
 * <p>{@link #rowByRow}: what one writes without thinking about bulk loading: the file parsed with
 * Jackson's CSV reader (the parser crm-import uses), rows without a customer skipped (Rapport rejects
 * them), and for every other row one {@code INSERT} into {@code plain_orders} when its invoice is new
 * and one {@code INSERT} into {@code plain_order_lines}, each executed on its own (no batching), in
 * one transaction committed at the end. Cancellations are stored as the lines they are (negative
 * quantities); no customer rows, no events, no reversal matching: less work than Rapport does.
 *
 * <p>{@link #copyBack}: the rows Rapport ended with after importing the file ({@link #dump}, every
 * non-empty table of its schema as {@code COPY} text in a temporary file) copied back with {@code
 * COPY ... FROM STDIN} into the same tables emptied, indexes and all, in one transaction: what
 * loading Rapport's result costs the server with no parsing, no checks and no reads, the floor for
 * any import into those tables.
 */
final class PlainImports {
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS plain_copy (
                invoice_no text, stock_code text, description text, quantity integer,
                invoice_date timestamp, unit_price numeric, customer_id numeric, country text);
            CREATE TABLE IF NOT EXISTS plain_orders (
                invoice_no text PRIMARY KEY, customer_id text NOT NULL, invoiced_at timestamp NOT NULL,
                country text);
            CREATE TABLE IF NOT EXISTS plain_order_lines (
                id bigserial PRIMARY KEY, invoice_no text NOT NULL REFERENCES plain_orders,
                stock_code text, description text, quantity integer NOT NULL, unit_price numeric NOT NULL)
            """;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PlainImports() {}

    /** Creates the tables if needed and empties them. */
    static void reset(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(DDL);
            s.execute("TRUNCATE plain_copy, plain_order_lines, plain_orders");
        }
    }

    /**
     * @param c a connection (autocommit on)
     * @param csv the file, header first
     * @return the rows COPY reports loaded
     */
    static long copy(Connection c, Reader csv) throws SQLException, IOException {
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY plain_copy FROM STDIN (FORMAT csv, HEADER)", csv);
    }

    /** What {@link #rowByRow} did. */
    record Counts(long rowsRead, long skipped, long orders, long lines) {}

    /**
     * @param c a connection
     * @param csv the file, header first
     * @return the counts
     */
    static Counts rowByRow(Connection c, Reader csv) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        long read = 0;
        long skipped = 0;
        long orders = 0;
        long lines = 0;
        Set<String> invoices = new HashSet<>();
        try (MappingIterator<Map<String, String>> rows = CsvMapper.builder()
                        .build()
                        .readerFor(Map.class)
                        .with(CsvSchema.emptySchema().withHeader())
                        .readValues(csv);
                PreparedStatement order = c.prepareStatement(
                        "INSERT INTO plain_orders (invoice_no, customer_id, invoiced_at, country) VALUES (?, ?, ?, ?)");
                PreparedStatement line = c.prepareStatement("INSERT INTO plain_order_lines"
                        + " (invoice_no, stock_code, description, quantity, unit_price) VALUES (?, ?, ?, ?, ?)")) {
            while (rows.hasNextValue()) {
                Map<String, String> r = rows.nextValue();
                read++;
                String customer = r.get("CustomerID");
                if (customer == null || customer.isBlank()) {
                    skipped++;
                    continue;
                }
                if (customer.endsWith(".0")) {
                    customer = customer.substring(0, customer.length() - 2);
                }
                String invoice = r.get("InvoiceNo");
                if (invoices.add(invoice)) {
                    order.setString(1, invoice);
                    order.setString(2, customer);
                    order.setTimestamp(3, Timestamp.valueOf(LocalDateTime.parse(r.get("InvoiceDate"), DATE)));
                    order.setString(4, r.get("Country"));
                    order.executeUpdate();
                    orders++;
                }
                line.setString(1, invoice);
                line.setString(2, r.get("StockCode"));
                line.setString(3, r.get("Description"));
                line.setInt(4, Integer.parseInt(r.get("Quantity").strip()));
                line.setBigDecimal(5, new BigDecimal(r.get("UnitPrice").strip()));
                line.executeUpdate();
                lines++;
            }
            c.commit();
        } catch (RuntimeException | SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return new Counts(read, skipped, orders, lines);
    }

    /** One table's rows as {@code COPY} text. */
    record TableDump(String table, Path file, long rows) {
        TableDump withRows(long n) {
            return new TableDump(table, file, n);
        }
    }

    /**
     * Writes every non-empty table of a schema but Flyway's history and this class's plain tables
     * to temporary files (deleted when the JVM exits, if {@link #delete} has not run).
     *
     * @param c a connection
     * @param schema the schema
     * @return the tables written, each with its row count
     */
    static List<TableDump> dump(Connection c, String schema) throws SQLException, IOException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            s.setString(1, schema);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    tables.add(r.getString(1));
                }
            }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<TableDump> dumps = new ArrayList<>();
        List<TableDump> empty = new ArrayList<>();
        try {
            for (String table : tables) {
                if (table.startsWith("plain_") || table.endsWith("schema_history")) {
                    continue;
                }
                if (!table.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalStateException("unexpected table name " + table + " in " + schema);
                }
                Path file = Files.createTempFile("rapport-" + table + "-", ".copy");
                file.toFile().deleteOnExit();
                empty.add(new TableDump(table, file, 0));
                long rows;
                try (OutputStream out = Files.newOutputStream(file)) {
                    rows = copy.copyOut("COPY " + table + " TO STDOUT", out);
                }
                if (rows > 0) {
                    dumps.add(empty.remove(empty.size() - 1).withRows(rows));
                }
            }
        } catch (RuntimeException | SQLException | IOException e) {
            delete(dumps);
            throw e;
        } finally {
            delete(empty);
        }
        return dumps;
    }

    /** Empties the tables dumped. */
    static void empty(Connection c, List<TableDump> dumps) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE "
                    + String.join(", ", dumps.stream().map(TableDump::table).toList()));
        }
    }

    /**
     * @param c a connection
     * @param dumps what {@link #dump} wrote, the tables empty
     * @return the rows COPY reports loaded
     */
    static long copyBack(Connection c, List<TableDump> dumps) throws SQLException, IOException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        long rows = 0;
        try {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (TableDump d : dumps) {
                try (InputStream in = Files.newInputStream(d.file())) {
                    rows += copy.copyIn("COPY " + d.table() + " FROM STDIN", in);
                }
            }
            c.commit();
        } catch (RuntimeException | SQLException | IOException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
        return rows;
    }

    /** Deletes the files {@link #dump} wrote, all it can; the first failure is thrown after. */
    static void delete(List<TableDump> dumps) {
        UncheckedIOException failed = null;
        for (TableDump d : dumps) {
            try {
                Files.deleteIfExists(d.file());
            } catch (IOException e) {
                if (failed == null) {
                    failed = new UncheckedIOException(e);
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
