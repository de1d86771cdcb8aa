package dev.rapport.crm.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source wrapper for tests: counts the connections that are open (borrowed and not yet
 * closed), can make the next commits fail with a chosen SQLSTATE (rolling back instead), and can
 * pause randomly before each commit to widen race windows.
 */
public final class CountingDataSource implements DataSource {

    private final DataSource delegate;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger borrowed = new AtomicInteger();
    private final AtomicInteger commitFailures = new AtomicInteger();
    private volatile String commitFailureState = "40001";
    private volatile int maxCommitDelayMillis;

    public CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** @return connections borrowed and not closed */
    public int openConnections() {
        return open.get();
    }

    /** @return connections borrowed so far */
    public int borrowedConnections() {
        return borrowed.get();
    }

    /**
     * @param count how many of the next commits fail (after rolling back)
     * @param sqlState the SQLSTATE of the failure
     */
    public void failNextCommits(int count, String sqlState) {
        commitFailureState = sqlState;
        commitFailures.set(count);
    }

    /** @param millis the longest random pause before each commit; 0 for none */
    public void delayCommits(int millis) {
        maxCommitDelayMillis = millis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        open.incrementAndGet();
        borrowed.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (closed.compareAndSet(false, true)) {
                                open.decrementAndGet();
                            }
                        }
                        case "commit" -> {
                            int delay = maxCommitDelayMillis;
                            if (delay > 0) {
                                // Widens the window between the event counter and the commit.
                                Thread.sleep(ThreadLocalRandom.current().nextInt(delay + 1));
                            }
                            if (commitFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                                connection.rollback();
                                throw new SQLException("injected failure", commitFailureState);
                            }
                        }
                        default -> {}
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
