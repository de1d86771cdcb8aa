package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.internal.JdbcTimerQueue;
import dev.rapport.crm.jdbc.internal.Transactions;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.TimerQueue;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rapport's storage on a relational database through JDBC: PostgreSQL, MariaDB or H2.
 *
 * <pre>{@code
 * JdbcStorage storage = JdbcStorage.create(dataSource);   // detects the database, migrates the schema
 * JdbcStorage custom = JdbcStorage.builder(dataSource)
 *         .migrate(false)                                 // the application applies the SQL itself
 *         .dialect(Dialect.postgresql())
 *         .maxRetries(5)
 *         .build();
 * }</pre>
 *
 * <p><b>Connections.</b> The application owns the {@link DataSource} and its pooling. Each {@link
 * #inTransaction} and {@link #read} borrows one connection for the duration of the callback and
 * returns it with its autocommit and isolation restored; {@link #close()} releases nothing of the
 * caller's.
 *
 * <p><b>Transactions.</b> {@link #inTransaction} runs the work in a READ COMMITTED transaction on
 * every database. When the database reports a serialization failure or deadlock (SQLSTATE 40001,
 * 40P01; on MariaDB also errors 1213 and 1205; on H2 lock timeouts), the transaction is rolled
 * back and the whole work is run again on a fresh transaction, at most {@link
 * Builder#maxRetries(int)} more times, after a growing random pause. Exceptions the work throws are
 * rethrown unchanged; database failures are wrapped in {@link StorageException}, whose message
 * names ids but no personal data (the driver's exception, kept as the cause, may quote values).
 *
 * <p><b>Event log.</b> Positions are handed out per tenant by a counter row that the commit holds
 * locked: appended events are written just before commit, so writers of one tenant that append
 * events serialise for the duration of their commits (not of their whole transactions). That is
 * the price of positions that follow commit order without gaps, which lets a poller resume after
 * the last position it saw without missing a late commit.
 *
 * <p><b>Timers</b> (since 0.3). Timer writes are single-row statements in the tenant's
 * transaction; the cross-tenant claim of due timers is a short transaction of its own that
 * selects the earliest available rows with {@code SELECT ... FOR UPDATE SKIP LOCKED} (MariaDB
 * 10.6 or later; MySQL 8), so instances sharing the database never claim a timer twice nor wait
 * for one another.
 *
 * <p><b>Schema.</b> Flyway migrations under {@code db/rapport/<family>}, recorded in the table
 * {@code rapport_schema_history} of the connection's default schema, so they live beside the
 * application's own migrations. Applications that migrate themselves switch it off with {@link
 * Builder#migrate(boolean)} and apply the same scripts.
 *
 * <p>Thread-safe: one instance serves the whole application. Sessions are not thread-safe and are
 * valid only inside their callback.
 *
 * @since 0.1
 */
public final class JdbcStorage implements CrmStorage {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    /** The Flyway history table of Rapport's migrations. */
    public static final String SCHEMA_HISTORY_TABLE = "rapport_schema_history";

    /** How many times a transaction is run again after a serialization failure, by default. */
    public static final int DEFAULT_MAX_RETRIES = 4;

    private final Dialect dialect;
    private final Transactions transactions;
    private final TimerQueue timerQueue;
    private volatile boolean closed;

    private JdbcStorage(Builder builder, Dialect dialect) {
        this.dialect = dialect;
        this.transactions = new Transactions(builder.dataSource, dialect, builder.maxRetries);
        this.timerQueue = new Queue(new JdbcTimerQueue(transactions, dialect));
    }

    /**
     * Storage on the data source, with the dialect detected and the schema migrated.
     *
     * @param dataSource the application's data source
     * @return the storage
     * @throws StorageException if the database cannot be reached or migrated
     * @throws IllegalStateException if the database is not one Rapport supports
     */
    public static JdbcStorage create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * @param dataSource the application's data source
     * @return a builder with the defaults: detected dialect, migrate, {@value #DEFAULT_MAX_RETRIES}
     *     retries
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** @return the dialect in use */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this storage was closed
     */
    @Override
    public <T> T inTransaction(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(work, "work");
        checkOpen();
        return transactions.inTransaction(tenant, work);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Runs on a connection in autocommit: each statement sees the data committed when it starts.
     *
     * @throws IllegalStateException if this storage was closed
     */
    @Override
    public <T> T read(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(work, "work");
        checkOpen();
        return transactions.read(tenant, work);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each claim and release is a short transaction of its own (retried like any other); a
     * claim selects the earliest available rows of {@code timers} with {@code FOR UPDATE SKIP
     * LOCKED}, so claimers on one database never wait for each other nor for a transaction that
     * is firing a timer. See {@link Dialect} for the SQL of each database.
     *
     * @since 0.3
     */
    @Override
    public Optional<TimerQueue> timerQueue() {
        return Optional.of(timerQueue);
    }

    /** Marks this storage closed; the data source is the application's and stays open. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this JdbcStorage was closed");
        }
    }

    @Override
    public String toString() {
        return "JdbcStorage[" + dialect.name() + "]";
    }

    /** Refuses calls once this storage is closed. */
    private final class Queue implements TimerQueue {
        private final JdbcTimerQueue queue;

        Queue(JdbcTimerQueue queue) {
            this.queue = queue;
        }

        @Override
        public List<ClaimedTimer> claimDue(Instant now, int limit, String owner, Instant leaseUntil) {
            checkOpen();
            return queue.claimDue(now, limit, owner, leaseUntil);
        }

        @Override
        public int release(List<ClaimedTimer> claims, Instant availableAt) {
            checkOpen();
            return queue.release(claims, availableAt);
        }
    }

    /**
     * Configures a {@link JdbcStorage}. Not thread-safe; {@link #build()} may be called more than
     * once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final DataSource dataSource;
        private boolean migrate = true;
        private @Nullable Dialect dialect;
        private int maxRetries = DEFAULT_MAX_RETRIES;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * @param migrate true (the default) to apply Rapport's migrations with Flyway on {@link
         *     #build()}; false if the application applies them
         * @return this
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * @param dialect the dialect to use instead of detecting it from the database's product name
         * @return this
         */
        public Builder dialect(Dialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * @param maxRetries how many times a transaction is run again after a serialization failure
         *     or deadlock, 0 to never retry; default {@value JdbcStorage#DEFAULT_MAX_RETRIES} (so at
         *     most five attempts)
         * @return this
         * @throws IllegalArgumentException if negative
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Detects the dialect unless one was given (logging the choice at INFO), then migrates the
         * schema unless switched off.
         *
         * @return the storage
         * @throws StorageException if the database cannot be reached or migrated
         * @throws IllegalStateException if no dialect was given and the database is not supported
         */
        public JdbcStorage build() {
            Dialect chosen = dialect != null ? dialect : detect(dataSource);
            if (dialect != null) {
                LOG.info("Rapport JDBC storage uses the {} dialect (configured)", chosen.name());
            }
            if (migrate) {
                migrate(dataSource, chosen);
            }
            return new JdbcStorage(this, chosen);
        }

        private static Dialect detect(DataSource dataSource) {
            try (Connection connection = dataSource.getConnection()) {
                DatabaseMetaData meta = connection.getMetaData();
                String product = meta.getDatabaseProductName();
                Dialect detected = Dialect.forProductName(product)
                        .orElseThrow(() -> new IllegalStateException("Rapport does not support the database " + product
                                + "; choose a dialect with JdbcStorage.builder(...).dialect(...)"));
                LOG.info(
                        "Rapport JDBC storage uses the {} dialect (detected {} {})",
                        detected.name(),
                        product,
                        meta.getDatabaseProductVersion());
                return detected;
            } catch (SQLException e) {
                throw new StorageException("could not read the database's metadata", e);
            }
        }

        private static void migrate(DataSource dataSource, Dialect dialect) {
            try {
                Flyway.configure(JdbcStorage.class.getClassLoader())
                        .dataSource(dataSource)
                        .table(SCHEMA_HISTORY_TABLE)
                        .locations(dialect.migrationLocation())
                        .placeholders(dialect.migrationPlaceholders())
                        // Beside the application's tables: baseline below V1 so that V1 still runs.
                        .baselineOnMigrate(true)
                        .baselineVersion("0")
                        .load()
                        .migrate();
            } catch (FlywayException e) {
                throw new StorageException("could not migrate Rapport's schema", e);
            }
        }
    }
}
