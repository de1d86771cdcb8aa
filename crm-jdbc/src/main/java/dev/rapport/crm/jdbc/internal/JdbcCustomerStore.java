package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.jdbc.dialect.Sql;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.CustomerStore;
import dev.rapport.crm.spi.SortKey;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customers in {@code customers}, with identity keys in {@code customer_identities} (whose primary
 * key enforces uniqueness per tenant) and tags in {@code customer_tags}.
 */
final class JdbcCustomerStore implements CustomerStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCustomerStore.class);

    private static final String INSERT_TAG = "INSERT INTO customer_tags (tenant_id, customer_id, tag) VALUES (?, ?, ?)";

    private final JdbcSession session;
    private final Dialect dialect;

    JdbcCustomerStore(JdbcSession session) {
        this.session = session;
        this.dialect = session.dialect();
    }

    @Override
    public Optional<Customer> get(CustomerId id) {
        Objects.requireNonNull(id, "id");
        Sql sql = session.tenantSql("SELECT " + CustomerRows.COLUMNS + " FROM customers c WHERE c.tenant_id = ?")
                .append(" AND c.id = ?")
                .bind(session.uuid(id.value()));
        return session.queryOne(sql, "reading customer " + id, rows -> CustomerRows.read(rows, dialect));
    }

    @Override
    public Optional<Customer> findByIdentity(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        Sql sql = session.tenantSql("SELECT " + CustomerRows.COLUMNS + " FROM customer_identities i"
                        + " JOIN customers c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id"
                        + " WHERE i.tenant_id = ?")
                .append(" AND i.identity_key = ?")
                .bindString(identity.key());
        return session.queryOne(
                sql, "finding a customer by " + identity.kind().label(), rows -> CustomerRows.read(rows, dialect));
    }

    @Override
    public void insert(Customer customer) {
        Objects.requireNonNull(customer, "customer");
        session.checkWritable();
        // Identities first: on a conflict, only our own identity rows are to be removed.
        try {
            addIdentities(customer.id(), customer.identities());
        } catch (IdentityConflictException e) {
            session.update(
                    session.tenantSql("DELETE FROM customer_identities WHERE tenant_id = ?")
                            .append(" AND customer_id = ?")
                            .bind(session.uuid(customer.id().value())),
                    "undoing the identities of customer " + customer.id());
            throw e;
        }
        session.update(customerInsert(customer), "inserting customer " + customer.id());
        insertTags(customer.id(), customer.tags());
        LOG.debug("Inserted customer {} in tenant {}", customer.id(), session.tenant());
    }

    /** The INSERT of the customer's row; every customer gets the same SQL text (batches reuse it). */
    private Sql customerInsert(Customer customer) {
        Sql insert = session.tenantSql("INSERT INTO customers (tenant_id, id, version, created_at, updated_at,"
                        + " display_name, given_name, family_name, sort_name, stage, identities, preferences, tags,"
                        + " attributes) VALUES (?")
                .append(", ?, ?, ?, ?, ?, ?, ?, ?, ?, ")
                .bind(session.uuid(customer.id().value()))
                .bind((ps, i) -> ps.setLong(i, customer.version()))
                .bind(session.instant(customer.createdAt()))
                .bind(session.instant(customer.updatedAt()))
                .bindString(customer.displayName())
                .bind((ps, i) -> ps.setString(i, customer.givenName()))
                .bind((ps, i) -> ps.setString(i, customer.familyName()))
                .bindString(CustomerRows.sortName(customer))
                .bindString(customer.stage().name());
        appendJsonColumns(insert, customer);
        return insert.append(")");
    }

    private void appendJsonColumns(Sql sql, Customer customer) {
        String json = dialect.jsonParameter();
        sql.append(json + ", " + json + ", " + json + ", " + dialect.attributesParameter())
                .bindString(CustomerRows.identitiesJson(customer))
                .bindString(CustomerRows.preferencesJson(customer))
                .bindString(CustomerRows.tagsJson(customer))
                .bindString(CustomerRows.attributesJson(customer));
    }

    @Override
    public void update(Customer before, Customer after) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("cannot update customer " + before.id() + " into " + after.id());
        }
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("the new version of customer " + after.id() + " must be "
                    + (before.version() + 1) + ", was " + after.version());
        }
        session.checkWritable();
        CustomerId id = after.id();
        Map<String, Identity> beforeKeys = byKey(before.identities());
        Map<String, Identity> afterKeys = byKey(after.identities());
        List<Identity> added = afterKeys.entrySet().stream()
                .filter(e -> !beforeKeys.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        List<String> removed = beforeKeys.keySet().stream()
                .filter(key -> !afterKeys.containsKey(key))
                .toList();
        // A savepoint only when an added identity may conflict: the update is then undone whole.
        Savepoint savepoint = added.isEmpty() ? null : savepoint(id);
        try {
            Sql update = new Sql()
                    .append("UPDATE customers SET version = ?, updated_at = ?, display_name = ?, given_name = ?,"
                            + " family_name = ?, sort_name = ?, stage = ?, identities = " + dialect.jsonParameter()
                            + ", preferences = " + dialect.jsonParameter() + ", tags = " + dialect.jsonParameter()
                            + ", attributes = " + dialect.attributesParameter())
                    .bind((ps, i) -> ps.setLong(i, after.version()))
                    .bind(session.instant(after.updatedAt()))
                    .bindString(after.displayName())
                    .bind((ps, i) -> ps.setString(i, after.givenName()))
                    .bind((ps, i) -> ps.setString(i, after.familyName()))
                    .bindString(CustomerRows.sortName(after))
                    .bindString(after.stage().name())
                    .bindString(CustomerRows.identitiesJson(after))
                    .bindString(CustomerRows.preferencesJson(after))
                    .bindString(CustomerRows.tagsJson(after))
                    .bindString(CustomerRows.attributesJson(after))
                    .append(" WHERE tenant_id = ?")
                    .bind(session.tenantBinder())
                    .append(" AND id = ? AND version = ?")
                    .bind(session.uuid(id.value()))
                    .bind((ps, i) -> ps.setLong(i, before.version()));
            int rows = session.update(update, "updating customer " + id);
            checkGuardedWrite(rows, id, before.version());
            for (String key : removed) {
                session.update(
                        session.tenantSql("DELETE FROM customer_identities WHERE tenant_id = ?")
                                .append(" AND identity_key = ? AND customer_id = ?")
                                .bindString(key)
                                .bind(session.uuid(id.value())),
                        "removing an identity of customer " + id);
            }
            addIdentities(id, added);
        } catch (IdentityConflictException e) {
            if (savepoint != null) {
                rollback(savepoint, id);
            }
            throw e;
        }
        if (savepoint != null) {
            release(savepoint, id);
        }
        syncTags(id, before.tags(), after.tags());
        LOG.debug("Updated customer {} to version {} in tenant {}", id, after.version(), session.tenant());
    }

    @Override
    public void delete(Customer existing) {
        Objects.requireNonNull(existing, "existing");
        session.checkWritable();
        CustomerId id = existing.id();
        int rows = session.update(
                session.tenantSql("DELETE FROM customers WHERE tenant_id = ?")
                        .append(" AND id = ? AND version = ?")
                        .bind(session.uuid(id.value()))
                        .bind((ps, i) -> ps.setLong(i, existing.version())),
                "deleting customer " + id);
        checkGuardedWrite(rows, id, existing.version());
        session.update(
                session.tenantSql("DELETE FROM customer_identities WHERE tenant_id = ?")
                        .append(" AND customer_id = ?")
                        .bind(session.uuid(id.value())),
                "deleting the identities of customer " + id);
        session.update(
                session.tenantSql("DELETE FROM customer_tags WHERE tenant_id = ?")
                        .append(" AND customer_id = ?")
                        .bind(session.uuid(id.value())),
                "deleting the tags of customer " + id);
        LOG.debug("Deleted customer {} in tenant {}", id, session.tenant());
    }

    @Override
    public List<Customer> list(CustomerPageRequest request) {
        Objects.requireNonNull(request, "request");
        Sql sql = session.tenantSql("SELECT " + CustomerRows.COLUMNS + " FROM customers c WHERE c.tenant_id = ?")
                .append(" AND ")
                .append(dialect.criteria().where(request.criteria()));
        SortKey after = request.after();
        String sortExpression;
        if (request.sort() == CustomerSort.CREATED) {
            sortExpression = "c.created_at";
            if (after != null) {
                Instant createdAt = requirePart(after.createdAt(), "createdAt", request.sort());
                sql.append(" AND ");
                dialect.appendKeysetAfter(
                        sql,
                        sortExpression,
                        "?",
                        session.instant(createdAt),
                        "c.id",
                        session.uuid(after.id().value()));
            }
        } else {
            sortExpression = dialect.orderedText("c.sort_name");
            if (after != null) {
                String sortName = requirePart(after.sortName(), "sortName", request.sort());
                sql.append(" AND ");
                dialect.appendKeysetAfter(
                        sql,
                        sortExpression,
                        dialect.orderedText("?"),
                        (ps, i) -> ps.setString(i, sortName),
                        "c.id",
                        session.uuid(after.id().value()));
            }
        }
        sql.append(" ORDER BY " + sortExpression + ", c.id LIMIT ?").bind((ps, i) -> ps.setInt(i, request.limit()));
        return session.query(sql, "listing customers", rows -> CustomerRows.read(rows, dialect));
    }

    @Override
    public long count(CustomerCriteria criteria) {
        Objects.requireNonNull(criteria, "criteria");
        Sql sql = session.tenantSql("SELECT COUNT(*) FROM customers c WHERE c.tenant_id = ?")
                .append(" AND ")
                .append(dialect.criteria().where(criteria));
        return session.count(sql, "counting customers");
    }

    // --- bulk paths ---

    /** One query per {@link JdbcSession#CHUNK} distinct keys. */
    @Override
    public Map<String, Customer> findByIdentities(Collection<Identity> identities) {
        Objects.requireNonNull(identities, "identities");
        Set<String> keys = new LinkedHashSet<>();
        for (Identity identity : identities) {
            keys.add(Objects.requireNonNull(identity, "identity").key());
        }
        Map<String, Customer> byKey = new HashMap<>();
        for (List<String> chunk : JdbcSession.chunks(new ArrayList<>(keys), JdbcSession.CHUNK)) {
            Sql sql = session.tenantSql("SELECT i.identity_key, " + CustomerRows.COLUMNS + " FROM customer_identities i"
                            + " JOIN customers c ON c.tenant_id = i.tenant_id AND c.id = i.customer_id"
                            + " WHERE i.tenant_id = ?")
                    .append(" AND i.identity_key IN ");
            JdbcSession.appendInList(sql, chunk, key -> (ps, i) -> ps.setString(i, key));
            for (Map.Entry<String, Customer> row : session.query(
                    sql,
                    "finding customers by identities",
                    rows -> Map.entry(rows.getString("identity_key"), CustomerRows.read(rows, dialect)))) {
                byKey.put(row.getKey(), row.getValue());
            }
        }
        Map<String, Customer> found = new LinkedHashMap<>();
        for (Identity identity : identities) {
            Customer holder = byKey.get(identity.key());
            if (holder != null) {
                found.put(identity.key(), holder);
            }
        }
        return found;
    }

    private static Set<CustomerId> distinct(Collection<CustomerId> ids) {
        Objects.requireNonNull(ids, "ids");
        Set<CustomerId> distinct = new LinkedHashSet<>();
        for (CustomerId id : ids) {
            distinct.add(Objects.requireNonNull(id, "id"));
        }
        return distinct;
    }

    /** One query per {@link JdbcSession#CHUNK} distinct ids. */
    @Override
    public Set<CustomerId> existing(Collection<CustomerId> ids) {
        Set<CustomerId> distinct = distinct(ids);
        Set<CustomerId> found = new HashSet<>();
        for (List<CustomerId> chunk : JdbcSession.chunks(new ArrayList<>(distinct), JdbcSession.CHUNK)) {
            Sql sql = session.tenantSql("SELECT c.id FROM customers c WHERE c.tenant_id = ?")
                    .append(" AND c.id IN ");
            JdbcSession.appendInList(sql, chunk, id -> session.uuid(id.value()));
            found.addAll(session.query(sql, "checking customers", rows -> new CustomerId(dialect.getUuid(rows, "id"))));
        }
        distinct.retainAll(found);
        return distinct;
    }

    /** One query per {@link JdbcSession#CHUNK} distinct ids. */
    @Override
    public Map<CustomerId, Customer> getAll(Collection<CustomerId> ids) {
        Set<CustomerId> distinct = distinct(ids);
        Map<CustomerId, Customer> byId = new HashMap<>();
        for (List<CustomerId> chunk : JdbcSession.chunks(new ArrayList<>(distinct), JdbcSession.CHUNK)) {
            Sql sql = session.tenantSql("SELECT " + CustomerRows.COLUMNS + " FROM customers c WHERE c.tenant_id = ?")
                    .append(" AND c.id IN ");
            JdbcSession.appendInList(sql, chunk, id -> session.uuid(id.value()));
            for (Customer customer :
                    session.query(sql, "reading customers", rows -> CustomerRows.read(rows, dialect))) {
                byId.put(customer.id(), customer);
            }
        }
        Map<CustomerId, Customer> found = new LinkedHashMap<>();
        for (CustomerId id : ids) {
            Customer customer = byId.get(id);
            if (customer != null) {
                found.put(id, customer);
            }
        }
        return found;
    }

    /** An identity row to insert. */
    private record IdentityRow(String key, CustomerId customer, String kind) {}

    /**
     * Batches: the identity rows first (PostgreSQL: multi-row {@code INSERT ... ON CONFLICT DO
     * NOTHING RETURNING} per chunk; MariaDB and H2: a lookup per chunk, then one batch under a
     * savepoint), in key order so that concurrent bulk inserts lock keys in the same order; then one
     * batch of customer rows and one of tags. Whenever an identity turns out to be held (by a stored
     * customer, a concurrent transaction or another customer of the list), what this call wrote is
     * undone and the customers go through {@link #insert} one by one, which throws the {@link
     * IdentityConflictException} naming the holder exactly as the loop does; no statement fails, so
     * the transaction stays usable.
     */
    @Override
    public void insertAll(List<Customer> customers) {
        Objects.requireNonNull(customers, "customers");
        if (customers.isEmpty()) {
            return;
        }
        session.checkWritable();
        Set<CustomerId> ids = new HashSet<>();
        Map<String, IdentityRow> rows = new TreeMap<>();
        for (Customer customer : customers) {
            if (customer == null || !ids.add(customer.id())) {
                oneByOne(customers);
                return;
            }
            for (Identity identity : customer.identities()) {
                IdentityRow row = new IdentityRow(
                        identity.key(), customer.id(), identity.kind().label());
                IdentityRow before = rows.putIfAbsent(row.key(), row);
                if (before != null && !before.customer().equals(customer.id())) {
                    oneByOne(customers);
                    return;
                }
            }
        }
        List<IdentityRow> identities = new ArrayList<>(rows.values());
        boolean inserted = dialect.insertsSkippingDuplicatesReturningKeys()
                ? insertIdentitiesSkippingDuplicates(identities)
                : insertIdentitiesBatched(identities);
        if (!inserted) {
            oneByOne(customers);
            return;
        }
        List<Sql> inserts = new ArrayList<>(customers.size());
        record Tag(CustomerId customer, String tag) {}
        List<Tag> tags = new ArrayList<>();
        for (Customer customer : customers) {
            inserts.add(customerInsert(customer));
            for (String tag : customer.tags()) {
                tags.add(new Tag(customer.id(), tag));
            }
        }
        session.batch(inserts, "inserting " + customers.size() + " customers");
        UUID tenant = session.tenant().value();
        session.batch(INSERT_TAG, tags, "adding the tags of " + customers.size() + " customers", (ps, tag) -> {
            dialect.setUuid(ps, 1, tenant);
            dialect.setUuid(ps, 2, tag.customer().value());
            ps.setString(3, tag.tag());
        });
        LOG.debug("Inserted {} customers in tenant {}", customers.size(), session.tenant());
    }

    /** Exactly the interface's default. */
    private void oneByOne(List<Customer> customers) {
        for (Customer customer : customers) {
            insert(customer);
        }
    }

    /**
     * PostgreSQL: {@code ON CONFLICT DO NOTHING RETURNING identity_key} per chunk.
     *
     * @return true if every row was inserted; else the inserted ones are deleted again
     */
    private boolean insertIdentitiesSkippingDuplicates(List<IdentityRow> identities) {
        List<String> inserted = new ArrayList<>(identities.size());
        for (List<IdentityRow> chunk : JdbcSession.chunks(identities, JdbcSession.CHUNK)) {
            Sql insert = new Sql()
                    .append("INSERT INTO customer_identities (tenant_id, identity_key, customer_id, kind) VALUES ");
            String separator = "";
            for (IdentityRow row : chunk) {
                insert.append(separator + "(?, ?, ?, ?)")
                        .bind(session.tenantBinder())
                        .bindString(row.key())
                        .bind(session.uuid(row.customer().value()))
                        .bindString(row.kind());
                separator = ", ";
            }
            insert.append(" ON CONFLICT DO NOTHING RETURNING identity_key");
            inserted.addAll(session.query(insert, "adding the identities of customers", r -> r.getString(1)));
        }
        if (inserted.size() == identities.size()) {
            return true;
        }
        // Exactly the rows this call inserted: they hold keys nobody else could hold.
        for (List<String> chunk : JdbcSession.chunks(inserted, JdbcSession.CHUNK)) {
            Sql undo = session.tenantSql("DELETE FROM customer_identities WHERE tenant_id = ?")
                    .append(" AND identity_key IN ");
            JdbcSession.appendInList(undo, chunk, key -> (ps, i) -> ps.setString(i, key));
            session.update(undo, "undoing the identities of a bulk insert");
        }
        return false;
    }

    /**
     * MariaDB, H2: the keys are looked up first (so that the MariaDB driver logs no duplicate-key
     * error, which would quote an identity, but in a race), then inserted in one batch under a
     * savepoint, undone if a concurrent transaction took one of them meanwhile.
     *
     * @return true if every row was inserted, false if one was held and nothing was written
     */
    private boolean insertIdentitiesBatched(List<IdentityRow> identities) {
        for (List<IdentityRow> chunk : JdbcSession.chunks(identities, JdbcSession.CHUNK)) {
            Sql lookup = session.tenantSql("SELECT identity_key FROM customer_identities WHERE tenant_id = ?")
                    .append(" AND identity_key IN ");
            JdbcSession.appendInList(lookup, chunk, row -> (ps, i) -> ps.setString(i, row.key()));
            if (!session.query(lookup, "looking up the identities of customers", r -> Boolean.TRUE)
                    .isEmpty()) {
                return false;
            }
        }
        String doing = "adding the identities of customers";
        Savepoint savepoint = session.savepoint(doing);
        UUID tenant = session.tenant().value();
        try {
            session.batchOrThrow(
                    "INSERT INTO customer_identities (tenant_id, identity_key, customer_id, kind) VALUES (?, ?, ?, ?)",
                    identities,
                    (ps, row) -> {
                        dialect.setUuid(ps, 1, tenant);
                        ps.setString(2, row.key());
                        dialect.setUuid(ps, 3, row.customer().value());
                        ps.setString(4, row.kind());
                    });
        } catch (SQLException e) {
            if (!session.isUniqueViolation(e)) {
                throw session.failure(doing, e);
            }
            session.rollbackTo(savepoint, doing);
            session.release(savepoint, doing);
            return false;
        }
        session.release(savepoint, doing);
        return true;
    }

    // --- identities and tags ---

    private static Map<String, Identity> byKey(List<Identity> identities) {
        Map<String, Identity> byKey = new LinkedHashMap<>();
        for (Identity identity : identities) {
            byKey.putIfAbsent(identity.key(), identity);
        }
        return byKey;
    }

    /**
     * Inserts the identity rows, each unless taken. A key held by another customer is a conflict;
     * one held by this customer (a repeated identity) is not. If the holder disappears between the
     * failed insert and the lookup (a concurrent delete committed), the insert is tried again.
     */
    /** @return the keys inserted; the others were already held (by someone) or repeated */
    private List<String> insertAllSkippingDuplicates(CustomerId id, List<Identity> identities) {
        // Sorted keys: two transactions inserting overlapping sets lock them in the same order.
        Map<String, Identity> byKey = new TreeMap<>(byKey(identities));
        Sql insert = new Sql()
                .append("INSERT INTO customer_identities (tenant_id, identity_key, customer_id, kind) VALUES ");
        String separator = "";
        for (Map.Entry<String, Identity> e : byKey.entrySet()) {
            insert.append(separator + "(?, ?, ?, ?)")
                    .bind(session.tenantBinder())
                    .bindString(e.getKey())
                    .bind(session.uuid(id.value()))
                    .bindString(e.getValue().kind().label());
            separator = ", ";
        }
        insert.append(" ON CONFLICT DO NOTHING RETURNING identity_key");
        return session.query(insert, "adding the identities of customer " + id, rows -> rows.getString(1));
    }

    private void addIdentities(CustomerId id, List<Identity> identities) {
        Set<String> seen = new TreeSet<>();
        if (identities.size() > 1 && dialect.insertsSkippingDuplicatesReturningKeys()) {
            // One round trip for all of them; only keys it skipped need the one-by-one path.
            seen.addAll(insertAllSkippingDuplicates(id, identities));
        }
        for (Identity identity : identities) {
            String key = identity.key();
            if (!seen.add(key)) {
                continue;
            }
            for (int tries = 0; ; tries++) {
                Sql insert = session.tenantSql(
                                "INSERT INTO customer_identities (tenant_id, identity_key, customer_id, kind) VALUES (?")
                        .append(", ?, ?, ?)")
                        .bindString(key)
                        .bind(session.uuid(id.value()))
                        .bindString(identity.kind().label());
                Sql lookup = session.tenantSql("SELECT customer_id FROM customer_identities WHERE tenant_id = ?")
                        .append(" AND identity_key = ?")
                        .bindString(key);
                boolean inserted;
                try {
                    inserted = dialect.insertUnlessDuplicate(session.connection(), insert, lookup);
                } catch (SQLException e) {
                    throw session.failure("adding an identity of customer " + id, e);
                }
                if (inserted) {
                    break;
                }
                Optional<UUID> holder = session.queryOne(
                        lookup, "finding the holder of an identity", rows -> dialect.getUuid(rows, "customer_id"));
                if (holder.isPresent()) {
                    if (holder.get().equals(id.value())) {
                        break;
                    }
                    LOG.debug(
                            "Identity conflict in tenant {}: customer {} holds a {} identity wanted by {}",
                            session.tenant(),
                            holder.get(),
                            identity.kind().label(),
                            id);
                    throw new IdentityConflictException(identity.kind(), new CustomerId(holder.get()));
                }
                if (tries >= 3) {
                    throw new IllegalStateException("identity of customer " + id + " neither insertable nor held");
                }
            }
        }
    }

    private void insertTags(CustomerId id, List<String> tags) {
        UUID tenant = session.tenant().value();
        session.batch(INSERT_TAG, tags, "adding the tags of customer " + id, (ps, tag) -> {
            dialect.setUuid(ps, 1, tenant);
            dialect.setUuid(ps, 2, id.value());
            ps.setString(3, tag);
        });
    }

    private void syncTags(CustomerId id, List<String> before, List<String> after) {
        Set<String> afterSet = Set.copyOf(after);
        Set<String> beforeSet = Set.copyOf(before);
        List<String> removed =
                before.stream().filter(t -> !afterSet.contains(t)).collect(Collectors.toList());
        List<String> added = new ArrayList<>();
        for (String tag : after) {
            if (!beforeSet.contains(tag)) {
                added.add(tag);
            }
        }
        UUID tenant = session.tenant().value();
        session.batch(
                "DELETE FROM customer_tags WHERE tenant_id = ? AND customer_id = ? AND tag = ?",
                removed,
                "removing tags of customer " + id,
                (ps, tag) -> {
                    dialect.setUuid(ps, 1, tenant);
                    dialect.setUuid(ps, 2, id.value());
                    ps.setString(3, tag);
                });
        insertTags(id, added);
    }

    // --- guards ---

    /** Zero rows: stale version or gone; more than one is a bug (the key is the primary key). */
    private void checkGuardedWrite(int rows, CustomerId id, long expectedVersion) {
        if (rows == 1) {
            return;
        }
        if (rows > 1) {
            throw new IllegalStateException(rows + " rows written for customer " + id + "; expected one");
        }
        long exists = session.count(
                session.tenantSql("SELECT COUNT(*) FROM customers WHERE tenant_id = ?")
                        .append(" AND id = ?")
                        .bind(session.uuid(id.value())),
                "checking customer " + id);
        if (exists > 0) {
            throw new ConcurrencyException("customer", id, expectedVersion);
        }
        throw new NotFoundException("customer", id);
    }

    private static <T> T requirePart(@Nullable T part, String name, CustomerSort sort) {
        if (part == null) {
            throw new IllegalArgumentException("a position in order " + sort + " needs its " + name);
        }
        return part;
    }

    private Savepoint savepoint(CustomerId id) {
        return session.savepoint("customer " + id);
    }

    private void rollback(Savepoint savepoint, CustomerId id) {
        session.rollbackTo(savepoint, "the update of customer " + id);
    }

    private void release(Savepoint savepoint, CustomerId id) {
        session.release(savepoint, "customer " + id);
    }
}
