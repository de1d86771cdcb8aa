package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.SourceRef;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bulk paths of an activity table ({@code orders}, {@code order_reversals}, {@code
 * interactions}): reading by many
 * source keys, and inserting many records unless their source key is taken, with the outcome of
 * calling {@code findBySource} and {@code insertIfAbsent} for each.
 *
 * <p>Inserting, PostgreSQL: the rows are copied ({@code COPY ... FROM STDIN}, text format) straight
 * into the table under a savepoint: an import's sources are almost always new (the engine does not
 * look them up first), and the rows are written once. If a source key or id is taken (a second
 * run of a file, a concurrent import), the copy fails with a unique violation, the
 * call goes back to the savepoint, and the rows are copied into a temporary staging table made
 * {@code LIKE} the target and dropped at commit, then one {@code WITH
 * s AS (DELETE FROM staging RETURNING *) INSERT INTO t SELECT ... FROM s ORDER BY source_hash ON
 * CONFLICT DO NOTHING RETURNING id} moves them, skipping every row whose source key (or id) is
 * taken, also by a concurrent transaction (it waits for it). The skipped ones' holders are then
 * read in one query per chunk. MariaDB and H2: the source keys are looked up first (so that the
 * MariaDB driver logs no duplicate-key error but in a race, and then quoting a hash), then the
 * absent records are inserted in batches, each under a savepoint; a batch that hits a duplicate
 * key (a race) is undone and its records go one by one through {@code insertIfAbsent}.
 *
 * <p>Rows are written in source-hash order, so two transactions inserting overlapping keys take
 * their locks in the same order instead of deadlocking. Whatever the fast path does not expect
 * (records that are not new, repeated ids or source keys, a taken id) is handed to the per-record
 * loop from a state where nothing of the call is written, so that it fails or succeeds exactly as
 * the loop does.
 *
 * @param <T> the record type
 */
final class ActivityBulk<T extends Activity> {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityBulk.class);

    /** What the bulk paths need of a store. */
    interface Store<T> {
        /** @return the record's row, in {@link #shape()} order */
        @Nullable
        Object[] row(T item);

        long version(T item);

        @Nullable
        SourceRef source(T item);

        /** The store's single-record path. */
        Optional<T> insertIfAbsent(T item);

        /** The store's bulk read, {@link ActivityBulk#findBySources}. */
        Map<String, T> findBySources(Collection<SourceRef> sources);
    }

    private final JdbcSession session;
    private final RowShape shape;
    private final String what;
    private final String columns;
    private final JdbcSession.RowMapper<T> mapper;
    private final Store<T> store;

    /**
     * @param columns the columns {@code mapper} reads, from the table aliased {@code t}
     * @param what the kind of record, for messages ({@code order})
     */
    ActivityBulk(
            JdbcSession session,
            RowShape shape,
            String what,
            String columns,
            JdbcSession.RowMapper<T> mapper,
            Store<T> store) {
        this.session = session;
        this.shape = shape;
        this.what = what;
        this.columns = columns;
        this.mapper = mapper;
        this.store = store;
    }

    // --- reads ---

    /** One query per {@link JdbcSession#CHUNK} distinct keys; the key is compared exactly beside its hash. */
    Map<String, T> findBySources(Collection<SourceRef> sources) {
        Objects.requireNonNull(sources, "sources");
        Map<String, String> hashes = new LinkedHashMap<>();
        for (SourceRef source : sources) {
            Objects.requireNonNull(source, "source");
            hashes.computeIfAbsent(source.key(), k -> ActivityRows.sourceHash(source));
        }
        Map<String, T> byKey = new HashMap<>();
        for (List<String> keys : JdbcSession.chunks(new ArrayList<>(hashes.keySet()), JdbcSession.CHUNK)) {
            Sql sql = session.tenantSql(
                            "SELECT " + columns + ", t.source_key FROM " + shape.table() + " t WHERE t.tenant_id = ?")
                    .append(" AND t.source_hash IN ");
            JdbcSession.appendInList(sql, keys, key -> (ps, i) -> ps.setString(i, hashes.get(key)));
            for (Map.Entry<String, T> row : session.query(
                    sql,
                    "finding " + what + "s by source",
                    rows -> Map.entry(rows.getString("source_key"), mapper.map(rows)))) {
                if (hashes.containsKey(row.getKey())) {
                    byKey.put(row.getKey(), row.getValue());
                }
            }
        }
        Map<String, T> found = new LinkedHashMap<>();
        for (SourceRef source : sources) {
            T record = byKey.get(source.key());
            if (record != null) {
                found.put(source.key(), record);
            }
        }
        return found;
    }

    // --- inserts ---

    /**
     * A record to insert, with its place in the caller's list; its row is made when first written,
     * and an order's payload JSON ({@link OrderJson}) each time the row is written (twice when a
     * {@code COPY} meets a taken key and the rows go through staging), so that on PostgreSQL the
     * server works on the rows already sent while the next ones are made.
     */
    private final class Item {
        final int index;
        final T record;
        final UUID id;
        final @Nullable SourceRef source;
        final @Nullable String hash;
        private @Nullable Object @Nullable [] row;

        Item(int index, T record, UUID id, @Nullable SourceRef source, @Nullable String hash) {
            this.index = index;
            this.record = record;
            this.id = id;
            this.source = source;
            this.hash = hash;
        }

        int index() {
            return index;
        }

        T record() {
            return record;
        }

        UUID id() {
            return id;
        }

        @Nullable
        SourceRef source() {
            return source;
        }

        @Nullable
        String hash() {
            return hash;
        }

        @Nullable
        Object[] row() {
            if (row == null) {
                row = store.row(record);
            }
            return row;
        }
    }

    /** The items' rows, each made when read. */
    private static <I> List<@Nullable Object[]> rows(List<I> items, Function<I, @Nullable Object[]> row) {
        return new AbstractList<>() {
            @Override
            public @Nullable Object[] get(int i) {
                return row.apply(items.get(i));
            }

            @Override
            public int size() {
                return items.size();
            }
        };
    }

    /** Rows in source-hash order, records without a source last (they lock no key). */
    private final Comparator<Item> lockOrder = Comparator.comparing(
                    (Item item) -> item.hash(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Item::index);

    Map<String, T> insertAllIfAbsent(List<T> records) {
        Objects.requireNonNull(records, "items");
        if (records.isEmpty()) {
            return new LinkedHashMap<>();
        }
        session.checkWritable();
        List<Item> items = new ArrayList<>(records.size());
        Set<UUID> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (T record : records) {
            if (record == null || store.version(record) != 1L) {
                return oneByOne(records);
            }
            SourceRef source = store.source(record);
            UUID id = record.activityId();
            if (!ids.add(id) || (source != null && !keys.add(source.key()))) {
                return oneByOne(records);
            }
            items.add(new Item(items.size(), record, id, source, ActivityRows.sourceHash(source)));
        }
        Map<String, T> holders = session.dialect().stagesBulkInserts() ? staged(items) : batched(items);
        LOG.debug(
                "Bulk insert of {} {}s in tenant {}: {} held by others",
                items.size(),
                what,
                session.tenant(),
                holders.size());
        return holders;
    }

    /** Exactly the interfaces' default: {@code insertIfAbsent} for each, in order. */
    private Map<String, T> oneByOne(List<T> records) {
        Map<String, T> holders = new LinkedHashMap<>();
        for (T record : records) {
            store.insertIfAbsent(record)
                    .ifPresent(h -> holders.put(
                            Objects.requireNonNull(store.source(record)).key(), h));
        }
        return holders;
    }

    /**
     * PostgreSQL: COPY straight into the table under a savepoint, the common case (new records);
     * if a key or id is taken, back to the savepoint and COPY into staging, one INSERT ... SELECT
     * ... ON CONFLICT DO NOTHING RETURNING id.
     */
    private Map<String, T> staged(List<Item> items) {
        List<Item> ordered = new ArrayList<>(items);
        ordered.sort(lockOrder);
        List<@Nullable Object[]> rows = rows(ordered, Item::row);
        boolean copies = PgCopy.available(session.connection());
        if (copies) {
            String doing = "copying " + rows.size() + " " + what + "s";
            Savepoint savepoint = session.savepoint(doing);
            try {
                PgCopy.copyIn(session.connection(), shape.table(), shape, rows);
                session.release(savepoint, doing);
                return new LinkedHashMap<>();
            } catch (SQLException e) {
                if (!session.isUniqueViolation(e)) {
                    throw session.failure(doing, e);
                }
                session.rollbackTo(savepoint, doing);
                LOG.debug(
                        "Bulk copy of {}s in tenant {} met a taken key; merging through staging",
                        what,
                        session.tenant());
            }
        }
        String staging = "rapport_staging_" + shape.table();
        String qualified = "pg_temp." + staging;
        session.update(
                new Sql()
                        .append("CREATE TEMP TABLE IF NOT EXISTS " + staging + " (LIKE " + shape.table()
                                + " INCLUDING DEFAULTS) ON COMMIT DROP"),
                "creating the staging table of " + what + "s");
        try {
            if (copies) {
                PgCopy.copyIn(session.connection(), qualified, shape, rows);
            } else {
                session.batchOrThrow(
                        shape.insertSql(qualified, session.dialect()),
                        rows,
                        (ps, row) -> shape.bind(ps, session.dialect(), row));
            }
        } catch (SQLException e) {
            throw session.failure("staging " + rows.size() + " " + what + "s", e);
        }
        // Emptying the staging table in the same statement leaves it ready for another call in
        // this transaction; ORDER BY keeps the lock order of the rows.
        Sql move = new Sql()
                .append("WITH s AS (DELETE FROM " + qualified + " RETURNING *) INSERT INTO " + shape.table() + " ("
                        + shape.names() + ") SELECT " + shape.names()
                        + " FROM s ORDER BY source_hash, id ON CONFLICT DO NOTHING RETURNING id");
        Set<UUID> inserted =
                new HashSet<>(session.query(move, "inserting " + rows.size() + " " + what + "s", rs -> session.dialect()
                        .getUuid(rs, "id")));
        if (inserted.size() == items.size()) {
            return new LinkedHashMap<>();
        }
        List<Item> skipped = new ArrayList<>();
        for (Item item : items) {
            if (!inserted.contains(item.id())) {
                skipped.add(item);
            }
        }
        if (anyIdTaken(skipped)) {
            // The loop throws the ConflictException, from where it would: undo this call first.
            for (List<UUID> chunk : JdbcSession.chunks(new ArrayList<>(inserted), JdbcSession.CHUNK)) {
                Sql undo = session.tenantSql("DELETE FROM " + shape.table() + " WHERE tenant_id = ?")
                        .append(" AND id IN ");
                JdbcSession.appendInList(undo, chunk, session::uuid);
                session.update(undo, "undoing a bulk insert of " + what + "s");
            }
            return oneByOne(items.stream().map(Item::record).toList());
        }
        return holdersOf(skipped);
    }

    /** MariaDB, H2: look the keys up, insert the absent ones in batches. */
    private Map<String, T> batched(List<Item> items) {
        List<SourceRef> sources = new ArrayList<>();
        for (Item item : items) {
            if (item.source() != null) {
                sources.add(item.source());
            }
        }
        Map<String, T> held = sources.isEmpty() ? Map.of() : findBySources(sources);
        List<Item> absent = new ArrayList<>();
        List<Item> present = new ArrayList<>();
        for (Item item : items) {
            (item.source() != null && held.containsKey(item.source().key()) ? present : absent).add(item);
        }
        if (anyIdTaken(present)) {
            // A taken id outranks a taken key (insertIfAbsent checks the id first); nothing is written yet.
            return oneByOne(items.stream().map(Item::record).toList());
        }
        absent.sort(lockOrder);
        Map<String, T> raced = new HashMap<>();
        String insert = shape.insertSql(shape.table(), session.dialect());
        for (List<Item> chunk : JdbcSession.chunks(absent, JdbcSession.CHUNK)) {
            String doing = "inserting " + chunk.size() + " " + what + "s";
            Savepoint savepoint = session.savepoint(doing);
            try {
                session.batchOrThrow(insert, chunk, (ps, item) -> shape.bind(ps, session.dialect(), item.row()));
            } catch (SQLException e) {
                if (!session.isUniqueViolation(e)) {
                    throw session.failure(doing, e);
                }
                // A concurrent transaction took a key (or an id is taken): the records of this
                // batch go one by one, each finding its holder or failing as insertIfAbsent does.
                session.rollbackTo(savepoint, doing);
                LOG.debug(
                        "Bulk insert of {}s in tenant {} met a duplicate key; inserting one by one",
                        what,
                        session.tenant());
                List<Item> inOrder = new ArrayList<>(chunk);
                inOrder.sort(Comparator.comparingInt(Item::index));
                for (Item item : inOrder) {
                    store.insertIfAbsent(item.record())
                            .ifPresent(h -> raced.put(
                                    Objects.requireNonNull(item.source()).key(), h));
                }
            }
            session.release(savepoint, doing);
        }
        Map<String, T> holders = new LinkedHashMap<>();
        for (Item item : items) {
            SourceRef source = item.source();
            if (source != null) {
                T holder = held.containsKey(source.key()) ? held.get(source.key()) : raced.get(source.key());
                if (holder != null) {
                    holders.put(source.key(), holder);
                }
            }
        }
        return holders;
    }

    /**
     * The holders of the skipped records' keys, in the caller's order. A record whose holder is gone
     * by now (deleted, and committed, since the insert skipped it) is tried again alone.
     */
    private Map<String, T> holdersOf(List<Item> skipped) {
        List<SourceRef> sources = new ArrayList<>();
        for (Item item : skipped) {
            if (item.source() != null) {
                sources.add(item.source());
            }
        }
        Map<String, T> found = sources.isEmpty() ? Map.of() : findBySources(sources);
        Map<String, T> holders = new LinkedHashMap<>();
        for (Item item : skipped) {
            SourceRef source = item.source();
            T holder = source == null ? null : found.get(source.key());
            Optional<T> outcome = holder != null ? Optional.of(holder) : store.insertIfAbsent(item.record());
            outcome.ifPresent(h -> holders.put(Objects.requireNonNull(source).key(), h));
        }
        return holders;
    }

    /** @return true if a row of the table (of this tenant) has the id of one of the records */
    private boolean anyIdTaken(List<Item> items) {
        Set<UUID> distinct = new LinkedHashSet<>();
        for (Item item : items) {
            distinct.add(item.id());
        }
        for (List<UUID> chunk : JdbcSession.chunks(new ArrayList<>(distinct), JdbcSession.CHUNK)) {
            Sql sql = session.tenantSql("SELECT id FROM " + shape.table() + " WHERE tenant_id = ?")
                    .append(" AND id IN ");
            JdbcSession.appendInList(sql, chunk, session::uuid);
            if (!session.query(sql, "checking the ids of " + what + "s", rows -> Boolean.TRUE)
                    .isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
