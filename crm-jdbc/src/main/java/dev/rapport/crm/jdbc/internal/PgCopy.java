package dev.rapport.crm.jdbc.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * {@code COPY ... FROM STDIN} through the PostgreSQL driver's {@code CopyManager}. The only class
 * of the adapter that names the driver's types: it is loaded only when {@link #available} says the
 * driver is on the class path and the connection is one of its own, so applications on other
 * databases need no PostgreSQL driver.
 */
final class PgCopy {

    /** Rows are sent in pieces of about this many characters. */
    private static final int PIECE = 64 * 1024;

    private static final boolean DRIVER_PRESENT = driverPresent();

    private PgCopy() {}

    private static boolean driverPresent() {
        try {
            Class.forName("org.postgresql.PGConnection", false, PgCopy.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return true if the connection (or what it wraps) is a PostgreSQL driver connection */
    static boolean available(Connection connection) {
        if (!DRIVER_PRESENT) {
            return false;
        }
        try {
            return connection.isWrapperFor(PGConnection.class);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Copies the rows in text format ({@link CopyText}) into the table, in the connection's
     * transaction.
     *
     * @param connection a connection for which {@link #available} is true
     * @param table the table to copy into (a name chosen by the adapter)
     * @param shape the columns, in row order
     * @param rows the rows
     * @return how many rows the server took
     * @throws SQLException on failure; the copy is then cancelled
     */
    static long copyIn(Connection connection, String table, RowShape shape, List<@Nullable Object[]> rows)
            throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        CopyIn copy = pg.getCopyAPI().copyIn("COPY " + table + " (" + shape.names() + ") FROM STDIN");
        try {
            StringBuilder piece = new StringBuilder(PIECE + 4096);
            for (Object[] row : rows) {
                CopyText.appendRow(piece, shape, row);
                if (piece.length() >= PIECE) {
                    write(copy, piece);
                }
            }
            write(copy, piece);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Sends whole rows only, so that no surrogate pair is split between pieces. */
    private static void write(CopyIn copy, StringBuilder piece) throws SQLException {
        if (piece.length() > 0) {
            byte[] bytes = piece.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            piece.setLength(0);
        }
    }
}
