package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.spi.ActivityStore;
import dev.rapport.crm.spi.AgentStore;
import dev.rapport.crm.spi.AttributeDefinitionStore;
import dev.rapport.crm.spi.CaseStore;
import dev.rapport.crm.spi.CustomerStore;
import dev.rapport.crm.spi.EventLog;
import dev.rapport.crm.spi.InteractionStore;
import dev.rapport.crm.spi.OrderStore;
import dev.rapport.crm.spi.SlaPolicyStore;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.TimerStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The stores of one transaction (or of one read), on one borrowed connection, scoped to one
 * tenant. Not thread-safe; closed when its callback returns.
 */
public final class JdbcSession implements StorageSession {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rows) throws SQLException;
    }

    /** Binds one item of a batch, from the first placeholder. */
    @FunctionalInterface
    interface BatchBinder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /**
     * The most values bound in one IN list, and the most rows in one multi-row statement or batch
     * of the bulk paths: far below every supported database's limit on parameters (PostgreSQL
     * 32767 per statement), small enough to keep statements and their plans cheap.
     */
    static final int CHUNK = 1000;

    private final Connection connection;
    private final Dialect dialect;
    private final TenantId tenant;
    private final boolean writable;
    private final JdbcCustomerStore customers;
    private final JdbcAttributeDefinitionStore attributeDefinitions;
    private final JdbcEventLog events;
    private final JdbcInteractionStore interactions;
    private final JdbcOrderStore orders;
    private final JdbcActivityStore activity;
    private final JdbcCaseStore cases;
    private final JdbcAgentStore agents;
    private final JdbcSlaPolicyStore slaPolicies;
    private final JdbcTimerStore timers;
    private boolean open = true;
    private @Nullable SQLException retryableFailure;

    /**
     * @param connection the borrowed connection; the caller manages its transaction
     * @param dialect the dialect
     * @param tenant the tenant every call is scoped to
     * @param writable false for a read-only session, whose writes throw {@link IllegalStateException}
     */
    public JdbcSession(Connection connection, Dialect dialect, TenantId tenant, boolean writable) {
        this.connection = connection;
        this.dialect = dialect;
        this.tenant = tenant;
        this.writable = writable;
        this.customers = new JdbcCustomerStore(this);
        this.attributeDefinitions = new JdbcAttributeDefinitionStore(this);
        this.events = new JdbcEventLog(this);
        this.interactions = new JdbcInteractionStore(this);
        this.orders = new JdbcOrderStore(this);
        this.activity = new JdbcActivityStore(this);
        this.cases = new JdbcCaseStore(this);
        this.agents = new JdbcAgentStore(this);
        this.slaPolicies = new JdbcSlaPolicyStore(this);
        this.timers = new JdbcTimerStore(this);
    }

    @Override
    public TenantId tenant() {
        return tenant;
    }

    @Override
    public CustomerStore customers() {
        checkOpen();
        return customers;
    }

    @Override
    public AttributeDefinitionStore attributeDefinitions() {
        checkOpen();
        return attributeDefinitions;
    }

    @Override
    public EventLog events() {
        checkOpen();
        return events;
    }

    @Override
    public InteractionStore interactions() {
        checkOpen();
        return interactions;
    }

    @Override
    public OrderStore orders() {
        checkOpen();
        return orders;
    }

    @Override
    public ActivityStore activity() {
        checkOpen();
        return activity;
    }

    @Override
    public CaseStore cases() {
        checkOpen();
        return cases;
    }

    @Override
    public AgentStore agents() {
        checkOpen();
        return agents;
    }

    @Override
    public SlaPolicyStore slaPolicies() {
        checkOpen();
        return slaPolicies;
    }

    @Override
    public TimerStore timers() {
        checkOpen();
        return timers;
    }

    /**
     * Writes what the session buffered (the appended events), as late as possible: just before
     * commit.
     *
     * @throws SQLException on failure
     */
    public void beforeCommit() throws SQLException {
        events.flush();
    }

    /** Ends the session: any later call throws {@link IllegalStateException}. */
    public void close() {
        open = false;
    }

    /** @return a retryable database failure that a store call hit, even if the work swallowed it */
    public Optional<SQLException> retryableFailure() {
        return Optional.ofNullable(retryableFailure);
    }

    // --- for the stores ---

    Dialect dialect() {
        return dialect;
    }

    Connection connection() {
        return connection;
    }

    void checkOpen() {
        if (!open) {
            throw new IllegalStateException("the storage session was used outside its callback");
        }
    }

    void checkWritable() {
        checkOpen();
        if (!writable) {
            throw new IllegalStateException("this session is read-only: write inside inTransaction");
        }
    }

    Sql.Binder tenantBinder() {
        UUID value = tenant.value();
        return (ps, i) -> dialect.setUuid(ps, i, value);
    }

    Sql.Binder uuid(UUID value) {
        return (ps, i) -> dialect.setUuid(ps, i, value);
    }

    Sql.Binder instant(Instant value) {
        return (ps, i) -> dialect.setInstant(ps, i, value);
    }

    /** @return a binder of the id, or of SQL NULL */
    Sql.Binder nullableUuid(@Nullable UUID value) {
        return value == null ? (ps, i) -> ps.setObject(i, null) : uuid(value);
    }

    /** @return a binder of the text, or of SQL NULL */
    static Sql.Binder nullableString(@Nullable String value) {
        return (ps, i) -> ps.setString(i, value);
    }

    /**
     * Runs a single-row insert of an activity record unless another record of its table holds its
     * source key (as {@link dev.rapport.crm.spi.InteractionStore#insertIfAbsent} says). When the
     * key is held, the holder is read back; if it vanished in between (its transaction rolled
     * back), the insert is tried again. A record whose id is taken is a {@link ConflictException}.
     * Both cases go through {@link Dialect#insertUnlessDuplicate}, so that no failed statement
     * aborts the transaction (PostgreSQL).
     *
     * @param kind the kind of record, which names its table
     * @param id the record's id
     * @param insert the insert of the record
     * @param source the record's source reference, or null
     * @param what what is being done, with ids only
     * @param findBySource reads the record holding a source key
     * @param unmet for an insert that also writes nothing when a condition of its own fails ({@code
     *     INSERT ... SELECT ... WHERE ...}): run when nothing was inserted and neither the id nor
     *     the key is held, it throws if the condition is what failed; if it returns, the insert is
     *     tried again. {@code () -> {}} for a plain {@code INSERT ... VALUES}
     * @param <T> the record type
     * @return empty if inserted, else the holder of the key
     */
    <T> Optional<T> insertUnlessSourceHeld(
            ActivityKind kind,
            UUID id,
            Sql insert,
            @Nullable SourceRef source,
            String what,
            Function<SourceRef, Optional<T>> findBySource,
            Runnable unmet) {
        checkWritable();
        String table = ActivityRows.table(kind);
        Sql byId = tenantSql("SELECT id FROM " + table + " WHERE tenant_id = ?")
                .append(" AND id = ?")
                .bind(uuid(id));
        Sql lookup = source == null
                ? byId
                : tenantSql("SELECT id FROM " + table + " WHERE tenant_id = ?")
                        .append(" AND source_hash = ?")
                        .bindString(ActivityRows.sourceHash(source));
        for (int tries = 0; ; tries++) {
            boolean inserted;
            try {
                inserted = dialect.insertUnlessDuplicate(connection, insert, lookup);
            } catch (SQLException e) {
                throw failure(what, e);
            }
            if (inserted) {
                return Optional.empty();
            }
            if (queryOne(byId, "checking the id of " + what, rows -> Boolean.TRUE)
                    .isPresent()) {
                throw new ConflictException(kind.name().toLowerCase(Locale.ROOT) + " " + id + " already exists");
            }
            if (source != null) {
                Optional<T> holder = findBySource.apply(source);
                if (holder.isPresent()) {
                    return holder;
                }
            }
            unmet.run();
            if (tries >= 3) {
                throw new IllegalStateException(what + ": neither insertable nor held");
            }
        }
    }

    /** @return a new fragment {@code <prefix>tenant_id = ?} with the tenant bound */
    Sql tenantSql(String sqlUpToPlaceholder) {
        return new Sql().append(sqlUpToPlaceholder).bind(tenantBinder());
    }

    <T> List<T> query(Sql sql, String what, RowMapper<T> mapper) {
        checkOpen();
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bindAll(statement, 1);
            try (ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    <T> Optional<T> queryOne(Sql sql, String what, RowMapper<T> mapper) {
        List<T> rows = query(sql, what, mapper);
        if (rows.size() > 1) {
            throw new IllegalStateException(what + " returned " + rows.size() + " rows where at most one was expected");
        }
        return rows.stream().findFirst();
    }

    long count(Sql sql, String what) {
        return queryOne(sql, what, rows -> rows.getLong(1)).orElse(0L);
    }

    int update(Sql sql, String what) {
        checkOpen();
        try (PreparedStatement statement = connection.prepareStatement(sql.text())) {
            sql.bindAll(statement, 1);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Runs a batch of statements that share one SQL text (built by the same code), each with its
     * own values.
     *
     * @return the driver's update count of each statement (or {@link java.sql.Statement#SUCCESS_NO_INFO})
     */
    int[] batch(List<Sql> statements, String what) {
        checkOpen();
        if (statements.isEmpty()) {
            return new int[0];
        }
        String text = statements.get(0).text();
        try (PreparedStatement statement = connection.prepareStatement(text)) {
            for (Sql sql : statements) {
                if (!sql.text().equals(text)) {
                    throw new IllegalArgumentException("a batch runs one statement, not " + sql);
                }
                sql.bindAll(statement, 1);
                statement.addBatch();
            }
            return statement.executeBatch();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs a batch, throwing the driver's failure as it is (the caller decides what it means). */
    <T> void batchOrThrow(String sql, List<T> items, BatchBinder<T> binder) throws SQLException {
        checkOpen();
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** @return the list cut into consecutive pieces of at most {@code size} elements */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>((items.size() + size - 1) / size);
        for (int from = 0; from < items.size(); from += size) {
            chunks.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return chunks;
    }

    /** Appends {@code (?, ?, ...)}, one placeholder per value, each bound by the binder. */
    static <T> Sql appendInList(Sql sql, List<T> values, Function<T, Sql.Binder> binder) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("an IN list needs a value");
        }
        sql.append("(");
        for (int i = 0; i < values.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?").bind(binder.apply(values.get(i)));
        }
        return sql.append(")");
    }

    Savepoint savepoint(String what) {
        checkOpen();
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw failure("setting a savepoint for " + what, e);
        }
    }

    void rollbackTo(Savepoint savepoint, String what) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw failure("undoing " + what, e);
        }
    }

    void release(Savepoint savepoint, String what) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw failure("releasing a savepoint for " + what, e);
        }
    }

    /** @return true if the failure, or one chained to it, is a unique (or primary) key violation */
    boolean isUniqueViolation(SQLException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                for (SQLException s = e; s != null; s = s.getNextException()) {
                    if (dialect.isUniqueViolation(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    <T> void batch(String sql, List<T> items, String what, BatchBinder<T> binder) {
        checkOpen();
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * @param what what the session was doing, with ids but no personal data
     * @param cause the failure
     * @return the exception to throw; a retryable failure is remembered for the transaction loop
     */
    StorageException failure(String what, SQLException cause) {
        if (dialect.isRetryable(cause) && retryableFailure == null) {
            retryableFailure = cause;
        }
        return new StorageException(
                what + " failed for tenant " + tenant + " (SQLState " + cause.getSQLState() + ")", cause);
    }
}
