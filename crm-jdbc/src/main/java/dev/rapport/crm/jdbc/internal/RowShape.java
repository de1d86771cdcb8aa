package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.activity.Order;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The columns the adapter writes to an activity table, each with its value type, and the
 * statements built from them. A row is an {@code Object[]} of values in column order (null for SQL
 * NULL), built once per record ({@link ActivityRows#orderRow}, {@link ActivityRows#interactionRow},
 * {@link ActivityRows#reversalRow});
 * the single-row insert, the update, the batched insert and the PostgreSQL {@code COPY} text all
 * take it from there, so that every path writes the same row.
 */
final class RowShape {

    /** How a value is bound (and written as {@code COPY} text, {@link CopyText}). */
    enum Type {
        /** {@link UUID}, through {@link Dialect#setUuid}. */
        UUID,
        /** {@link Long}. */
        BIGINT,
        /** {@link Instant}, through {@link Dialect#setInstant} (microseconds, UTC). */
        TIMESTAMP,
        /** {@link LocalDate}. */
        DATE,
        /** {@link String}. */
        TEXT,
        /** {@link BigDecimal}. */
        DECIMAL,
        /** {@link Boolean}. */
        BOOLEAN,
        /**
         * JSON: its text ({@link String}), or an {@link dev.rapport.crm.model.activity.Order} whose
         * JSON {@link OrderJson} writes when the row is bound or copied; bound through {@link
         * Dialect#jsonParameter()}.
         */
        JSON
    }

    /** A column: its name and the type of its values. */
    record Column(String name, Type type) {}

    /** {@code orders}: tenant and id, then what {@code update} rewrites from {@code version} on. */
    static final RowShape ORDERS = new RowShape(
            ActivityRows.ORDERS,
            List.of(
                    new Column("tenant_id", Type.UUID),
                    new Column("id", Type.UUID),
                    new Column("version", Type.BIGINT),
                    new Column("customer_id", Type.UUID),
                    new Column("occurred_at", Type.TIMESTAMP),
                    new Column("occurred_date", Type.DATE),
                    new Column("channel", Type.TEXT),
                    new Column("currency", Type.TEXT),
                    new Column("total", Type.DECIMAL),
                    new Column("reversed_total", Type.DECIMAL),
                    new Column("fully_reversed", Type.BOOLEAN),
                    new Column("source_hash", Type.TEXT),
                    new Column("source_key", Type.TEXT),
                    new Column("payload", Type.JSON)));

    /** {@code interactions}: tenant and id, then what {@code update} rewrites from {@code version} on. */
    static final RowShape INTERACTIONS = new RowShape(
            ActivityRows.INTERACTIONS,
            List.of(
                    new Column("tenant_id", Type.UUID),
                    new Column("id", Type.UUID),
                    new Column("version", Type.BIGINT),
                    new Column("customer_id", Type.UUID),
                    new Column("channel", Type.TEXT),
                    new Column("direction", Type.TEXT),
                    new Column("occurred_at", Type.TIMESTAMP),
                    new Column("thread_id", Type.TEXT),
                    new Column("source_hash", Type.TEXT),
                    new Column("source_key", Type.TEXT),
                    new Column("payload", Type.JSON)));

    /** {@code order_reversals}: inserted only, never updated (a reversal is final). */
    static final RowShape REVERSALS = new RowShape(
            ActivityRows.REVERSALS,
            List.of(
                    new Column("tenant_id", Type.UUID),
                    new Column("id", Type.UUID),
                    new Column("order_id", Type.UUID),
                    new Column("customer_id", Type.UUID),
                    new Column("kind", Type.TEXT),
                    new Column("occurred_at", Type.TIMESTAMP),
                    new Column("channel", Type.TEXT),
                    new Column("currency", Type.TEXT),
                    new Column("amount", Type.DECIMAL),
                    new Column("source_hash", Type.TEXT),
                    new Column("source_key", Type.TEXT),
                    new Column("payload", Type.JSON)));

    /** Rows start with these two columns; an update keys on them and rewrites the others. */
    private static final int KEY_COLUMNS = 2;

    private final String table;
    private final List<Column> columns;
    private final String names;

    private RowShape(String table, List<Column> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
        if (!columns.get(0).name().equals("tenant_id") || !columns.get(1).name().equals("id")) {
            throw new IllegalArgumentException("a row starts with tenant_id and id");
        }
        this.names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    String table() {
        return table;
    }

    List<Column> columns() {
        return columns;
    }

    /** @return the column names, comma-separated, in row order */
    String names() {
        return names;
    }

    /** @return {@code INSERT INTO <into> (<names>) VALUES (?, ..., <json placeholder>)} */
    String insertSql(String into, Dialect dialect) {
        return "INSERT INTO " + into + " (" + names + ") VALUES (" + placeholders(dialect) + ")";
    }

    private String placeholders(Dialect dialect) {
        return columns.stream().map(c -> placeholder(c, dialect)).collect(Collectors.joining(", "));
    }

    /** @return the single-row insert of the row into this shape's table */
    Sql insert(Dialect dialect, @Nullable Object[] row) {
        return bindRow(new Sql().append(insertSql(table, dialect)), dialect, row);
    }

    /** Binds the row's values to the next placeholders of the statement, in column order. */
    private Sql bindRow(Sql sql, Dialect dialect, @Nullable Object[] row) {
        checkRow(row);
        for (int i = 0; i < columns.size(); i++) {
            sql.bind(binder(dialect, columns.get(i).type(), row[i]));
        }
        return sql;
    }

    /**
     * @return the single-row insert of the row into this shape's table if the named customer is
     *     one of the row's tenant's: {@code INSERT INTO <table> (...) SELECT ?, ... FROM customers
     *     WHERE tenant_id = ? AND id = ?}, which inserts nothing otherwise
     */
    Sql insertIfCustomer(Dialect dialect, @Nullable Object[] row, UUID customer) {
        Sql sql = new Sql()
                .append("INSERT INTO " + table + " (" + names + ") SELECT " + placeholders(dialect)
                        + " FROM customers WHERE tenant_id = ? AND id = ?");
        return bindRow(sql, dialect, row)
                .bind(binder(dialect, Type.UUID, row[0]))
                .bind(binder(dialect, Type.UUID, customer));
    }

    /**
     * @return {@code UPDATE <table> SET version = ?, ... WHERE tenant_id = ? AND id = ? AND version
     *     = ?}: every column but the key rewritten from the row, guarded by the expected version
     */
    Sql update(Dialect dialect, @Nullable Object[] row, long expectedVersion) {
        checkRow(row);
        Sql sql = new Sql().append("UPDATE " + table + " SET ");
        for (int i = KEY_COLUMNS; i < columns.size(); i++) {
            Column column = columns.get(i);
            sql.append((i == KEY_COLUMNS ? "" : ", ") + column.name() + " = " + placeholder(column, dialect))
                    .bind(binder(dialect, column.type(), row[i]));
        }
        return sql.append(" WHERE tenant_id = ?")
                .bind(binder(dialect, Type.UUID, row[0]))
                .append(" AND id = ?")
                .bind(binder(dialect, Type.UUID, row[1]))
                .append(" AND version = ?")
                .bind((ps, i) -> ps.setLong(i, expectedVersion));
    }

    /** Binds the row to a statement prepared from {@link #insertSql}, from the first placeholder. */
    void bind(PreparedStatement statement, Dialect dialect, @Nullable Object[] row) throws SQLException {
        checkRow(row);
        for (int i = 0; i < columns.size(); i++) {
            binder(dialect, columns.get(i).type(), row[i]).bind(statement, i + 1);
        }
    }

    private void checkRow(@Nullable Object[] row) {
        if (row.length != columns.size()) {
            throw new IllegalArgumentException(
                    "a row of " + table + " has " + columns.size() + " values, not " + row.length);
        }
    }

    private static String placeholder(Column column, Dialect dialect) {
        return column.type() == Type.JSON ? dialect.jsonParameter() : "?";
    }

    /** The one way each type of value is bound, on every path. */
    static Sql.Binder binder(Dialect dialect, Type type, @Nullable Object value) {
        if (value == null) {
            return type == Type.UUID ? (ps, i) -> ps.setObject(i, null) : (ps, i) -> ps.setString(i, null);
        }
        return switch (type) {
            case UUID -> {
                UUID uuid = (UUID) value;
                yield (ps, i) -> dialect.setUuid(ps, i, uuid);
            }
            case BIGINT -> {
                long n = (Long) value;
                yield (ps, i) -> ps.setLong(i, n);
            }
            case TIMESTAMP -> {
                Instant instant = (Instant) value;
                yield (ps, i) -> dialect.setInstant(ps, i, instant);
            }
            case DATE -> {
                LocalDate date = (LocalDate) value;
                yield (ps, i) -> ps.setObject(i, date);
            }
            case TEXT -> {
                String text = (String) value;
                yield (ps, i) -> ps.setString(i, text);
            }
            case JSON -> {
                String text = value instanceof Order order ? OrderJson.write(order) : (String) value;
                yield (ps, i) -> ps.setString(i, text);
            }
            case DECIMAL -> {
                BigDecimal decimal = (BigDecimal) value;
                yield (ps, i) -> ps.setBigDecimal(i, decimal);
            }
            case BOOLEAN -> {
                boolean b = (Boolean) value;
                yield (ps, i) -> ps.setBoolean(i, b);
            }
        };
    }

    @Override
    public String toString() {
        return table + " (" + names + ")";
    }

    /** @return the value of the named column of the row */
    @Nullable
    Object value(@Nullable Object[] row, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return row[i];
            }
        }
        throw new IllegalArgumentException(Objects.requireNonNull(column) + " is no column of " + table);
    }
}
