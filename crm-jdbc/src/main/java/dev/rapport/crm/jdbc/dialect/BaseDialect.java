package dev.rapport.crm.jdbc.dialect;

import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.TimerId;
import dev.rapport.crm.model.timer.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the dialects share, and the hooks of the criteria translation that they fill in. */
abstract sealed class BaseDialect implements Dialect permits PostgreSqlDialect, MariaDbDialect, H2Dialect {

    /** The alias of the customers table in every query that the translator extends. */
    static final String ATTRIBUTES = "c.attributes";

    private final CriteriaTranslator criteria = new CriteriaTranslator(this);

    /** Native {@code UUID} binding (PostgreSQL, H2); MariaDB overrides it. */
    @Override
    public void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        statement.setObject(index, value);
    }

    @Override
    public UUID getUuid(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }

    /** UTC {@code OffsetDateTime} to the microsecond (PostgreSQL, H2); MariaDB overrides it. */
    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        return Map.of();
    }

    @Override
    public String jsonParameter() {
        return "?";
    }

    @Override
    public String attributesParameter() {
        return jsonParameter();
    }

    @Override
    public CriteriaTranslator criteria() {
        return criteria;
    }

    /** {@code c >= ? AND (c > ? OR id > ?)}: portable, and the first conjunct bounds an index range. */
    @Override
    public void appendKeysetAfter(
            Sql sql,
            String sortExpression,
            String sortParameter,
            Sql.Binder sortValue,
            String idColumn,
            Sql.Binder idValue) {
        sql.append("(" + sortExpression + " >= " + sortParameter)
                .bind(sortValue)
                .append(" AND (" + sortExpression + " > " + sortParameter)
                .bind(sortValue)
                .append(" OR " + idColumn + " > ?))")
                .bind(idValue);
    }

    /** {@code c <= ? AND (c < ? OR id < ?)}: the mirror of {@link #appendKeysetAfter}. */
    @Override
    public void appendKeysetBefore(
            Sql sql,
            String sortExpression,
            String sortParameter,
            Sql.Binder sortValue,
            String idColumn,
            Sql.Binder idValue) {
        sql.append("(" + sortExpression + " <= " + sortParameter)
                .bind(sortValue)
                .append(" AND (" + sortExpression + " < " + sortParameter)
                .bind(sortValue)
                .append(" OR " + idColumn + " < ?))")
                .bind(idValue);
    }

    /** Runs the insert and treats a unique violation as "already there". */
    @Override
    public boolean insertUnlessDuplicate(Connection connection, Sql insert, Sql lookup) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert.text())) {
            insert.bindAll(statement, 1);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * UPDATE the counter row (locking it), INSERT it on first use, and read it back. A concurrent
     * first use makes the INSERT fail on the key; the UPDATE then finds the row.
     */
    @Override
    public long reservePositions(Connection connection, UUID tenant, int count) throws SQLException {
        for (int tries = 0; tries < 3; tries++) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE event_sequence SET last_position = last_position + ? WHERE tenant_id = ?")) {
                update.setLong(1, count);
                setUuid(update, 2, tenant);
                if (update.executeUpdate() == 1) {
                    try (PreparedStatement select = connection.prepareStatement(
                            "SELECT last_position FROM event_sequence WHERE tenant_id = ?")) {
                        setUuid(select, 1, tenant);
                        try (ResultSet rows = select.executeQuery()) {
                            if (!rows.next()) {
                                throw new IllegalStateException("event counter row vanished for tenant " + tenant);
                            }
                            return rows.getLong(1);
                        }
                    }
                }
            }
            Sql insert = new Sql()
                    .append("INSERT INTO event_sequence (tenant_id, last_position) VALUES (?, ?)")
                    .bind((ps, i) -> setUuid(ps, i, tenant))
                    .bind((ps, i) -> ps.setLong(i, count));
            Sql lookup = new Sql()
                    .append("SELECT last_position FROM event_sequence WHERE tenant_id = ?")
                    .bind((ps, i) -> setUuid(ps, i, tenant));
            if (insertUnlessDuplicate(connection, insert, lookup)) {
                return count;
            }
        }
        throw new IllegalStateException("could not create the event counter row of tenant " + tenant);
    }

    @Override
    public boolean isRetryable(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                for (SQLException s = e; s != null; s = s.getNextException()) {
                    if (isRetryableCode(s.getSQLState(), s.getErrorCode())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Serialization failure and deadlock, as the SQL standard and PostgreSQL name them. */
    boolean isRetryableCode(String sqlState, int errorCode) {
        return "40001".equals(sqlState) || "40P01".equals(sqlState);
    }

    /**
     * @return true if a row is found
     */
    static boolean exists(Connection connection, Sql lookup) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(lookup.text())) {
            lookup.bindAll(statement, 1);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** SQLSTATE 23505, as the SQL standard, PostgreSQL and H2 name it. */
    @Override
    public boolean isUniqueViolation(SQLException failure) {
        return "23505".equals(failure.getSQLState());
    }

    @Override
    public String toString() {
        return name();
    }

    // --- timers ---

    @Override
    public Timer readTimer(ResultSet rows) throws SQLException {
        Object parked = rows.getObject("parked_at");
        return new Timer(
                TimerId.of(getUuid(rows, "id")),
                TenantId.of(getUuid(rows, "tenant_id")),
                rows.getString("kind"),
                rows.getString("timer_key"),
                getInstant(rows, "due_at"),
                rows.getString("payload"),
                rows.getInt("attempts"),
                parked == null ? null : getInstant(rows, "parked_at"));
    }

    /**
     * @return the {@code SELECT} of {@link #TIMER_COLUMNS} of available timers, earliest first,
     *     locking them and skipping locked ones, taking (now, limit)
     */
    abstract String claimSelectSql();

    /**
     * Two statements: the locking select of {@link #claimSelectSql()}, then one update of the rows
     * it returned (by primary key, all of them locked by now).
     */
    @Override
    public List<Timer> claimTimers(
            Connection connection, Instant now, int limit, UUID token, String owner, Instant leaseUntil)
            throws SQLException {
        List<Timer> picked = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(claimSelectSql())) {
            setInstant(select, 1, now);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    picked.add(readTimer(rows));
                }
            }
        }
        if (picked.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("UPDATE timers SET claim_token = ?, claimed_by = ?, available_at = ?,"
                + " attempts = attempts + 1 WHERE (tenant_id, id) IN (");
        for (int i = 0; i < picked.size(); i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        sql.append(")");
        try (PreparedStatement update = connection.prepareStatement(sql.toString())) {
            int i = 1;
            setUuid(update, i++, token);
            update.setString(i++, owner);
            setInstant(update, i++, leaseUntil);
            for (Timer timer : picked) {
                setUuid(update, i++, timer.tenantId().value());
                setUuid(update, i++, timer.id().value());
            }
            int updated = update.executeUpdate();
            if (updated != picked.size()) {
                throw new IllegalStateException(
                        "locked " + picked.size() + " timers to claim them but updated " + updated);
            }
        }
        List<Timer> claimed = new ArrayList<>(picked.size());
        for (Timer timer : picked) {
            claimed.add(timer.withAttempts(timer.attempts() + 1));
        }
        return claimed;
    }

    // --- hooks of the criteria translation ---

    /**
     * @return true if {@link #attributeContainment} can test a JSON containment (and an index can
     *     serve it)
     */
    boolean supportsContainment() {
        return false;
    }

    /**
     * Appends a two-valued condition "the attributes JSON contains this JSON document".
     *
     * @param out the fragment
     * @param json a JSON object
     */
    void attributeContainment(Sql out, String json) {
        throw new IllegalStateException(name() + " has no JSON containment: check supportsContainment() first");
    }

    /**
     * Appends an expression giving the type name ({@code "decimal"}...) of the attribute, or NULL
     * when absent.
     */
    abstract void attributeType(Sql out, String key);

    /**
     * Appends an expression giving the attribute's value as an SQL value of the type, valid when
     * the attribute has that type: text (TEXT, CHOICE, BOOLEAN as {@code true}/{@code false}),
     * numeric (INTEGER, DECIMAL), date (DATE) or timestamp (TIMESTAMP).
     */
    abstract void attributeValue(Sql out, String key, AttributeType type);

    /** Appends a placeholder comparable with {@link #attributeValue} of the value's type. */
    abstract void attributeParameter(Sql out, AttributeValue value);

    /**
     * Appends a condition "the text list attribute has an element equal to the text", valid when
     * the attribute is a text list.
     */
    abstract void attributeListContains(Sql out, String key, String element);

    /**
     * Appends a condition "the text list attribute equals the list written as JSON", valid when the
     * attribute is a text list.
     */
    abstract void attributeListEquals(Sql out, String key, String jsonArray);

    /** Appends a two-valued condition "the attribute has a value". */
    abstract void attributePresent(Sql out, String key);
}
