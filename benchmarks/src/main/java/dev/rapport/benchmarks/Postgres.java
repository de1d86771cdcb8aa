package dev.rapport.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local PostgreSQL the database benchmarks run on: {@code 127.0.0.1:5432}, user {@code
 * postgres} without a password, database {@code test}; override with the environment variable
 * {@code RAPPORT_PG_URL} (a JDBC URL that may carry {@code user=} and {@code password=}). Every
 * benchmark state creates its own schema and drops it when it tears down.
 */
final class Postgres {
    static final String URL = Objects.requireNonNullElse(
            System.getenv("RAPPORT_PG_URL"), "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private Postgres() {}

    /**
     * @param prefix a short name for what the schema holds
     * @return the name of a new, empty schema
     */
    static String createSchema(String prefix) {
        String name = ("rb_" + prefix + "_"
                        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16))
                .toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + name);
        return name;
    }

    /**
     * The schema a seeded data set is kept in between runs when {@code RAPPORT_KEEP_SEED=1}: a fixed
     * name, created if missing, never dropped by the benchmark (drop it with {@code DROP SCHEMA
     * <name> CASCADE}). Without the variable, a new schema as {@link #createSchema} makes.
     *
     * @param name the fixed name's suffix, {@code [a-z0-9_]}
     * @return the schema's name
     */
    static String keptOrNewSchema(String name) {
        if (!keepSeed()) {
            return createSchema(name);
        }
        String schema = "rb_keep_" + name;
        if (!schema.matches("rb_[a-z0-9_]+")) {
            throw new IllegalArgumentException("bad schema name: " + schema);
        }
        execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        return schema;
    }

    /** @return true if seeded data sets are kept between runs ({@code RAPPORT_KEEP_SEED=1}) */
    static boolean keepSeed() {
        return "1".equals(System.getenv("RAPPORT_KEEP_SEED"));
    }

    /** Drops a schema unless it is a kept one ({@link #keptOrNewSchema}) and seeds are kept. */
    static void dropUnlessKept(String schema) {
        if (schema != null && !(keepSeed() && schema.startsWith("rb_keep_"))) {
            dropSchema(schema);
        }
    }

    /** @param schema a schema made by {@link #createSchema}; dropped with everything in it */
    static void dropSchema(String schema) {
        if (!schema.matches("rb_[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a benchmark schema: " + schema);
        }
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /**
     * @param schema the schema unqualified names resolve in
     * @param size the pool size
     * @return a HikariCP pool on that schema
     */
    static HikariDataSource pool(String schema, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(URL);
        config.setSchema(schema);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setPoolName("bench-" + schema);
        return new HikariDataSource(config);
    }

    static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " failed: " + e.getMessage(), e);
        }
    }
}
