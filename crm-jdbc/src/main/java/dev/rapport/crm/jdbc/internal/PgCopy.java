package dev.rapport.crm.jdbc.internal;

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
            byte[] bytes = new byte[3 * (PIECE + 4096)];
            for (Object[] row : rows) {
                CopyText.appendRow(piece, shape, row);
                if (piece.length() >= PIECE) {
                    bytes = write(copy, piece, bytes);
                }
            }
            write(copy, piece, bytes);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Sends whole rows only, so that no surrogate pair is split between pieces, encoded into a
     * buffer reused for every piece.
     *
     * @return the buffer, or a larger one if the piece needed more
     */
    private static byte[] write(CopyIn copy, StringBuilder piece, byte[] bytes) throws SQLException {
        byte[] buffer = bytes.length < 3 * piece.length() ? new byte[3 * piece.length()] : bytes;
        if (piece.length() > 0) {
            int n = utf8(piece, buffer);
            copy.writeToCopy(buffer, 0, n);
            piece.setLength(0);
        }
        return buffer;
    }

    /**
     * Encodes the text as UTF-8 exactly as {@code String.getBytes(UTF_8)} does (an unpaired
     * surrogate becomes {@code ?}), without making the string.
     *
     * @param text the text
     * @param out at least three bytes per character
     * @return how many bytes were written
     */
    static int utf8(CharSequence text, byte[] out) {
        int n = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < length ? text.charAt(i + 1) : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                    int cp = Character.toCodePoint(c, low);
                    out[n++] = (byte) (0xF0 | (cp >> 18));
                    out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    out[n++] = (byte) (0x80 | (cp & 0x3F));
                    i++;
                } else {
                    out[n++] = (byte) '?';
                }
            } else {
                out[n++] = (byte) (0xE0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n;
    }
}
