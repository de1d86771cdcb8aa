package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import dev.rapport.crm.Crm;
import dev.rapport.crm.importer.CsvImporter;
import dev.rapport.crm.importer.ImportSummary;
import dev.rapport.crm.importer.RejectReport;
import dev.rapport.crm.jdbc.JdbcStorage;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.TenantId;
import dev.rapport.examples.OnlineRetailImport;
import java.io.Reader;
import java.io.Writer;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Importing the UCI Online Retail file (541,909 invoice lines, {@link OnlineRetailFile}) into
 * PostgreSQL. Rapport: exactly what {@code examples/OnlineRetailImport} does, {@code
 * CsvImporter.of(crm).importOrders(reader, OnlineRetailImport.mapping(), RejectReport.to(...))}
 * with the {@code country} attribute defined, through {@code JdbcStorage} over a HikariCP pool (4),
 * into a fresh tenant per iteration (rejected rows reported to a writer that discards them).
 * Baselines ({@link PlainImports}): {@code COPY} of the same decompressed file into a plain 8-column
 * table (the floor), and row-by-row JDBC (one {@code INSERT} per line, one transaction, no
 * batching). Targets: Rapport ≤ 2x the COPY time, ≥ 10x faster than row by row; the fork runs with
 * {@code -Xmx256m}, and each iteration prints its peak heap ({@link HeapWatch}, lines {@code heap:}).
 * A third baseline, {@code copyIntoRapportTables}, has no target: the rows Rapport's import of the
 * file ends with, imported once when its fork starts and dumped, copied back with {@code COPY} into
 * the same tables emptied, indexes and all ({@link PlainImports#copyBack}). It is what loading the
 * result alone costs, to set Rapport's time against a floor that writes what Rapport writes.
 *
 * <p>Single shots of seconds to minutes: 1 fork, 1 warm-up shot, 2 measured shots, each into a new
 * tenant, or for {@code copyIntoRapportTables} into the emptied tables, the rows keeping the tenant
 * of the import they came from. The later {@code rapport} shots write into tables that hold the
 * shots before them (unless {@code schemaPerShot}), the copy-back into empty ones, right after the
 * fork's own import. The warm-up shot is the JVM's first import (for {@code copyIntoRapportTables},
 * its first copy-back): Hibernate Validator starting and the JIT
 * compiling the import's code (about 7 s of compiler CPU time on this machine's two cores, beside
 * PostgreSQL) make it 1.5-2 s slower than the shots after it. The measured shots are what an
 * application that imports in a running JVM sees, as every other benchmark here measures a warm
 * JVM; JMH prints the warm-up shot's time ({@code # Warmup Iteration 1}), and the benchmarks' README
 * reports it beside them. {@code -p rows=50000} measures the file's first 50,000 lines instead of
 * all of it.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx256m", "-Xms256m"})
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@State(Scope.Benchmark)
public class ImportBenchmark {
    /** {@code all}, or how many of the file's first lines to import. */
    @Param({"all"})
    public String rows;

    /**
     * {@code true}: every shot after the first gets a new, empty schema (a warm JVM writing into fresh
     * tables), to tell the JIT's warm-up from the database's state in the first shot.
     */
    @Param({"false"})
    public boolean schemaPerShot;

    int shots;
    String schema;
    HikariDataSource pool;
    Crm engine;
    Crm crm;
    HeapWatch heap;
    long limit;
    /** For {@link #copyIntoRapportTables}: Rapport's rows after one import, and how many. */
    List<PlainImports.TableDump> dumps = List.of();

    long dumped;

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws Exception {
        limit = OnlineRetailFile.rows(rows);
        OnlineRetailFile.path();
        openSchema();
        if (params.getBenchmark().endsWith(".copyIntoRapportTables")) {
            Crm once = engine.forTenant(TenantId.of(UUID.randomUUID()));
            once.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
            try (Reader in = OnlineRetailFile.open(limit)) {
                check("rapport", rapport(once, in).rowsRead());
            }
            try (Connection c = pool.getConnection()) {
                dumps = PlainImports.dump(c, schema);
            }
            dumped = dumps.stream().mapToLong(PlainImports.TableDump::rows).sum();
            System.out.println("copyIntoRapportTables: "
                    + dumps.stream().map(d -> d.table() + " " + d.rows()).toList());
        }
    }

    void openSchema() {
        schema = Postgres.createSchema("import");
        pool = Postgres.pool(schema, 4);
        engine = Crm.builder().storage(JdbcStorage.create(pool)).build();
    }

    @Setup(Level.Iteration)
    public void iteration() throws Exception {
        if (schemaPerShot && shots++ > 0) {
            closeSchema();
            openSchema();
        }
        if (!dumps.isEmpty()) {
            try (Connection c = pool.getConnection()) {
                PlainImports.empty(c, dumps);
            }
            System.gc();
            heap = new HeapWatch();
            return;
        }
        crm = engine.forTenant(TenantId.of(UUID.randomUUID()));
        crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
        try (Connection c = pool.getConnection()) {
            PlainImports.reset(c);
        }
        System.gc();
        heap = new HeapWatch();
    }

    @TearDown(Level.Iteration)
    public void iterationDone(org.openjdk.jmh.infra.BenchmarkParams params) throws Exception {
        heap.stop(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1) + " rows=" + rows);
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            closeSchema();
        } finally {
            PlainImports.delete(dumps);
        }
    }

    void closeSchema() {
        try {
            if (engine != null) {
                engine.close();
            }
            if (pool != null) {
                pool.close();
            }
        } finally {
            if (schema != null) {
                Postgres.dropSchema(schema);
                schema = null;
            }
        }
    }

    /** @return the import's summary */
    static ImportSummary rapport(Crm crm, Reader csv) {
        return CsvImporter.of(crm)
                .importOrders(csv, OnlineRetailImport.mapping(), RejectReport.to(Writer.nullWriter()));
    }

    @Benchmark
    public ImportSummary rapport() throws Exception {
        ImportSummary s;
        try (Reader in = OnlineRetailFile.open(limit)) {
            s = rapport(crm, in);
        }
        check("rapport", s.rowsRead());
        return s;
    }

    @Benchmark
    public long copy() throws Exception {
        long n;
        try (Connection c = pool.getConnection();
                Reader in = OnlineRetailFile.open(limit)) {
            n = PlainImports.copy(c, in);
        }
        check("copy", n);
        return n;
    }

    @Benchmark
    public long copyIntoRapportTables() throws Exception {
        long n;
        try (Connection c = pool.getConnection()) {
            n = PlainImports.copyBack(c, dumps);
        }
        if (n != dumped) {
            throw new IllegalStateException("copyIntoRapportTables loaded " + n + " rows, not " + dumped);
        }
        return n;
    }

    @Benchmark
    public PlainImports.Counts rowByRow() throws Exception {
        PlainImports.Counts n;
        try (Connection c = pool.getConnection();
                Reader in = OnlineRetailFile.open(limit)) {
            n = PlainImports.rowByRow(c, in);
        }
        check("rowByRow", n.rowsRead());
        return n;
    }

    private void check(String side, long read) {
        if (read != OnlineRetailFile.expected(limit)) {
            throw new IllegalStateException(side + " read " + read + " rows, not " + OnlineRetailFile.expected(limit));
        }
    }
}
