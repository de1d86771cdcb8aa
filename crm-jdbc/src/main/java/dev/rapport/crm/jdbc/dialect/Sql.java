package dev.rapport.crm.jdbc.dialect;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL being built, with the binders of its {@code ?} placeholders in order. Text
 * appended here is always chosen by the adapter (keywords, column names, fixed literals); every
 * value, and anything a user wrote, goes through a placeholder and a binder.
 *
 * <p>Mutable and not thread-safe: build one per statement.
 *
 * @since 0.1
 */
public final class Sql {

    /** Binds one placeholder. */
    @FunctionalInterface
    public interface Binder {
        /**
         * @param statement the statement
         * @param index the 1-based index of the placeholder
         * @throws SQLException if the driver refuses the value
         */
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Binder> binders = new ArrayList<>();

    /** Creates an empty fragment. */
    public Sql() {}

    /**
     * @param fragment SQL text chosen by the adapter; its {@code ?} placeholders must be bound
     *     with {@link #bind(Binder)} in order
     * @return this
     */
    public Sql append(String fragment) {
        text.append(fragment);
        return this;
    }

    /**
     * Adds the binder of the next placeholder already written with {@link #append(String)}.
     *
     * @param binder the binder
     * @return this
     */
    public Sql bind(Binder binder) {
        binders.add(Objects.requireNonNull(binder, "binder"));
        return this;
    }

    /**
     * Appends a {@code ?} and its binder.
     *
     * @param binder the binder
     * @return this
     */
    public Sql param(Binder binder) {
        return append("?").bind(binder);
    }

    /**
     * Appends a {@code ?} bound to a string.
     *
     * @param value the value
     * @return this
     */
    public Sql param(String value) {
        Objects.requireNonNull(value, "value");
        return param((ps, i) -> ps.setString(i, value));
    }

    /**
     * Binds a string to a placeholder already appended.
     *
     * @param value the value
     * @return this
     */
    public Sql bindString(String value) {
        Objects.requireNonNull(value, "value");
        return bind((ps, i) -> ps.setString(i, value));
    }

    /**
     * Appends another fragment with its binders.
     *
     * @param other the fragment
     * @return this
     */
    public Sql append(Sql other) {
        text.append(other.text);
        binders.addAll(other.binders);
        return this;
    }

    /** @return the SQL text */
    public String text() {
        return text.toString();
    }

    /** @return how many placeholders are bound */
    public int parameterCount() {
        return binders.size();
    }

    /**
     * Binds every placeholder.
     *
     * @param statement the statement prepared from {@link #text()}
     * @param firstIndex the index of the first placeholder (1 unless the statement starts with
     *     other placeholders)
     * @return the index after the last one bound
     * @throws SQLException if the driver refuses a value
     */
    public int bindAll(PreparedStatement statement, int firstIndex) throws SQLException {
        int index = firstIndex;
        for (Binder binder : binders) {
            binder.bind(statement, index++);
        }
        return index;
    }

    @Override
    public String toString() {
        return text + " [" + binders.size() + " parameters]";
    }
}
