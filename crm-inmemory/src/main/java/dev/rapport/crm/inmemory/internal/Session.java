package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.inmemory.internal.Criteria.Range;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.timer.ClaimedTimer;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.ActivityStore;
import dev.rapport.crm.spi.AgentStore;
import dev.rapport.crm.spi.AttributeDefinitionStore;
import dev.rapport.crm.spi.CaseStore;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.CustomerStore;
import dev.rapport.crm.spi.EventLog;
import dev.rapport.crm.spi.InteractionStore;
import dev.rapport.crm.spi.OrderStore;
import dev.rapport.crm.spi.SlaPolicyStore;
import dev.rapport.crm.spi.SortKey;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.StoredEvent;
import dev.rapport.crm.spi.TimerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A session over one tenant: read-only (sees committed state, each call on its own) or a write
 * transaction (holds the tenant's writer lock, sees committed state plus its own write set).
 * Confined to the thread running the callback; closed when the callback returns.
 */
final class Session implements StorageSession {
    private final TenantState state;
    private final @Nullable WriteSet writes;
    private boolean open = true;

    // The store views are created on first use: a short read touches one of them.
    private @Nullable Customers customers;
    private @Nullable Definitions definitions;
    private @Nullable Events events;
    private @Nullable ActivityStores activity;
    private @Nullable Timers timerStore;

    private Session(TenantState state, @Nullable WriteSet writes) {
        this.state = state;
        this.writes = writes;
    }

    /**
     * @param state the tenant's state
     * @return a session that only reads committed state
     */
    static Session readOnly(TenantState state) {
        return new Session(state, null);
    }

    /**
     * @param state the tenant's state, whose writer lock the caller holds
     * @return a session that collects writes until {@link #commit()}
     */
    static Session writable(TenantState state) {
        return new Session(state, new WriteSet());
    }

    /** Applies the write set, if any, and closes the session. The caller holds the writer lock. */
    void commit() {
        checkOpen();
        open = false;
        if (writes != null && !writes.isEmpty()) {
            state.commit(writes);
        }
    }

    /** Closes the session without applying anything. Idempotent. */
    void close() {
        open = false;
    }

    /** Closes the session without applying anything and releases the timer rows it locked. */
    void rollback() {
        open = false;
        if (writes != null && writes.timers != null) {
            state.timers.unlock(state.tenant, writes.timers.keySet(), writes);
        }
    }

    @Override
    public TenantId tenant() {
        checkOpen();
        return state.tenant;
    }

    @Override
    public CustomerStore customers() {
        checkOpen();
        Customers store = customers;
        return store != null ? store : (customers = new Customers());
    }

    @Override
    public AttributeDefinitionStore attributeDefinitions() {
        checkOpen();
        Definitions store = definitions;
        return store != null ? store : (definitions = new Definitions());
    }

    @Override
    public EventLog events() {
        checkOpen();
        Events store = events;
        return store != null ? store : (events = new Events());
    }

    private ActivityStores activityStores() {
        ActivityStores stores = activity;
        return stores != null ? stores : (activity = new ActivityStores(this, state, writes));
    }

    @Override
    public InteractionStore interactions() {
        checkOpen();
        return activityStores().new Interactions();
    }

    @Override
    public OrderStore orders() {
        checkOpen();
        return activityStores().new Orders();
    }

    @Override
    public ActivityStore activity() {
        checkOpen();
        return activityStores().new Activities();
    }

    @Override
    public CaseStore cases() {
        checkOpen();
        return new CaseStores(this, state, writes);
    }

    @Override
    public AgentStore agents() {
        checkOpen();
        return new AgentStores(this, state, writes);
    }

    @Override
    public SlaPolicyStore slaPolicies() {
        checkOpen();
        return new SlaPolicies(this, state, writes);
    }

    @Override
    public TimerStore timers() {
        checkOpen();
        Timers store = timerStore;
        return store != null ? store : (timerStore = new Timers());
    }

    void checkOpen() {
        if (!open) {
            throw new IllegalStateException("the session of tenant " + state.tenant
                    + " was used after its callback returned; sessions must not escape it");
        }
    }

    WriteSet checkWritable() {
        checkOpen();
        if (writes == null) {
            throw new IllegalStateException("a read session cannot write; use inTransaction");
        }
        return writes;
    }

    /** The customer as this session sees it: its own write if any, else the committed one. */
    private @Nullable Customer current(CustomerId id) {
        if (writes != null && writes.customers != null) {
            Customer own = writes.customers.get(id);
            if (own != null || writes.customers.containsKey(id)) {
                return own;
            }
        }
        return state.customer(id);
    }

    /** The holder of an identity key as this session sees it. */
    private @Nullable CustomerId holder(String key) {
        if (writes != null && writes.identities != null) {
            CustomerId own = writes.identities.get(key);
            if (own != null || writes.identities.containsKey(key)) {
                return own;
            }
        }
        return state.holder(key);
    }

    private static Set<String> keys(List<Identity> identities) {
        Set<String> keys = new HashSet<>();
        for (Identity identity : identities) {
            keys.add(identity.key());
        }
        return keys;
    }

    private final class Customers implements CustomerStore {
        @Override
        public Optional<Customer> get(CustomerId id) {
            checkOpen();
            Objects.requireNonNull(id, "id");
            return Optional.ofNullable(current(id));
        }

        @Override
        public Optional<Customer> findByIdentity(Identity identity) {
            checkOpen();
            String key = identity.key();
            if (writes == null) {
                // One consistent read: the key and its holder's row come from the same commit.
                return Optional.ofNullable(state.readConsistent(() -> {
                    CustomerId holder = state.identities.get(key);
                    return holder == null ? null : state.customers.get(holder);
                }));
            }
            CustomerId holder = holder(key);
            return holder == null ? Optional.empty() : Optional.ofNullable(current(holder));
        }

        @Override
        public void insert(Customer customer) {
            WriteSet w = checkWritable();
            CustomerId id = customer.id();
            if (customer.version() != 1L) {
                throw new IllegalArgumentException(
                        "a new customer has version 1, customer " + id + " has " + customer.version());
            }
            if (current(id) != null) {
                throw new ConflictException("customer " + id + " already exists");
            }
            List<Identity> identities = customer.identities();
            String[] keys = new String[identities.size()];
            for (int i = 0; i < keys.length; i++) {
                Identity identity = identities.get(i);
                keys[i] = identity.key();
                CustomerId holder = holder(keys[i]);
                if (holder != null && !holder.equals(id)) {
                    throw new IdentityConflictException(identity.kind(), holder);
                }
            }
            w.putCustomer(id, customer);
            for (String key : keys) {
                w.putIdentity(key, id);
            }
        }

        @Override
        public void update(Customer before, Customer after) {
            WriteSet w = checkWritable();
            CustomerId id = before.id();
            if (!id.equals(after.id())) {
                throw new IllegalArgumentException("update cannot change a customer's id: " + id + " to " + after.id());
            }
            if (after.version() != before.version() + 1) {
                throw new IllegalArgumentException("customer " + id + ": the new version must be "
                        + (before.version() + 1) + ", was " + after.version());
            }
            Customer stored = current(id);
            if (stored == null) {
                throw new NotFoundException("customer", id);
            }
            if (stored.version() != before.version()) {
                throw new ConcurrencyException("customer", id, before.version());
            }
            if (!stored.identities().equals(after.identities())) {
                Set<String> oldKeys = keys(stored.identities());
                Set<String> newKeys = keys(after.identities());
                for (Identity identity : after.identities()) {
                    String key = identity.key();
                    if (!oldKeys.contains(key)) {
                        CustomerId holder = holder(key);
                        if (holder != null && !holder.equals(id)) {
                            throw new IdentityConflictException(identity.kind(), holder);
                        }
                    }
                }
                for (String key : oldKeys) {
                    if (!newKeys.contains(key)) {
                        w.putIdentity(key, null);
                    }
                }
                for (String key : newKeys) {
                    if (!oldKeys.contains(key)) {
                        w.putIdentity(key, id);
                    }
                }
            }
            w.putCustomer(id, after);
        }

        @Override
        public void delete(Customer existing) {
            WriteSet w = checkWritable();
            CustomerId id = existing.id();
            Customer stored = current(id);
            if (stored == null) {
                throw new NotFoundException("customer", id);
            }
            if (stored.version() != existing.version()) {
                throw new ConcurrencyException("customer", id, existing.version());
            }
            for (Identity identity : stored.identities()) {
                w.putIdentity(identity.key(), null);
            }
            w.putCustomer(id, null);
        }

        @Override
        public List<Customer> list(CustomerPageRequest request) {
            checkOpen();
            CustomerSort sort = request.sort();
            SortKey after = request.after() == null ? null : Orders.checkPosition(request.after(), sort);
            Predicate<Customer> matches = Criteria.compile(request.criteria());
            Range range = Criteria.range(request.criteria(), sort);
            int limit = request.limit();
            NavigableMap<SortKey, Customer> index = state.index(sort);
            Comparator<SortKey> order = Orders.comparator(sort);
            SortKey start = range.start();
            boolean afterWins = after != null && (start == null || order.compare(after, start) >= 0);
            Map<CustomerId, @Nullable Customer> own = writes == null ? null : writes.customers;
            if (own == null || own.isEmpty()) {
                return state.readConsistent(() -> scan(tail(index, after, start, afterWins), range, matches, limit));
            }
            // The committed state cannot change while this transaction holds the writer lock:
            // merge it with the transaction's own rows, which replace their committed versions.
            TreeMap<SortKey, Customer> mine = new TreeMap<>(order);
            for (Customer customer : own.values()) {
                if (customer != null) {
                    SortKey key = Orders.key(customer, sort);
                    if (afterWins ? order.compare(key, after) > 0 : start == null || order.compare(key, start) >= 0) {
                        mine.put(key, customer);
                    }
                }
            }
            Iterator<Map.Entry<SortKey, Customer>> committed =
                    tail(index, after, start, afterWins).entrySet().iterator();
            Iterator<Map.Entry<SortKey, Customer>> written = mine.entrySet().iterator();
            Map.Entry<SortKey, Customer> c = nextNotIn(committed, own);
            Map.Entry<SortKey, Customer> o = written.hasNext() ? written.next() : null;
            List<Customer> page = new ArrayList<>(Math.min(limit, 64));
            while ((c != null || o != null) && page.size() < limit) {
                Map.Entry<SortKey, Customer> next;
                if (o == null || (c != null && order.compare(c.getKey(), o.getKey()) < 0)) {
                    next = c;
                    c = nextNotIn(committed, own);
                } else {
                    next = o;
                    o = written.hasNext() ? written.next() : null;
                }
                if (range.ended(next.getKey())) {
                    break;
                }
                if (matches.test(next.getValue())) {
                    page.add(next.getValue());
                }
            }
            return page;
        }

        @Override
        public long count(CustomerCriteria criteria) {
            checkOpen();
            Predicate<Customer> matches = Criteria.compile(criteria);
            boolean all = criteria instanceof CustomerCriteria.All;
            Map<CustomerId, @Nullable Customer> own = writes == null ? null : writes.customers;
            if (own == null || own.isEmpty()) {
                return state.readConsistent(() -> all ? (long) state.customers.size() : countCommitted(matches, null));
            }
            long count;
            if (all) {
                // The committed state is stable under the writer lock: adjust its size.
                count = state.customers.size();
                for (CustomerId id : own.keySet()) {
                    if (state.customers.containsKey(id)) {
                        count--;
                    }
                }
            } else {
                count = countCommitted(matches, own);
            }
            for (Customer customer : own.values()) {
                if (customer != null && matches.test(customer)) {
                    count++;
                }
            }
            return count;
        }

        private long countCommitted(Predicate<Customer> matches, @Nullable Map<CustomerId, ?> skip) {
            long count = 0;
            for (Customer customer : state.customers.values()) {
                if ((skip == null || !skip.containsKey(customer.id())) && matches.test(customer)) {
                    count++;
                }
            }
            return count;
        }
    }

    private static NavigableMap<SortKey, Customer> tail(
            NavigableMap<SortKey, Customer> index,
            @Nullable SortKey after,
            @Nullable SortKey start,
            boolean afterWins) {
        if (afterWins) {
            return index.tailMap(after, false);
        }
        return start == null ? index : index.tailMap(start, true);
    }

    private static List<Customer> scan(
            NavigableMap<SortKey, Customer> rows, Range range, Predicate<Customer> matches, int limit) {
        List<Customer> page = new ArrayList<>(Math.min(limit, 64));
        for (Map.Entry<SortKey, Customer> row : rows.entrySet()) {
            if (range.ended(row.getKey())) {
                break;
            }
            if (matches.test(row.getValue())) {
                page.add(row.getValue());
                if (page.size() == limit) {
                    break;
                }
            }
        }
        return page;
    }

    private static Map.@Nullable Entry<SortKey, Customer> nextNotIn(
            Iterator<Map.Entry<SortKey, Customer>> rows, Map<CustomerId, ?> replaced) {
        while (rows.hasNext()) {
            Map.Entry<SortKey, Customer> row = rows.next();
            if (!replaced.containsKey(row.getKey().id())) {
                return row;
            }
        }
        return null;
    }

    private final class Definitions implements AttributeDefinitionStore {
        @Override
        public List<AttributeDefinition> list() {
            checkOpen();
            Map<String, @Nullable AttributeDefinition> own = writes == null ? null : writes.definitions;
            if (own == null) {
                return state.readConsistent(() -> List.copyOf(state.definitions.values()));
            }
            TreeMap<String, AttributeDefinition> merged = new TreeMap<>(state.definitions);
            for (Map.Entry<String, @Nullable AttributeDefinition> e : own.entrySet()) {
                if (e.getValue() == null) {
                    merged.remove(e.getKey());
                } else {
                    merged.put(e.getKey(), e.getValue());
                }
            }
            return List.copyOf(merged.values());
        }

        @Override
        public Optional<AttributeDefinition> get(String key) {
            checkOpen();
            Objects.requireNonNull(key, "key");
            if (writes != null && writes.definitions != null && writes.definitions.containsKey(key)) {
                return Optional.ofNullable(writes.definitions.get(key));
            }
            return Optional.ofNullable(state.readConsistent(() -> state.definitions.get(key)));
        }

        @Override
        public void put(AttributeDefinition definition) {
            checkWritable().putDefinition(definition.key(), definition);
        }

        @Override
        public void remove(String key) {
            checkWritable().putDefinition(Objects.requireNonNull(key, "key"), null);
        }

        @Override
        public long countCustomersWithValue(String key) {
            Objects.requireNonNull(key, "key");
            return customers().count(new CustomerCriteria.AttributePresent(key));
        }
    }

    private final class Events implements EventLog {
        @Override
        public void append(List<? extends CrmEvent> events) {
            WriteSet w = checkWritable();
            for (CrmEvent event : events) {
                if (!event.tenantId().equals(state.tenant)) {
                    throw new IllegalArgumentException("event " + event.id() + " belongs to tenant " + event.tenantId()
                            + ", not to this session's tenant " + state.tenant);
                }
            }
            if (!events.isEmpty()) {
                w.addEvents(events);
            }
        }

        @Override
        public List<StoredEvent> read(long afterPosition, int limit) {
            checkOpen();
            if (afterPosition < 0) {
                throw new IllegalArgumentException("afterPosition must be at least 0, was " + afterPosition);
            }
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1, was " + limit);
            }
            return state.events.read(afterPosition, limit);
        }
    }

    /** The tenant's timers: the committed table with this transaction's writes over it. */
    private final class Timers implements TimerStore {
        @Override
        public Optional<Timer> get(String key) {
            checkOpen();
            Objects.requireNonNull(key, "key");
            if (writes != null && writes.timers != null && writes.timers.containsKey(key)) {
                TimerTable.Row own = writes.timers.get(key);
                return own == null ? Optional.empty() : Optional.of(own.timer());
            }
            TimerTable.Row row = state.timers.committed(state.tenant, key);
            return row == null ? Optional.empty() : Optional.of(row.timer());
        }

        @Override
        public void schedule(Timer timer) {
            WriteSet w = checkWritable();
            checkTenant(timer);
            if (timer.attempts() != 0 || timer.isParked()) {
                throw new IllegalArgumentException("timer " + timer.id() + " is scheduled with attempts "
                        + timer.attempts() + (timer.isParked() ? " and parked" : "") + "; a new timer has neither");
            }
            state.timers.lockIf(state.tenant, timer.key(), w, row -> true);
            w.putTimer(timer.key(), TimerTable.Row.scheduled(timer));
        }

        @Override
        public boolean cancel(String key) {
            WriteSet w = checkWritable();
            Objects.requireNonNull(key, "key");
            boolean exists;
            if (w.timers != null && w.timers.containsKey(key)) {
                exists = w.timers.get(key) != null;
            } else {
                exists = state.timers.lockIf(state.tenant, key, w, row -> true) != null;
            }
            if (exists) {
                w.putTimer(key, null);
            }
            return exists;
        }

        @Override
        public boolean complete(ClaimedTimer claim) {
            return settle(claim, row -> null);
        }

        @Override
        public boolean retry(ClaimedTimer claim, Instant retryAt) {
            Objects.requireNonNull(retryAt, "retryAt");
            return settle(claim, row -> new TimerTable.Row(row.timer(), null, null, retryAt, null));
        }

        @Override
        public boolean park(ClaimedTimer claim, Instant parkedAt) {
            Objects.requireNonNull(parkedAt, "parkedAt");
            return settle(claim, row -> new TimerTable.Row(row.timer().withParkedAt(parkedAt), null, null, null, null));
        }

        /** Locks the committed row if the claim holds it and writes its next state (null: removed). */
        private boolean settle(
                ClaimedTimer claim, java.util.function.Function<TimerTable.Row, TimerTable.@Nullable Row> next) {
            WriteSet w = checkWritable();
            checkTenant(claim.timer());
            String key = claim.timer().key();
            if (w.timers != null && w.timers.containsKey(key)) {
                return false; // written by this transaction, so no longer the claimed row
            }
            TimerTable.Row row = state.timers.lockIf(state.tenant, key, w, r -> r.heldBy(claim));
            if (row == null) {
                return false;
            }
            w.putTimer(key, next.apply(row));
            return true;
        }

        private void checkTenant(Timer timer) {
            if (!timer.tenantId().equals(state.tenant)) {
                throw new IllegalArgumentException("timer " + timer.id() + " belongs to tenant " + timer.tenantId()
                        + ", not to this session's tenant " + state.tenant);
            }
        }
    }
}
