package dev.rapport.crm.jdbc;

import dev.rapport.crm.jdbc.TestDatabases.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;

/**
 * The bulk paths on PostgreSQL through connections that do not reveal the PostgreSQL driver (as a
 * wrapper without {@code unwrap} support would): the staging table is then filled with a batch
 * instead of {@code COPY}, and everything else must hold the same.
 */
@Tag("database")
class PostgreSqlWithoutCopyJdbcBulkTest extends JdbcBulkContract {
    @Override
    TestDatabase openDatabase() {
        TestDatabase database = TestDatabases.postgresql();
        DataSource hiding = new HidingDataSource(database.dataSource());
        return new TestDatabase() {
            @Override
            public String name() {
                return database.name() + " without COPY";
            }

            @Override
            public DataSource dataSource() {
                return hiding;
            }

            @Override
            public void close() {
                database.close();
            }
        };
    }

    /** Connections that are wrappers of nothing. */
    private record HidingDataSource(DataSource delegate) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return hide(delegate.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return hide(delegate.getConnection(username, password));
        }

        private static Connection hide(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "isWrapperFor" -> {
                                return false;
                            }
                            case "unwrap" -> throw new SQLException("not a wrapper");
                            default -> {
                                try {
                                    return method.invoke(connection, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            }
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
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
