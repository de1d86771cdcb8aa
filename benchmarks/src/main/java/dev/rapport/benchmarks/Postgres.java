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
