package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.spi.StorageSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on a borrowed connection: in a READ COMMITTED transaction, retried from the start on a
 * serialization failure or deadlock; or, for reads, on the connection in autocommit. The
 * connection's autocommit and isolation are restored and it is closed (returned to the pool) in
 * every case.
 */
public final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    private static final long BASE_BACKOFF_MICROS = 5_000;
    private static final long MAX_BACKOFF_MICROS = 500_000;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final int maxRetries;

    private volatile @Nullable Integer lentIsolation;

    /**
     * @param dataSource where connections come from
     * @param dialect the database's dialect
     * @param maxRetries how many times a transaction is run again after a retryable failure
     */
    public Transactions(DataSource dataSource, Dialect dialect, int maxRetries) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.maxRetries = maxRetries;
    }

    /** A failed attempt: the exception to throw, and whether running again may succeed. */
    private record Failure(Throwable thrown, @Nullable SQLException retryable) {}

    /** The outcome of one attempt: a result or a failure. */
    private record Attempt<T>(@Nullable T result, @Nullable Failure failure) {}

    /**
     * @param tenant the tenant
     * @param work the work
     * @param <T> the result type
     * @return the work's result after commit
     */
    public <T> T inTransaction(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        return retrying("tenant " + tenant, connection -> run(connection, tenant, work));
    }

    /** Work on a connection whose transaction the caller does not manage. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        /**
         * @param connection the connection, in a transaction
         * @return the result
         * @throws SQLException on failure
         */
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work that no tenant scopes (the cross-tenant timer queue) in one READ COMMITTED
     * transaction, retried from the start on a serialization failure or deadlock like {@link
     * #inTransaction(TenantId, Function)}.
     *
     * @param scope what the work is, for messages (ids only)
     * @param work the work
     * @param <T> the result type
     * @return its result after commit
     */
    public <T> T inTransaction(String scope, ConnectionWork<T> work) {
        return retrying(scope, connection -> runPlain(connection, scope, work));
    }

    private <T> T retrying(String scope, Function<Connection, Attempt<T>> runner) {
        for (int attempt = 1; ; attempt++) {
            Attempt<T> outcome = attempt(scope, runner);
            Failure failure = outcome.failure();
            if (failure == null) {
                return outcome.result();
            }
            if (failure.retryable() == null || attempt > maxRetries) {
                throw rethrow(failure.thrown());
            }
            LOG.debug(
                    "Retrying the transaction of {} after SQLState {} (attempt {} of {})",
                    scope,
                    failure.retryable().getSQLState(),
                    attempt + 1,
                    maxRetries + 1);
            backOff(attempt, failure.thrown());
        }
    }

    private <T> Attempt<T> attempt(String scope, Function<Connection, Attempt<T>> runner) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            return failed(new StorageException("could not get a connection for " + scope, e), e);
        }
        Throwable primary = null;
        try {
            boolean autoCommit = true;
            int isolation = Connection.TRANSACTION_READ_COMMITTED;
            try {
                autoCommit = connection.getAutoCommit();
                isolation = lentIsolation(connection);
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                if (autoCommit) {
                    connection.setAutoCommit(false);
                }
                return runner.apply(connection);
            } catch (SQLException e) {
                primary = e;
                return failed(
                        new StorageException("could not start a transaction for " + scope, e),
                        dialect.isRetryable(e) ? e : null);
            } finally {
                restore(connection, autoCommit, isolation);
            }
        } catch (RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            close(connection, primary);
        }
    }

    /**
     * The isolation the data source lends connections with, asked of the first connection only:
     * some drivers (PostgreSQL's) answer {@code getTransactionIsolation()} with a round trip. Pools
     * hand connections back with their default isolation, and a plain data source opens them with
     * it, so one answer holds for all; an application that changes the isolation of pooled
     * connections without resetting it must configure its pool to reset it.
     */
    private int lentIsolation(Connection connection) throws SQLException {
        Integer known = lentIsolation;
        if (known == null) {
            known = connection.getTransactionIsolation();
            lentIsolation = known;
            LOG.debug("Connections are lent with isolation level {}", known);
        }
        return known;
    }

    private <T> Attempt<T> run(
            Connection connection, TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        JdbcSession session = new JdbcSession(connection, dialect, tenant, true);
        try {
            T result = work.apply(session);
            session.beforeCommit();
            connection.commit();
            return new Attempt<>(result, null);
        } catch (SQLException e) {
            rollback(connection, e);
            SQLException retryable = session.retryableFailure().orElse(dialect.isRetryable(e) ? e : null);
            return failed(
                    new StorageException(
                            "the transaction of tenant " + tenant + " failed (SQLState " + e.getSQLState() + ")", e),
                    retryable);
        } catch (RuntimeException | Error e) {
            rollback(connection, e);
            Optional<SQLException> retryable = session.retryableFailure();
            return new Attempt<>(null, new Failure(e, retryable.orElse(null)));
        } finally {
            session.close();
        }
    }

    private <T> Attempt<T> runPlain(Connection connection, String scope, ConnectionWork<T> work) {
        try {
            T result = work.run(connection);
            connection.commit();
            return new Attempt<>(result, null);
        } catch (SQLException e) {
            rollback(connection, e);
            return failed(
                    new StorageException(
                            "the transaction of " + scope + " failed (SQLState " + e.getSQLState() + ")", e),
                    dialect.isRetryable(e) ? e : null);
        } catch (RuntimeException | Error e) {
            rollback(connection, e);
            return new Attempt<>(null, new Failure(e, null));
        }
    }

    /**
     * @param tenant the tenant
     * @param work the work, given a read-only session on an autocommit connection
     * @param <T> the result type
     * @return the work's result
     */
    public <T> T read(TenantId tenant, Function<? super StorageSession, ? extends T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StorageException("could not get a connection for tenant " + tenant, e);
        }
        Throwable primary = null;
        JdbcSession session = new JdbcSession(connection, dialect, tenant, false);
        try {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                return work.apply(session);
            } finally {
                if (!autoCommit) {
                    connection.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            primary = e;
            throw new StorageException("could not prepare a read for tenant " + tenant, e);
        } catch (RuntimeException | Error e) {
            primary = e;
            throw e;
        } finally {
            session.close();
            close(connection, primary);
        }
    }

    private static <T> Attempt<T> failed(Throwable thrown, @Nullable SQLException retryable) {
        return new Attempt<>(null, new Failure(thrown, retryable));
    }

    private static RuntimeException rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException e) {
            return e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        return new StorageException("transaction failed", thrown);
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
            LOG.debug("Rollback failed (SQLState {})", e.getSQLState());
        }
    }

    /**
     * Puts autocommit and isolation back as the pool lent them. A failure here comes after the
     * commit or rollback, so it must not change the outcome; it is logged and the connection is
     * closed anyway.
     */
    private static void restore(Connection connection, boolean autoCommit, int isolation) {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (autoCommit && !connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            if (isolation != Connection.TRANSACTION_READ_COMMITTED && isolation != Connection.TRANSACTION_NONE) {
                connection.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            LOG.warn("Could not restore a connection's autocommit and isolation (SQLState {})", e.getSQLState());
        }
    }

    private static void close(Connection connection, @Nullable Throwable primary) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                LOG.warn("Could not close a connection (SQLState {})", e.getSQLState());
            }
        }
    }

    /**
     * Exponential backoff with jitter: a random pause between half and all of 5 ms, 10 ms, 20 ms...
     * capped at 0.5 s, so that the transactions that collided do not collide again.
     */
    private static void backOff(int attempt, Throwable failure) {
        long ceiling = Math.min(MAX_BACKOFF_MICROS, BASE_BACKOFF_MICROS << Math.min(attempt - 1, 20));
        long pause = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            TimeUnit.MICROSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StorageException interrupted = new StorageException("interrupted while waiting to retry a transaction", e);
            interrupted.addSuppressed(failure);
            throw interrupted;
        }
    }
}
