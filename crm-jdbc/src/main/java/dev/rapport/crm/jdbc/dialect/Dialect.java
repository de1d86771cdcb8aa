package dev.rapport.crm.jdbc.dialect;

import dev.rapport.crm.model.timer.Timer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What differs between the databases the JDBC adapter supports. {@code JdbcStorage} picks one from
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()}; an application overrides the choice
 * with one of the factories here (for example {@link #postgresql()} for a PostgreSQL-compatible
 * database that reports another name).
 *
 * <p>Applications only choose a dialect; the other methods are the adapter's own and may gain
 * members in any release. The interface is sealed: the supported databases are exactly those
 * listed here.
 *
 * <table>
 *   <caption>Supported databases (tested with PostgreSQL 15, MariaDB 10.11 and H2 2.3)</caption>
 *   <tr><th>Dialect</th><th>Migrations</th><th>Ids</th><th>Timestamps</th><th>Attributes</th>
 *       <th>Activity keyset</th><th>Idempotent insert</th><th>Bulk idempotent insert (since 0.2)</th></tr>
 *   <tr><td>PostgreSQL</td><td>{@code db/rapport/postgresql}</td><td>{@code uuid}</td>
 *       <td>{@code timestamptz}</td><td>{@code jsonb} with a GIN index</td>
 *       <td>row values, {@code (occurred_at, id) < (?, ?)}</td>
 *       <td>{@code INSERT ... ON CONFLICT DO NOTHING}</td>
 *       <td>{@code COPY} (text format) into a temporary staging table {@code ON COMMIT DROP}, then
 *       one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING id}</td></tr>
 *   <tr><td>MariaDB</td><td>{@code db/rapport/mysql}</td><td>{@code CHAR(36)} ascii_bin</td>
 *       <td>{@code DATETIME(6)} holding UTC</td><td>{@code JSON} (LONGTEXT)</td>
 *       <td>{@code occurred_at <= ? AND (occurred_at < ? OR id < ?)}</td>
 *       <td>lookup, then {@code INSERT}; error 1062 means taken</td>
 *       <td>lookup per 1,000 keys, then a batch under a savepoint; a race falls back to one by one</td></tr>
 *   <tr><td>H2</td><td>{@code db/rapport/h2}</td><td>{@code UUID}</td>
 *       <td>{@code TIMESTAMP WITH TIME ZONE}</td><td>text, read by Java functions</td>
 *       <td>as MariaDB</td><td>{@code INSERT}; SQLState 23505 means taken</td><td>as MariaDB</td></tr>
 * </table>
 *
 * <p>Activity (since 0.2, migration {@code V2__activity.sql}): {@code interactions}, {@code
 * orders} and {@code order_reversals} keep each record as JSON in {@code payload} beside the
 * columns that are queried; amounts are {@code NUMERIC(38,12)}/{@code DECIMAL(38,12)}. Source keys
 * are unique per tenant and table through the SHA-256 (hex) of the key, computed by the adapter,
 * since a key may be longer than a MariaDB index key allows.
 *
 * <p>Timers (since 0.3, migration {@code V3__timers.sql}): {@code timers} holds one row per
 * (tenant, key); {@code available_at} is when a row may next be claimed (its due or retry instant,
 * or its lease's end while claimed; NULL when parked) and is indexed ahead of {@code tenant_id},
 * because one claim serves every tenant. Claims skip locked rows: PostgreSQL in one statement,
 * {@code UPDATE ... FROM (SELECT ... ORDER BY available_at LIMIT ? FOR UPDATE SKIP LOCKED) ...
 * RETURNING}; MariaDB selects {@code ... ORDER BY available_at LIMIT ? FOR UPDATE SKIP LOCKED} and
 * updates the rows it got; H2 the same but without {@code ORDER BY} and with {@code USE INDEX
 * (timers_available_idx)}, because H2 locks every row the {@code WHERE} matches before it sorts.
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @since 0.1
 */
public sealed interface Dialect permits BaseDialect {

    /** @return the PostgreSQL dialect */
    static Dialect postgresql() {
        return PostgreSqlDialect.INSTANCE;
    }

    /** @return the MariaDB dialect */
    static Dialect mariadb() {
        return MariaDbDialect.MARIADB;
    }

    /**
     * The MariaDB dialect adapted to MySQL 8 (its binary no-pad collation is {@code
     * utf8mb4_0900_bin}). Not covered by Rapport's test suite.
     *
     * @return the MySQL dialect
     */
    static Dialect mysql() {
        return MariaDbDialect.MYSQL;
    }

    /** @return the H2 dialect */
    static Dialect h2() {
        return H2Dialect.INSTANCE;
    }

    /**
     * @param productName a database product name as the JDBC driver reports it
     * @return the dialect for it, if supported
     */
    static Optional<Dialect> forProductName(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return Optional.of(postgresql());
        }
        if (name.contains("mariadb")) {
            return Optional.of(mariadb());
        }
        if (name.contains("mysql")) {
            return Optional.of(mysql());
        }
        if (name.equals("h2")) {
            return Optional.of(h2());
        }
        return Optional.empty();
    }

    /** @return a short name, such as {@code PostgreSQL} */
    String name();

    /** @return the Flyway location of this dialect's migrations */
    String migrationLocation();

    /** @return the Flyway placeholders the migrations use */
    Map<String, String> migrationPlaceholders();

    /**
     * @param statement a statement
     * @param index the placeholder index
     * @param value the id
     * @throws SQLException if the driver refuses it
     */
    void setUuid(PreparedStatement statement, int index, UUID value) throws SQLException;

    /**
     * @param rows a result set on a row
     * @param column the column label
     * @return the id
     * @throws SQLException if the column cannot be read
     */
    UUID getUuid(ResultSet rows, String column) throws SQLException;

    /**
     * Binds an instant, truncated to the microsecond, as a UTC timestamp.
     *
     * @param statement a statement
     * @param index the placeholder index
     * @param value the instant
     * @throws SQLException if the driver refuses it
     */
    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    /**
     * @param rows a result set on a row
     * @param column the column label
     * @return the instant
     * @throws SQLException if the column cannot be read
     */
    Instant getInstant(ResultSet rows, String column) throws SQLException;

    /** @return the placeholder expression for a value of a JSON column bound as a string */
    String jsonParameter();

    /** @return the placeholder expression for the customers' attributes column */
    String attributesParameter();

    /**
     * @param expression a text expression
     * @return an expression that orders and compares as the text's Unicode code points
     */
    String orderedText(String expression);

    /**
     * Appends the keyset condition "strictly after (sort value, id)" of an ascending order by
     * {@code (sortExpression, idColumn)}.
     *
     * @param sql the fragment to append to
     * @param sortExpression the first sort expression
     * @param sortParameter the placeholder expression comparable with it, such as {@code ?}
     * @param sortValue binds the sort value
     * @param idColumn the id column, the tie-breaker
     * @param idValue binds the id
     */
    void appendKeysetAfter(
            Sql sql,
            String sortExpression,
            String sortParameter,
            Sql.Binder sortValue,
            String idColumn,
            Sql.Binder idValue);

    /**
     * Appends the keyset condition "strictly after (sort value, id)" of a descending order by
     * {@code (sortExpression DESC, idColumn DESC)}: strictly before the position in ascending
     * order.
     *
     * @param sql the fragment to append to
     * @param sortExpression the first sort expression
     * @param sortParameter the placeholder expression comparable with it, such as {@code ?}
     * @param sortValue binds the sort value
     * @param idColumn the id column, the tie-breaker
     * @param idValue binds the id
     * @since 0.2
     */
    void appendKeysetBefore(
            Sql sql,
            String sortExpression,
            String sortParameter,
            Sql.Binder sortValue,
            String idColumn,
            Sql.Binder idValue);

    /**
     * Runs a single-row INSERT unless a row with the same unique key exists, without failing the
     * transaction when it does. Waits for a concurrent transaction inserting the same key, so
     * that exactly one of them inserts.
     *
     * @param connection the connection, in a transaction
     * @param insert an {@code INSERT INTO t (...) VALUES (...)} statement
     * @param lookup a {@code SELECT} of the row holding the same unique key; dialects whose
     *     drivers log duplicate-key errors (quoting the key, which may be personal data) run it
     *     first, so that the error only happens when two transactions race
     * @return true if the row was inserted, false if the key was already taken
     * @throws SQLException on any other failure
     */
    boolean insertUnlessDuplicate(Connection connection, Sql insert, Sql lookup) throws SQLException;

    /**
     * Whether several identity rows can be inserted in one statement that skips duplicates and
     * returns the keys it inserted ({@code INSERT ... ON CONFLICT DO NOTHING RETURNING}); the keys
     * it skipped then go through {@link #insertUnlessDuplicate} one by one.
     *
     * @return true if {@code INSERT ... ON CONFLICT DO NOTHING RETURNING identity_key} works
     */
    default boolean insertsSkippingDuplicatesReturningKeys() {
        return false;
    }

    /**
     * Whether bulk inserts of activity records go through a temporary staging table: filled with
     * {@code COPY} (or, without the PostgreSQL driver's copy API, a batch), then moved with one
     * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING id}. Otherwise they look the
     * source keys up and insert the absent records in batches.
     *
     * @return true if {@code CREATE TEMP TABLE ... (LIKE t INCLUDING DEFAULTS) ON COMMIT DROP} and
     *     {@code ON CONFLICT DO NOTHING RETURNING} work
     * @since 0.2
     */
    default boolean stagesBulkInserts() {
        return false;
    }

    /**
     * @param failure a failure (not its causes or chained exceptions)
     * @return true if it is a unique (or primary) key violation
     * @since 0.2
     */
    boolean isUniqueViolation(SQLException failure);

    /**
     * @return an upsert of {@code attribute_definitions} taking (tenant id, key, definition JSON)
     */
    String upsertAttributeDefinitionSql();

    /**
     * Adds {@code count} to the tenant's event counter row, creating it if needed, and returns
     * the new last position. The row stays locked until the transaction ends, which serialises
     * appends per tenant and makes positions follow commit order.
     *
     * @param connection the connection, in a transaction
     * @param tenant the tenant id
     * @param count how many positions to reserve, at least 1
     * @return the last position reserved; the reserved ones are {@code last - count + 1 .. last}
     * @throws SQLException on failure
     */
    long reservePositions(Connection connection, UUID tenant, int count) throws SQLException;

    /**
     * An event row to append.
     *
     * @param eventId the event id
     * @param type the stable type name
     * @param occurredAt when it happened
     * @param payload its JSON
     */
    record EventRow(UUID eventId, String type, Instant occurredAt, String payload) {}

    /**
     * Reserves positions for the events (as {@link #reservePositions}) and inserts them at those
     * positions, in order. By default two round trips: the counter, then one batch; a dialect
     * that can do both in one statement overrides it.
     *
     * @param connection the connection, in a transaction
     * @param tenant the tenant id
     * @param events the events, at least one
     * @return the last position used
     * @throws SQLException on failure
     */
    default long appendEvents(Connection connection, UUID tenant, List<EventRow> events) throws SQLException {
        long last = reservePositions(connection, tenant, events.size());
        long position = last - events.size() + 1;
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO event_log (tenant_id, position, event_id, event_type, occurred_at, payload)"
                        + " VALUES (?, ?, ?, ?, ?, " + jsonParameter() + ")")) {
            for (EventRow event : events) {
                setUuid(statement, 1, tenant);
                statement.setLong(2, position++);
                setUuid(statement, 3, event.eventId());
                statement.setString(4, event.type());
                setInstant(statement, 5, event.occurredAt());
                statement.setString(6, event.payload());
                statement.addBatch();
            }
            statement.executeBatch();
        }
        return last;
    }

    /**
     * @param failure a failure
     * @return true if it is a serialization failure, deadlock or lock timeout after which the
     *     whole transaction may succeed when run again
     */
    boolean isRetryable(SQLException failure);

    /** @return the translator of customer criteria to this dialect's SQL */
    CriteriaTranslator criteria();

    /**
     * The columns of the {@code timers} table that {@link #readTimer} reads, in a select list.
     *
     * @since 0.3
     */
    String TIMER_COLUMNS = "tenant_id, id, timer_key, kind, due_at, payload, attempts, parked_at";

    /**
     * @return the upsert of a timer on {@code (tenant_id, timer_key)}, taking (tenant id, id, key,
     *     kind, due at, payload, available at): the row it leaves is the new timer, unclaimed, not
     *     attempted and not parked, whatever the key's previous row was
     * @since 0.3
     */
    String upsertTimerSql();

    /**
     * Whether {@link #upsertTimerSql()} can lose a race with a concurrent insert of the same key
     * and then fail on the key index without spoiling the transaction, so that running it again
     * finds the row (H2's {@code MERGE}). Otherwise a unique violation from it is a real clash and
     * is not retried.
     *
     * @return true if a unique violation of the timer upsert is worth retrying
     * @since 0.3
     */
    default boolean timerUpsertMayRace() {
        return false;
    }

    /**
     * Whether the driver may answer a batch with {@link java.sql.Statement#SUCCESS_NO_INFO} instead
     * of update counts (MariaDB Connector/J with {@code useBulkStmts}, its default in 3.0 and 3.1;
     * MySQL Connector/J with {@code rewriteBatchedStatements}). A batch of version-guarded updates
     * then cannot tell a row it updated from one a concurrent transaction had already moved on, so
     * the adapter locks the rows and checks their versions before such a batch.
     *
     * @return true if batched update counts may be missing
     * @since 0.3
     */
    default boolean batchUpdateCountsMayBeUnknown() {
        return false;
    }

    /**
     * Claims the available timers of every tenant (see {@code TimerQueue.claimDue}), earliest
     * available first, without waiting for rows that running transactions lock: selects them with
     * {@code FOR UPDATE SKIP LOCKED} and gives each the token, owner, lease (its new {@code
     * available_at}) and one more attempt.
     *
     * @param connection the connection, in a transaction
     * @param now the claim's instant: rows with {@code available_at <= now} are available
     * @param limit how many at most
     * @param token the claim's token
     * @param owner the claimer's name
     * @param leaseUntil the end of the lease
     * @return the claimed timers (in no particular order), attempts counting this claim
     * @throws SQLException on failure
     * @since 0.3
     */
    List<Timer> claimTimers(Connection connection, Instant now, int limit, UUID token, String owner, Instant leaseUntil)
            throws SQLException;

    /**
     * @param rows a result set on a row of {@link #TIMER_COLUMNS}
     * @return the timer
     * @throws SQLException if a column cannot be read
     * @since 0.3
     */
    Timer readTimer(ResultSet rows) throws SQLException;
}
