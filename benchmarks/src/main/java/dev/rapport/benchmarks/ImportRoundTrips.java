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
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.text.MessageFormat;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What the Online Retail import sends to PostgreSQL (not a JMH benchmark): the file's first lines
 * (argument 1, default 50,000; {@code all} for the whole file) are imported as {@link
 * ImportBenchmark} does, three times, each into a new tenant of one schema. For the first (a cold
 * JVM, empty tables) and the second (warm) it prints the time and, per statement (its text with
 * lists of placeholders folded), how often it ran and the wall time the calling thread spent in it,
 * client and server together. {@code COPY} runs through the driver's copy API, which the statement
 * timer does not see: its time is in the remainder, with the Java work; the importing thread's CPU
 * time, the whole JVM's and the postgres processes' CPU time are printed beside it, and how much of
 * the machine's cores they kept busy. The third counts the round trips
 * (pgjdbc's {@code Sync} messages, from its protocol trace, which slows the driver). Run: {@code java
 * -cp benchmarks.jar dev.rapport.benchmarks.ImportRoundTrips 50000}.
 */
public final class ImportRoundTrips {
    private static final Map<String, long[]> statements = new TreeMap<>();
    private static long syncs;
    private static long copies;

    private ImportRoundTrips() {}

    public static void main(String[] args) throws Exception {
        long limit = OnlineRetailFile.rows(args.length > 0 ? args[0] : "50000");
        Logger pg = Logger.getLogger("org.postgresql");
        pg.setLevel(Level.OFF);
        pg.setUseParentHandlers(false);
        pg.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                String m = r.getMessage();
                if (m.startsWith(" FE=> Sync")) {
                    synchronized (statements) {
                        syncs++;
                    }
                } else if (m.startsWith(" FE=> CopyDone")
                        || (r.getParameters() != null
                                && MessageFormat.format(m, r.getParameters()).startsWith(" FE=> CopyDone"))) {
                    synchronized (statements) {
                        copies++;
                    }
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        String schema = Postgres.createSchema("import_trips");
        try (HikariDataSource pool = Postgres.pool(schema, 4);
                Crm engine =
                        Crm.builder().storage(JdbcStorage.create(timed(pool))).build()) {
            // -Drapport.trips.trace=false leaves out the counting run (to profile the timed ones).
            int rounds = Boolean.parseBoolean(System.getProperty("rapport.trips.trace", "true")) ? 3 : 2;
            PrintWriter out = new PrintWriter(System.out, true);
            for (int round = 0; round < rounds; round++) {
                // Round 0 is the JVM's first import, into empty tables; round 1 a warm one, into the
                // same tables (another tenant); both timed without the trace (which slows the
                // driver); round 2 counts round trips with it.
                pg.setLevel(round == 2 ? Level.FINEST : Level.OFF);
                Crm crm = engine.forTenant(TenantId.of(UUID.randomUUID()));
                crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
                synchronized (statements) {
                    statements.clear();
                    syncs = 0;
                    copies = 0;
                }
                long[] batches = {0};
                long start = System.nanoTime();
                long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                long jvmStart = jvmCpuNanos();
                long serverStart = serverCpuTicks();
                ImportSummary s;
                try (Reader in = OnlineRetailFile.open(limit)) {
                    s = CsvImporter.of(crm)
                            .progress(p -> batches[0]++)
                            .importOrders(in, OnlineRetailImport.mapping(), RejectReport.to(Writer.nullWriter()));
                }
                long took = System.nanoTime() - start;
                long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart;
                long jvm = jvmCpuNanos() - jvmStart;
                long server = serverCpuTicks() - serverStart;
                if (round == 2) {
                    out.printf(
                            Locale.ROOT,
                            "%n%d round trips (%.1f per batch of up to %d rows, %d batches), %d COPYs%n",
                            syncs,
                            syncs / (double) batches[0],
                            CsvImporter.DEFAULT_BATCH_SIZE,
                            batches[0],
                            copies);
                    continue;
                }
                out.printf(
                        Locale.ROOT,
                        "%n%s: %d rows in %.2f s; %s%n",
                        round == 0 ? "First import in this JVM, into empty tables" : "Second import (warm)",
                        s.rowsRead(),
                        took / 1e9,
                        s);
                long inStatements = 0;
                out.println("   count      ms  statement");
                for (Map.Entry<String, long[]> e : statements.entrySet().stream()
                        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> x) -> x.getValue()[1])
                                .reversed())
                        .toList()) {
                    inStatements += e.getValue()[1];
                    out.printf(Locale.ROOT, "%8d %7d  %s%n", e.getValue()[0], e.getValue()[1] / 1_000_000, e.getKey());
                }
                out.printf(
                        Locale.ROOT,
                        "%.2f s in statements and commits, %.2f s elsewhere (COPY, Java); the importing thread's CPU"
                                + " time %.2f s%n",
                        inStatements / 1e9,
                        (took - inStatements) / 1e9,
                        cpu / 1e9);
                if (server >= 0) {
                    out.printf(
                            Locale.ROOT,
                            "CPU time of this machine's postgres processes meanwhile (from /proc; other users' queries"
                                    + " included): %.2f s%n",
                            server / 100.0);
                    int cores = Runtime.getRuntime().availableProcessors();
                    double busy = jvm / 1e9 + server / 100.0;
                    out.printf(
                            Locale.ROOT,
                            "CPU time of this JVM (every thread: the reader, GC, JIT) %.2f s; with PostgreSQL's, %.2f s"
                                    + " of the %.2f s that %d cores offered in %.2f s (%.0f%%)%n",
                            jvm / 1e9,
                            busy,
                            cores * took / 1e9,
                            cores,
                            took / 1e9,
                            100 * busy / (cores * took / 1e9));
                }
            }
        } finally {
            Postgres.dropSchema(schema);
        }
    }

    /** @return the CPU time of this JVM's every thread so far */
    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * @return the user and system CPU time of every process named {@code postgres} on this machine,
     *     in clock ticks (1/100 s on Linux), or -1 if {@code /proc} cannot be read
     */
    private static long serverCpuTicks() {
        try (var processes = Files.list(Path.of("/proc"))) {
            long ticks = 0;
            for (Path p : (Iterable<Path>) processes::iterator) {
                if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] fields = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException gone) {
                    // The process ended meanwhile.
                }
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void record(String sql, long nanos) {
        String key = sql.replaceAll("\\?(, \\?)+", "?..")
                .replaceAll("(\\([^()]*\\))(, \\1)+", "$1, ...")
                .replaceAll("\\s+", " ");
        if (key.length() > 140) {
            key = key.substring(0, 140) + "...";
        }
        synchronized (statements) {
            long[] slot = statements.computeIfAbsent(key, k -> new long[2]);
            slot[0]++;
            slot[1] += nanos;
        }
    }

    private static DataSource timed(DataSource delegate) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return connection(delegate.getConnection());
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return connection(delegate.getConnection(user, password));
            }

            @Override
            public PrintWriter getLogWriter() throws SQLException {
                return delegate.getLogWriter();
            }

            @Override
            public void setLogWriter(PrintWriter out) throws SQLException {
                delegate.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) throws SQLException {
                delegate.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() throws SQLException {
                return delegate.getLoginTimeout();
            }

            @Override
            public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
                return delegate.getParentLogger();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                return delegate.unwrap(type);
            }

            @Override
            public boolean isWrapperFor(Class<?> type) throws SQLException {
                return delegate.isWrapperFor(type);
            }
        };
    }

    private static Connection connection(Connection real) {
        InvocationHandler h = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("prepareStatement") && args != null && args[0] instanceof String sql) {
                return statement((PreparedStatement) invoke(real, method, args), sql);
            }
            if (name.equals("commit") || name.equals("rollback") && (args == null || args.length == 0)) {
                long t = System.nanoTime();
                Object r = invoke(real, method, args);
                record(name.toUpperCase(Locale.ROOT), System.nanoTime() - t);
                return r;
            }
            if (name.equals("setSavepoint") || name.equals("releaseSavepoint")) {
                long t = System.nanoTime();
                Object r = invoke(real, method, args);
                record(name, System.nanoTime() - t);
                return r;
            }
            return invoke(real, method, args);
        };
        return (Connection)
                Proxy.newProxyInstance(ImportRoundTrips.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
    }

    private static PreparedStatement statement(PreparedStatement real, String sql) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                long t = System.nanoTime();
                Object r = invoke(real, method, args);
                record(sql, System.nanoTime() - t);
                return r;
            }
            return invoke(real, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(
                ImportRoundTrips.class.getClassLoader(), new Class<?>[] {PreparedStatement.class, Statement.class}, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
