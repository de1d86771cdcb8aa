package dev.rapport.crm.jdbc.dialect;

import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * MariaDB (and, untested, MySQL 8): ids as lower-case {@code CHAR(36)} in {@code ascii_bin} (whose
 * order is the unsigned order of the 128 bits), {@code DATETIME(6)} holding UTC, JSON as text read
 * with {@code JSON_EXTRACT} and paths bound as parameters, and text compared in a binary no-pad
 * collation (code point order, trailing spaces significant).
 *
 * <p>Lock waits follow {@code innodb_lock_wait_timeout}; a deadlock (error 1213) or lock wait
 * timeout (1205) makes the transaction retry.
 */
final class MariaDbDialect extends BaseDialect {

    static final MariaDbDialect MARIADB = new MariaDbDialect("MariaDB", "utf8mb4_nopad_bin");
    static final MariaDbDialect MYSQL = new MariaDbDialect("MySQL", "utf8mb4_0900_bin");

    private final String name;
    private final String binaryCollation;

    private MariaDbDialect(String name, String binaryCollation) {
        this.name = name;
        this.binaryCollation = binaryCollation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/rapport/mysql";
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        return Map.of("binary_collation", binaryCollation);
    }

    @Override
    public void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        statement.setString(index, value.toString());
    }

    @Override
    public UUID getUuid(ResultSet rows, String column) throws SQLException {
        return UUID.fromString(rows.getString(column));
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, LocalDateTime.ofInstant(value.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    @Override
    public Instant getInstant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    @Override
    public String orderedText(String expression) {
        return expression + " COLLATE " + binaryCollation;
    }

    @Override
    public String upsertAttributeDefinitionSql() {
        return "INSERT INTO attribute_definitions (tenant_id, attr_key, definition) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE definition = VALUES(definition)";
    }

    @Override
    boolean isRetryableCode(String sqlState, int errorCode) {
        return super.isRetryableCode(sqlState, errorCode) || errorCode == 1213 || errorCode == 1205;
    }

    /**
     * Looks the key up first: MariaDB Connector/J logs every server error at WARN with its message,
     * and a duplicate-key message quotes the key (an email address, say). The insert then fails on
     * the key only when another transaction inserted it concurrently.
     */
    @Override
    public boolean insertUnlessDuplicate(java.sql.Connection connection, Sql insert, Sql lookup) throws SQLException {
        if (exists(connection, lookup)) {
            return false;
        }
        return super.insertUnlessDuplicate(connection, insert, lookup);
    }

    @Override
    public boolean isUniqueViolation(SQLException failure) {
        return failure.getErrorCode() == 1062;
    }

    /** {@code useBulkStmts} (MariaDB) and {@code rewriteBatchedStatements} (MySQL) report no counts. */
    @Override
    public boolean batchUpdateCountsMayBeUnknown() {
        return true;
    }

    // --- timers ---

    @Override
    public String upsertTimerSql() {
        return "INSERT INTO timers (tenant_id, id, timer_key, kind, due_at, payload, attempts, available_at,"
                + " claim_token, claimed_by, parked_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL, NULL, NULL)"
                + " ON DUPLICATE KEY UPDATE id = VALUES(id), kind = VALUES(kind), due_at = VALUES(due_at),"
                + " payload = VALUES(payload), attempts = 0, available_at = VALUES(available_at),"
                + " claim_token = NULL, claimed_by = NULL, parked_at = NULL";
    }

    /**
     * {@code SKIP LOCKED} (MariaDB 10.6, MySQL 8.0). The range scan of {@code timers_available_idx}
     * returns rows in {@code available_at} order, so InnoDB stops after {@code limit} rows instead
     * of sorting (and locking) every available one.
     */
    @Override
    String claimSelectSql() {
        return "SELECT " + TIMER_COLUMNS + " FROM timers WHERE available_at <= ? ORDER BY available_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED";
    }

    // --- criteria ---

    private static String path(String key, String member) {
        return "$.\"" + key + "\"" + member;
    }

    private static String extract() {
        return "JSON_UNQUOTE(JSON_EXTRACT(" + ATTRIBUTES + ", ?))";
    }

    @Override
    void attributeType(Sql out, String key) {
        out.append(extract()).bindString(path(key, ".type"));
    }

    @Override
    void attributeValue(Sql out, String key, AttributeType type) {
        String text = extract();
        String expression =
                switch (type) {
                    case INTEGER, DECIMAL -> "CAST(" + text + " AS DECIMAL(65,30))";
                    case DATE -> "CAST(" + text + " AS DATE)";
                    case TIMESTAMP -> "CAST(REPLACE(REPLACE(" + text + ", 'T', ' '), 'Z', '') AS DATETIME(6))";
                    case TEXT, CHOICE -> orderedText(text);
                    case BOOLEAN -> text;
                    case TEXT_LIST -> throw new IllegalArgumentException("a text list has no scalar value");
                };
        out.append(expression).bindString(path(key, ".value"));
    }

    @Override
    void attributeParameter(Sql out, AttributeValue value) {
        if (value instanceof AttributeValue.Int v) {
            out.append("CAST(? AS DECIMAL(65,30))").bind((ps, i) -> ps.setBigDecimal(i, BigDecimal.valueOf(v.value())));
        } else if (value instanceof AttributeValue.Decimal v) {
            out.append("CAST(? AS DECIMAL(65,30))").bind((ps, i) -> ps.setBigDecimal(i, v.value()));
        } else if (value instanceof AttributeValue.Date v) {
            LocalDate date = v.value();
            out.append("CAST(? AS DATE)").bind((ps, i) -> ps.setString(i, date.toString()));
        } else if (value instanceof AttributeValue.Timestamp v) {
            out.append("?").bind((ps, i) -> setInstant(ps, i, v.value()));
        } else {
            String text = CriteriaTranslator.scalarText(value);
            out.append(value.type() == AttributeType.BOOLEAN ? "?" : orderedText("?"))
                    .bindString(text);
        }
    }

    @Override
    void attributeListContains(Sql out, String key, String element) {
        out.append("JSON_CONTAINS(" + ATTRIBUTES + ", JSON_QUOTE(?), ?)")
                .bindString(element)
                .bindString(path(key, ".value"));
    }

    /** Both sides pass through JSON_EXTRACT, which formats them the same way. */
    @Override
    void attributeListEquals(Sql out, String key, String jsonArray) {
        out.append("JSON_EXTRACT(" + ATTRIBUTES + ", ?) = JSON_EXTRACT(?, '$')")
                .bindString(path(key, ".value"))
                .bindString(jsonArray);
    }

    @Override
    void attributePresent(Sql out, String key) {
        out.append("JSON_CONTAINS_PATH(" + ATTRIBUTES + ", 'one', ?) = 1").bindString(path(key, ""));
    }
}
