package dev.rapport.crm.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Throw-away databases for tests: an in-memory H2 database, a fresh PostgreSQL schema or a fresh
 * MariaDB database, each dropped on {@link TestDatabase#close()}. PostgreSQL and MariaDB must be
 * reachable (tests fail, never skip, when they are not); their admin URLs default to this
 * machine's servers and can be overridden with the system properties {@code rapport.pg.url} and
 * {@code rapport.mariadb.url} or the environment variables {@code RAPPORT_PG_URL} and {@code
 * RAPPORT_MARIADB_URL}.
 */
public final class TestDatabases {

    /** The default admin URL of PostgreSQL (user postgres, trust authentication, database test). */
    public static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    /** The default admin URL of MariaDB (user root, empty password, database test). */
    public static final String DEFAULT_MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test?user=root&password=";

    private static final Pattern MARIADB_URL = Pattern.compile("(jdbc:mariadb://[^/?]+/)([^?]*)(.*)");

    private TestDatabases() {}

    /** A database (or schema) that exists until closed. */
    public interface TestDatabase extends AutoCloseable {
        /** @return a short name, for test names and messages */
        String name();

        /** @return a data source on it (no pool: each connection is a new one) */
        DataSource dataSource();

        /** Drops it. */
        @Override
        void close();
    }

    /** @return a fresh in-memory H2 database */
    public static TestDatabase h2() {
        String name = uniqueName();
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=2000");
        dataSource.setUser("sa");
        return new Simple("H2", dataSource, () -> execute(dataSource, "SHUTDOWN"));
    }

    /** @return a fresh schema in the PostgreSQL database */
    public static TestDatabase postgresql() {
        String adminUrl = setting("rapport.pg.url", "RAPPORT_PG_URL", DEFAULT_PG_URL);
        String schema = uniqueName();
        admin(adminUrl, "CREATE SCHEMA " + schema, "PostgreSQL");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(adminUrl);
        dataSource.setCurrentSchema(schema);
        return new Simple(
                "PostgreSQL", dataSource, () -> admin(adminUrl, "DROP SCHEMA " + schema + " CASCADE", "PostgreSQL"));
    }

    /** @return a fresh database on the MariaDB server */
    public static TestDatabase mariadb() {
        return mariadb("");
    }

    /**
     * @param options driver options to add to the URL's, each as {@code &name=value}
     * @return a fresh database on the MariaDB server
     */
    public static TestDatabase mariadb(String options) {
        String adminUrl = setting("rapport.mariadb.url", "RAPPORT_MARIADB_URL", DEFAULT_MARIADB_URL);
        Matcher url = MARIADB_URL.matcher(adminUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("not a jdbc:mariadb://host:port/database URL: " + adminUrl);
        }
        String database = uniqueName();
        admin(adminUrl, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4", "MariaDB");
        try {
            String query =
                    url.group(3).isEmpty() && !options.isEmpty() ? "?" + options.substring(1) : url.group(3) + options;
            MariaDbDataSource dataSource = new MariaDbDataSource(url.group(1) + database + query);
            return new Simple("MariaDB", dataSource, () -> admin(adminUrl, "DROP DATABASE " + database, "MariaDB"));
        } catch (SQLException e) {
            throw new IllegalStateException("bad MariaDB URL", e);
        }
    }

    private static String uniqueName() {
        return "rapport_t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    private static String setting(String property, String env, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void admin(String url, String sql, String database) {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    database + " at " + url + " is required by this test and failed: " + e.getMessage(), e);
        }
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Simple(String name, DataSource dataSource, Runnable drop) implements TestDatabase {
        @Override
        public void close() {
            drop.run();
        }
    }
}
