package dev.rapport.crm.jdbc.dialect;

import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.timer.Timer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL: native {@code uuid}, {@code timestamptz}, {@code jsonb} attributes queried with
 * {@code ->}/{@code ->>} and containment ({@code @>}, served by a GIN index), text ordered by
 * {@code COLLATE "C"} (byte order of UTF-8, which is code point order), upserts with {@code ON
 * CONFLICT}.
 */
final class PostgreSqlDialect extends BaseDialect {

    static final PostgreSqlDialect INSTANCE = new PostgreSqlDialect();

    private PostgreSqlDialect() {}

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/rapport/postgresql";
    }

    @Override
    public String jsonParameter() {
        return "CAST(? AS json)";
    }

    @Override
    public String attributesParameter() {
        return "CAST(? AS jsonb)";
    }

    @Override
    public String orderedText(String expression) {
        return expression + " COLLATE \"C\"";
    }

    /** A row-value comparison, which PostgreSQL turns into one index range. */
    @Override
    public void appendKeysetAfter(
            Sql sql,
            String sortExpression,
            String sortParameter,
            Sql.Binder sortValue,
            String idColumn,
            Sql.Binder idValue) {
        sql.append("(" + sortExpression + ", " + idColumn + ") > (" + sortParameter + ", ?)")
                .bind(sortValue)
                .bind(idValue);
    }

    /** The row-value mirror of {@link #appendKeysetAfter}, scanned backwards on one index range. */
    @Override
    public void appendKeysetBefore(
            Sql sql,
            String sortExpression,
            String sortParameter,
            Sql.Binder sortValue,
            String idColumn,
            Sql.Binder idValue) {
        sql.append("(" + sortExpression + ", " + idColumn + ") < (" + sortParameter + ", ?)")
                .bind(sortValue)
                .bind(idValue);
    }

    /**
     * {@code ON CONFLICT DO NOTHING}: a failed statement would abort the whole transaction on
     * PostgreSQL, so the duplicate must not raise an error. It waits for a concurrent inserter of
     * the same key and does nothing if that one commits.
     */
    @Override
    public boolean insertUnlessDuplicate(Connection connection, Sql insert, Sql lookup) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert.text() + " ON CONFLICT DO NOTHING")) {
            insert.bindAll(statement, 1);
            return statement.executeUpdate() == 1;
        }
    }

    @Override
    public boolean insertsSkippingDuplicatesReturningKeys() {
        return true;
    }

    @Override
    public boolean stagesBulkInserts() {
        return true;
    }

    @Override
    public String upsertAttributeDefinitionSql() {
        return "INSERT INTO attribute_definitions (tenant_id, attr_key, definition) VALUES (?, ?, CAST(? AS json))"
                + " ON CONFLICT (tenant_id, attr_key) DO UPDATE SET definition = EXCLUDED.definition";
    }

    /** One round trip: an upsert that adds to the counter and returns it, locking the row. */
    @Override
    public long reservePositions(Connection connection, UUID tenant, int count) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("INSERT INTO event_sequence (tenant_id, last_position) VALUES (?, ?)"
                        + " ON CONFLICT (tenant_id) DO UPDATE"
                        + " SET last_position = event_sequence.last_position + EXCLUDED.last_position"
                        + " RETURNING last_position")) {
            setUuid(statement, 1, tenant);
            statement.setLong(2, count);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The event append: one text for any number of events, so that its plan is reused. */
    private static final String APPEND_EVENTS = "WITH seq AS (INSERT INTO event_sequence (tenant_id, last_position)"
            + " VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE"
            + " SET last_position = event_sequence.last_position + EXCLUDED.last_position"
            + " RETURNING last_position),"
            + " appended AS (INSERT INTO event_log (tenant_id, position, event_id, event_type, occurred_at, payload)"
            + " SELECT ?, seq.last_position - ? + v.ord, v.event_id, v.event_type,"
            + " v.occurred_at, CAST(v.payload AS json)"
            + " FROM seq CROSS JOIN unnest(CAST(CAST(? AS text[]) AS uuid[]), CAST(? AS text[]),"
            + " CAST(CAST(? AS text[]) AS timestamptz[]), CAST(? AS text[]))"
            + " WITH ORDINALITY AS v (event_id, event_type, occurred_at, payload, ord))"
            + " SELECT last_position FROM seq";

    /**
     * One statement of constant text: the counter upsert (which keeps the row locked until commit)
     * feeds the positions of the events, given as four text arrays (ids, types, times, payloads)
     * and inserted in array order. Eight parameters whatever the number of events: the statement
     * stays cheap to parse and plan, and a large batch never nears the protocol's limit of 65,535
     * parameters (a list of five per event would pass it at 13,107 events).
     */
    @Override
    public long appendEvents(Connection connection, UUID tenant, List<EventRow> events) throws SQLException {
        int n = events.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] times = new String[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            EventRow event = events.get(i);
            ids[i] = event.eventId().toString();
            types[i] = event.type();
            times[i] = timestampText(event.occurredAt());
            payloads[i] = event.payload();
        }
        try (PreparedStatement statement = connection.prepareStatement(APPEND_EVENTS)) {
            setUuid(statement, 1, tenant);
            statement.setLong(2, n);
            setUuid(statement, 3, tenant);
            statement.setLong(4, n);
            statement.setArray(5, connection.createArrayOf("text", ids));
            statement.setArray(6, connection.createArrayOf("text", types));
            statement.setArray(7, connection.createArrayOf("text", times));
            statement.setArray(8, connection.createArrayOf("text", payloads));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    // --- timers ---

    @Override
    public String upsertTimerSql() {
        return "INSERT INTO timers (tenant_id, id, timer_key, kind, due_at, payload, attempts, available_at,"
                + " claim_token, claimed_by, parked_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, NULL, NULL, NULL)"
                + " ON CONFLICT (tenant_id, timer_key) DO UPDATE SET id = EXCLUDED.id, kind = EXCLUDED.kind,"
                + " due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, attempts = 0,"
                + " available_at = EXCLUDED.available_at, claim_token = NULL, claimed_by = NULL, parked_at = NULL";
    }

    /** Not used: {@link #claimTimers} is one statement on PostgreSQL. */
    @Override
    String claimSelectSql() {
        return "SELECT " + TIMER_COLUMNS + " FROM timers WHERE available_at <= ? ORDER BY available_at LIMIT ?"
                + " FOR UPDATE SKIP LOCKED";
    }

    /**
     * One statement: the locking select (earliest available first, on the partial index of {@code
     * available_at}, skipping locked rows) feeds the update, which returns the claimed rows.
     */
    @Override
    public List<Timer> claimTimers(
            Connection connection, Instant now, int limit, UUID token, String owner, Instant leaseUntil)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("WITH due AS (SELECT tenant_id, id FROM timers"
                + " WHERE available_at <= ? ORDER BY available_at LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE timers t SET claim_token = ?, claimed_by = ?, available_at = ?, attempts = t.attempts + 1"
                + " FROM due WHERE t.tenant_id = due.tenant_id AND t.id = due.id"
                + " RETURNING t.tenant_id, t.id, t.timer_key, t.kind, t.due_at, t.payload, t.attempts, t.parked_at")) {
            setInstant(statement, 1, now);
            statement.setInt(2, limit);
            setUuid(statement, 3, token);
            statement.setString(4, owner);
            setInstant(statement, 5, leaseUntil);
            List<Timer> claimed = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    claimed.add(readTimer(rows));
                }
            }
            return claimed;
        }
    }

    /**
     * @return the instant truncated to the microsecond (as {@link #setInstant} binds it), as text
     *     that {@code timestamptz} input reads back exactly: {@code yyyy-mm-dd hh:mm:ss.ffffff+00},
     *     with {@code BC} for years before 1 (PostgreSQL has no year 0)
     */
    static String timestampText(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        int year = t.getYear();
        // By hand, not String.format: this runs for every event an import records.
        StringBuilder text = new StringBuilder(36);
        pad(text, year > 0 ? year : 1 - year, 4).append('-');
        pad(text, t.getMonthValue(), 2).append('-');
        pad(text, t.getDayOfMonth(), 2).append(' ');
        pad(text, t.getHour(), 2).append(':');
        pad(text, t.getMinute(), 2).append(':');
        pad(text, t.getSecond(), 2).append('.');
        pad(text, t.getNano() / 1000, 6).append("+00");
        if (year <= 0) {
            text.append(" BC");
        }
        return text.toString();
    }

    /** Appends a non-negative number with leading zeros to at least {@code width} digits. */
    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    // --- criteria ---

    @Override
    boolean supportsContainment() {
        return true;
    }

    @Override
    void attributeContainment(Sql out, String json) {
        out.append(ATTRIBUTES + " @> CAST(? AS jsonb)").bindString(json);
    }

    @Override
    void attributeType(Sql out, String key) {
        out.append("(" + ATTRIBUTES + " -> CAST(? AS text) ->> 'type')").bindString(key);
    }

    @Override
    void attributeValue(Sql out, String key, AttributeType type) {
        String text = ATTRIBUTES + " -> CAST(? AS text) ->> 'value'";
        String expression =
                switch (type) {
                    case INTEGER, DECIMAL -> "CAST(" + text + " AS numeric)";
                    case DATE -> "CAST(" + text + " AS date)";
                    case TIMESTAMP -> "CAST(" + text + " AS timestamptz)";
                    case TEXT, CHOICE -> orderedText("(" + text + ")");
                    case BOOLEAN -> "(" + text + ")";
                    case TEXT_LIST -> throw new IllegalArgumentException("a text list has no scalar value");
                };
        out.append(expression).bindString(key);
    }

    @Override
    void attributeParameter(Sql out, AttributeValue value) {
        if (value instanceof AttributeValue.Int v) {
            out.append("CAST(? AS numeric)").bind((ps, i) -> ps.setBigDecimal(i, BigDecimal.valueOf(v.value())));
        } else if (value instanceof AttributeValue.Decimal v) {
            out.append("CAST(? AS numeric)").bind((ps, i) -> ps.setBigDecimal(i, v.value()));
        } else if (value instanceof AttributeValue.Date v) {
            LocalDate date = v.value();
            out.append("CAST(? AS date)").bind((ps, i) -> ps.setObject(i, date));
        } else if (value instanceof AttributeValue.Timestamp v) {
            out.append("CAST(? AS timestamptz)").bind((ps, i) -> setInstant(ps, i, v.value()));
        } else {
            String text = CriteriaTranslator.scalarText(value);
            out.append(value.type() == AttributeType.BOOLEAN ? "?" : orderedText("CAST(? AS text)"))
                    .bindString(text);
        }
    }

    @Override
    void attributeListContains(Sql out, String key, String element) {
        out.append("(" + ATTRIBUTES + " -> CAST(? AS text) -> 'value') @> CAST(? AS jsonb)")
                .bindString(key)
                .bindString(CriteriaTranslator.jsonArray(java.util.List.of(element)));
    }

    @Override
    void attributeListEquals(Sql out, String key, String jsonArray) {
        out.append("(" + ATTRIBUTES + " -> CAST(? AS text) -> 'value') = CAST(? AS jsonb)")
                .bindString(key)
                .bindString(jsonArray);
    }

    @Override
    void attributePresent(Sql out, String key) {
        out.append("(" + ATTRIBUTES + " -> CAST(? AS text)) IS NOT NULL").bindString(key);
    }
}
