package dev.rapport.crm.bulk.internal;

import dev.rapport.crm.bulk.BatchItem;
import dev.rapport.crm.bulk.BatchOutcome;
import dev.rapport.crm.bulk.BatchResult;
import dev.rapport.crm.bulk.BulkService;
import dev.rapport.crm.bulk.ExistingAttributes;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.customers.internal.DefaultCustomerService;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.interactions.internal.DefaultInteractionService;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import dev.rapport.crm.purchases.internal.DefaultPurchaseService;
import dev.rapport.crm.purchases.internal.DefaultPurchaseService.PreparedOrder;
import dev.rapport.crm.purchases.internal.DefaultPurchaseService.PreparedReversal;
import dev.rapport.crm.spi.OrderStore;
import dev.rapport.crm.spi.StorageSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The bulk writes of one tenant. */
public final class DefaultBulkService implements BulkService {
    private static final Logger log = LoggerFactory.getLogger(DefaultBulkService.class);

    private final Engine engine;
    private final TenantId tenant;
    private final DefaultCustomerService customers;
    private final DefaultInteractionService interactions;
    private final DefaultPurchaseService purchases;

    /**
     * @param engine the engine
     * @param tenant the tenant every call is scoped to
     */
    public DefaultBulkService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
        this.customers = new DefaultCustomerService(engine, tenant);
        this.interactions = new DefaultInteractionService(engine, tenant);
        this.purchases = new DefaultPurchaseService(engine, tenant);
    }

    private static void checkBatch(@Nullable List<?> commands) {
        if (commands == null || commands.isEmpty() || commands.size() > MAX_BATCH) {
            throw ValidationException.of("commands", "a batch holds 1 to " + MAX_BATCH + " items");
        }
    }

    /** The results of a batch being built: one slot per item. */
    private static final class Results<T> {
        private final List<@Nullable BatchItem<T>> items;

        Results(int size) {
            items = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                items.add(null);
            }
        }

        boolean done(int i) {
            return items.get(i) != null;
        }

        void set(int i, BatchOutcome outcome, @Nullable T value) {
            items.set(i, new BatchItem<>(i, outcome, value, List.of()));
        }

        void reject(int i, List<Violation> problems) {
            items.set(i, new BatchItem<>(i, BatchOutcome.REJECTED, null, problems));
        }

        void reject(int i, String path, String reason) {
            reject(i, List.of(new Violation(path, reason)));
        }

        /** @return the value given to an item set before */
        T value(int i) {
            return Objects.requireNonNull(Objects.requireNonNull(items.get(i)).value());
        }

        BatchResult<T> result() {
            List<BatchItem<T>> out = new ArrayList<>(items.size());
            for (BatchItem<T> item : items) {
                out.add(Objects.requireNonNull(item, "an item was left without a result"));
            }
            return new BatchResult<>(out);
        }
    }

    @Override
    public BatchResult<Customer> upsertCustomers(List<NewCustomer> commands, ExistingAttributes matched) {
        Objects.requireNonNull(matched, "matched");
        checkBatch(commands);
        int n = commands.size();
        List<DefaultCustomerService.@Nullable Prepared> prepared = new ArrayList<>(n);
        List<List<Violation>> refused = new ArrayList<>(n);
        for (NewCustomer command : commands) {
            Violations v = new Violations();
            DefaultCustomerService.Prepared p = null;
            if (command == null) {
                v.add("command", "must not be null");
            } else {
                p = customers.prepare(command, v);
                if (p.identities().isEmpty() && command.identities().isEmpty()) {
                    v.add("identities", "a bulk upsert matches on the first identity: give at least one");
                }
            }
            prepared.add(v.isEmpty() ? p : null);
            refused.add(v.list());
        }
        return engine.execute(tenant, ctx -> {
            StorageSession s = ctx.session();
            Results<Customer> results = new Results<>(n);
            Map<String, AttributeDefinition> defs = DefaultCustomerService.definitions(s);
            Set<Identity> identities = new LinkedHashSet<>();
            for (DefaultCustomerService.Prepared p : prepared) {
                if (p != null) {
                    identities.addAll(p.identities());
                }
            }
            // Identity key to its holder as this batch leaves it.
            Map<String, Customer> holders = new HashMap<>(s.customers().findByIdentities(identities));
            Map<CustomerId, Customer> created = new LinkedHashMap<>();
            List<Integer> createdBy = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                DefaultCustomerService.Prepared p = prepared.get(i);
                if (p == null) {
                    results.reject(i, refused.get(i));
                    continue;
                }
                Customer existing = holders.get(p.identities().get(0).key());
                Violations av = new Violations();
                if (existing != null) {
                    Map<String, AttributeValue> values = DefaultCustomerService.attributes(defs, p.rawAttributes(), av);
                    if (!av.isEmpty()) {
                        results.reject(i, av.list());
                        continue;
                    }
                    Map<String, AttributeValue> merged = new TreeMap<>(existing.attributes());
                    if (matched == ExistingAttributes.KEEP) {
                        values.forEach(merged::putIfAbsent);
                    } else {
                        merged.putAll(values);
                    }
                    if (merged.equals(existing.attributes())) {
                        results.set(i, BatchOutcome.UNCHANGED, existing);
                        continue;
                    }
                    boolean pending = created.containsKey(existing.id());
                    Customer after = withAttributes(
                            existing, merged, pending ? existing.version() : existing.version() + 1, ctx);
                    if (pending) {
                        created.put(after.id(), after);
                    } else {
                        s.customers().update(existing, after);
                        ctx.emit(new CustomerUpdated(
                                ctx.newEventId(),
                                tenant,
                                ctx.now(),
                                after.id(),
                                after.version(),
                                List.of("attributes")));
                    }
                    for (Identity identity : after.identities()) {
                        holders.put(identity.key(), after);
                    }
                    results.set(i, BatchOutcome.UPDATED, after);
                    continue;
                }
                for (int j = 1; j < p.identities().size(); j++) {
                    if (holders.containsKey(p.identities().get(j).key())) {
                        av.add("identities[" + j + "]", "is held by another customer");
                    }
                }
                Customer customer = customers.build(ctx, p, defs, av);
                if (!av.isEmpty()) {
                    results.reject(i, av.list());
                    continue;
                }
                created.put(customer.id(), customer);
                createdBy.add(i);
                for (Identity identity : customer.identities()) {
                    holders.put(identity.key(), customer);
                }
                results.set(i, BatchOutcome.CREATED, customer);
            }
            List<Customer> inserts = new ArrayList<>(created.values());
            s.customers().insertAll(inserts);
            for (Customer c : inserts) {
                ctx.emit(new CustomerCreated(ctx.newEventId(), tenant, ctx.now(), c.id(), c.version()));
            }
            // A customer created and then updated in this batch is reported with its final state.
            for (int i : createdBy) {
                BatchItem<Customer> item = results.items.get(i);
                Customer last = created.get(Objects.requireNonNull(item).value().id());
                results.set(i, BatchOutcome.CREATED, last);
            }
            log.debug("tenant {}: bulk upsert of {} customers, {} created", tenant, n, inserts.size());
            return results.result();
        });
    }

    private static List<Violation> unknownCustomer(@Nullable CustomerId customer) {
        return List.of(new Violation("customer", "no customer " + customer + " in this tenant"));
    }

    /**
     * Items refused before anything is inserted (unknown customer, bad attributes) that carry a
     * source: a stored source answers {@link BatchOutcome#DUPLICATE} before anything else is said
     * of an item, as the single commands do, so these are settled by one look-up of their sources,
     * made before the batch's inserts.
     */
    private static final class Strangers<T> {
        private final Map<Integer, SourceRef> sources = new LinkedHashMap<>();
        private final Map<Integer, List<Violation>> reasons = new HashMap<>();

        /** Rejects the item now if it has no source, else once its source is known not to be taken. */
        void refuse(Results<T> results, int i, @Nullable SourceRef source, List<Violation> problems) {
            if (source == null) {
                results.reject(i, problems);
            } else {
                sources.put(i, source);
                reasons.put(i, problems);
            }
        }

        void settle(Results<T> results, Function<Set<SourceRef>, Map<String, T>> findBySources) {
            if (sources.isEmpty()) {
                return;
            }
            Map<String, T> held = findBySources.apply(new LinkedHashSet<>(sources.values()));
            sources.forEach((i, source) -> {
                T holder = held.get(source.key());
                if (holder != null) {
                    results.set(i, BatchOutcome.DUPLICATE, holder);
                } else {
                    results.reject(i, reasons.get(i));
                }
            });
        }
    }

    private static Customer withAttributes(
            Customer c, Map<String, AttributeValue> attributes, long version, Engine.Context ctx) {
        return new Customer(
                c.id(),
                version,
                c.createdAt(),
                version == 1 ? c.updatedAt() : ctx.now(),
                c.displayName(),
                c.givenName(),
                c.familyName(),
                c.identities(),
                c.preferences(),
                c.stage(),
                c.tags(),
                attributes);
    }

    @Override
    public BatchResult<Order> recordOrders(List<NewOrder> commands) {
        checkBatch(commands);
        int n = commands.size();
        List<@Nullable PreparedOrder> prepared = new ArrayList<>(n);
        List<List<Violation>> refused = new ArrayList<>(n);
        for (NewOrder command : commands) {
            Violations v = new Violations();
            PreparedOrder p = null;
            if (command == null) {
                v.add("command", "must not be null");
            } else {
                p = DefaultPurchaseService.prepare(command, v);
            }
            prepared.add(p);
            refused.add(v.list());
        }
        return engine.execute(tenant, ctx -> {
            StorageSession s = ctx.session();
            Results<Order> results = new Results<>(n);
            Set<CustomerId> buyers = new LinkedHashSet<>();
            for (PreparedOrder p : prepared) {
                if (p != null) {
                    buyers.add(p.command().customer());
                }
            }
            Set<CustomerId> known = s.customers().existing(buyers);
            // As the single command does, the orders are inserted unless their source is taken,
            // and the store answers with the holders: no look-up first (a first import's sources
            // are all new). Only an unknown customer's order looks its source up, as a repeated
            // source answers with the first order whoever the customer is.
            Map<String, Integer> firstBySource = new HashMap<>();
            Map<Integer, Integer> repeats = new LinkedHashMap<>();
            Strangers<Order> strangers = new Strangers<>();
            List<Order> inserts = new ArrayList<>();
            // By id: an order's own hash code would hash all its lines.
            Map<OrderId, Integer> index = new HashMap<>();
            for (int i = 0; i < n; i++) {
                PreparedOrder p = prepared.get(i);
                if (p == null) {
                    results.reject(i, refused.get(i));
                    continue;
                }
                SourceRef source = p.source();
                Integer first = source == null ? null : firstBySource.get(source.key());
                if (first != null) {
                    repeats.put(i, first);
                    continue;
                }
                if (!known.contains(p.command().customer())) {
                    strangers.refuse(
                            results, i, source, unknownCustomer(p.command().customer()));
                    continue;
                }
                Order order = purchases.build(ctx, p);
                inserts.add(order);
                index.put(order.id(), i);
                if (source != null) {
                    firstBySource.put(source.key(), i);
                }
                results.set(i, BatchOutcome.CREATED, order);
            }
            // Before this batch's inserts: what the store held before it.
            strangers.settle(results, sources -> s.orders().findBySources(sources));
            Map<String, Order> raced = inserts.isEmpty() ? Map.of() : s.orders().insertAllIfAbsent(inserts);
            for (Order order : inserts) {
                Order holder =
                        order.source() == null ? null : raced.get(order.source().key());
                if (holder != null) {
                    results.set(index.get(order.id()), BatchOutcome.DUPLICATE, holder);
                } else {
                    purchases.recorded(ctx, order);
                }
            }
            // A repeat within the batch answers with what its first occurrence became.
            repeats.forEach((i, first) -> results.set(i, BatchOutcome.DUPLICATE, results.value(first)));
            return results.result();
        });
    }

    @Override
    public BatchResult<Interaction> recordInteractions(List<NewInteraction> commands) {
        checkBatch(commands);
        int n = commands.size();
        List<DefaultInteractionService.@Nullable Checked> prepared = new ArrayList<>(n);
        List<List<Violation>> refused = new ArrayList<>(n);
        for (NewInteraction command : commands) {
            Violations v = new Violations();
            DefaultInteractionService.Checked c = null;
            if (command == null) {
                v.add("command", "must not be null");
            } else {
                c = interactions.check(command, "", v);
                if (command.customer() == null) {
                    v.add("customer", "is required");
                }
            }
            prepared.add(v.isEmpty() ? c : null);
            refused.add(v.list());
        }
        return engine.execute(tenant, ctx -> {
            StorageSession s = ctx.session();
            Results<Interaction> results = new Results<>(n);
            Set<CustomerId> people = new LinkedHashSet<>();
            for (DefaultInteractionService.Checked c : prepared) {
                if (c != null) {
                    people.add(Objects.requireNonNull(c.command().customer()));
                }
            }
            Set<CustomerId> known = s.customers().existing(people);
            // Inserted unless their source is taken, with no look-up first, as recordOrders does.
            Map<String, Integer> firstBySource = new HashMap<>();
            Map<Integer, Integer> repeats = new LinkedHashMap<>();
            // Items refused here (unknown customer, attributes) whose source may be taken: a
            // repeated source answers DUPLICATE before anything else is said of it.
            Strangers<Interaction> strangers = new Strangers<>();
            List<Interaction> inserts = new ArrayList<>();
            Map<InteractionId, Integer> index = new HashMap<>();
            Map<String, AttributeDefinition> defs = null;
            for (int i = 0; i < n; i++) {
                DefaultInteractionService.Checked c = prepared.get(i);
                if (c == null) {
                    results.reject(i, refused.get(i));
                    continue;
                }
                SourceRef source = c.source();
                Integer first = source == null ? null : firstBySource.get(source.key());
                if (first != null) {
                    repeats.put(i, first);
                    continue;
                }
                CustomerId customer = Objects.requireNonNull(c.command().customer());
                if (!known.contains(customer)) {
                    strangers.refuse(results, i, source, unknownCustomer(customer));
                    continue;
                }
                Map<String, AttributeValue> attributes = Map.of();
                if (!c.command().attributes().isEmpty()) {
                    // The definitions are read once per batch, not once per item.
                    if (defs == null) {
                        defs = DefaultCustomerService.definitions(s);
                    }
                    Violations av = new Violations();
                    attributes =
                            DefaultCustomerService.attributes(defs, c.command().attributes(), av);
                    if (!av.isEmpty()) {
                        strangers.refuse(results, i, source, av.list());
                        continue;
                    }
                }
                InteractionId id = new InteractionId(engine.ids().next());
                Interaction interaction = interactions.build(ctx, c, customer, c.threadId(), attributes, id);
                inserts.add(interaction);
                index.put(id, i);
                if (source != null) {
                    firstBySource.put(source.key(), i);
                }
                results.set(i, BatchOutcome.CREATED, interaction);
            }
            // Before this batch's inserts: what the store held before it.
            strangers.settle(results, sources -> s.interactions().findBySources(sources));
            Map<String, Interaction> raced =
                    inserts.isEmpty() ? Map.of() : s.interactions().insertAllIfAbsent(inserts);
            for (Interaction interaction : inserts) {
                Interaction holder = interaction.source() == null
                        ? null
                        : raced.get(interaction.source().key());
                if (holder != null) {
                    results.set(index.get(interaction.id()), BatchOutcome.DUPLICATE, holder);
                } else {
                    interactions.recorded(ctx, interaction);
                }
            }
            repeats.forEach((i, first) -> results.set(i, BatchOutcome.DUPLICATE, results.value(first)));
            return results.result();
        });
    }

    @Override
    public BatchResult<Reversal> reverseOrders(List<NewReversal> commands) {
        checkBatch(commands);
        int n = commands.size();
        List<@Nullable PreparedReversal> prepared = new ArrayList<>(n);
        List<List<Violation>> refused = new ArrayList<>(n);
        for (NewReversal command : commands) {
            Violations v = new Violations();
            PreparedReversal p = null;
            if (command == null) {
                v.add("command", "must not be null");
            } else {
                p = DefaultPurchaseService.prepare(command, v);
            }
            prepared.add(p);
            refused.add(v.list());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.executeRetrying(tenant, ctx -> reverse(ctx, prepared, refused));
            } catch (DefaultPurchaseService.Duplicate e) {
                // A concurrent command recorded one of the sources first: run the batch again.
                if (attempt >= 3) {
                    throw new ConflictException("reversal sources keep being recorded concurrently");
                }
            }
        }
    }

    /**
     * The reversals of a batch, in one transaction, with the outcome of applying each in order as
     * {@link DefaultPurchaseService#apply} does: what the batch needs is read up front (the
     * reversals already holding its sources, its orders, and the orders' earlier reversals only if
     * an item takes the last units of a line), each item is worked out against its order as the
     * items before it left it, and then the new reversals are inserted and each order written once.
     */
    private BatchResult<Reversal> reverse(
            Engine.Context ctx, List<@Nullable PreparedReversal> prepared, List<List<Violation>> refused) {
        OrderStore store = ctx.session().orders();
        int n = prepared.size();
        Results<Reversal> results = new Results<>(n);
        Set<SourceRef> sources = new LinkedHashSet<>();
        for (PreparedReversal p : prepared) {
            if (p != null && p.source() != null) {
                sources.add(p.source());
            }
        }
        // Source key to the reversal holding it, as this batch leaves it.
        Map<String, Reversal> recorded =
                new HashMap<>(sources.isEmpty() ? Map.of() : store.findReversalsBySources(sources));
        Set<OrderId> wanted = new LinkedHashSet<>();
        for (PreparedReversal p : prepared) {
            if (p != null
                    && (p.source() == null || !recorded.containsKey(p.source().key()))) {
                wanted.add(p.command().order());
            }
        }
        // Each order as the items so far leave it, and the reversals this batch adds to it.
        Map<OrderId, Order> orders = new HashMap<>(wanted.isEmpty() ? Map.of() : store.getAll(wanted));
        Map<OrderId, List<Reversal>> added = new HashMap<>();
        Map<OrderId, List<Reversal>> stored = new HashMap<>();
        boolean[] storedRead = {false};
        List<Order> before = new ArrayList<>();
        List<Order> after = new ArrayList<>();
        List<Reversal> inserts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PreparedReversal p = prepared.get(i);
            if (p == null) {
                results.reject(i, refused.get(i));
                continue;
            }
            SourceRef source = p.source();
            Reversal earlier = source == null ? null : recorded.get(source.key());
            if (earlier != null) {
                results.set(i, BatchOutcome.DUPLICATE, earlier);
                continue;
            }
            OrderId orderId = p.command().order();
            Order order = orders.get(orderId);
            if (order == null) {
                results.reject(i, "order", "no order " + orderId + " in this tenant");
                continue;
            }
            DefaultPurchaseService.Worked w;
            try {
                w = purchases.work(ctx, p, order, () -> {
                    if (!storedRead[0]) {
                        // One read for every order of the batch, the first time one is needed.
                        stored.putAll(store.reversalsOf(orders.keySet()));
                        storedRead[0] = true;
                    }
                    List<Reversal> all = new ArrayList<>(stored.getOrDefault(orderId, List.of()));
                    all.addAll(added.getOrDefault(orderId, List.of()));
                    return all;
                });
            } catch (ValidationException e) {
                results.reject(i, e.violations());
                continue;
            } catch (ConflictException e) {
                results.reject(i, "order", "nothing of order " + orderId + " remains to reverse");
                continue;
            }
            orders.put(orderId, w.after());
            added.computeIfAbsent(orderId, k -> new ArrayList<>()).add(w.reversal());
            before.add(w.before());
            after.add(w.after());
            inserts.add(w.reversal());
            if (source != null) {
                recorded.put(source.key(), w.reversal());
            }
            purchases.reversed(ctx, w.reversal());
            results.set(i, BatchOutcome.CREATED, w.reversal());
        }
        if (!inserts.isEmpty()) {
            Map<String, Reversal> raced = store.insertAllReversalsIfAbsent(inserts);
            if (!raced.isEmpty()) {
                // As the single command does: roll back, and the batch runs again.
                throw new DefaultPurchaseService.Duplicate(
                        raced.values().iterator().next());
            }
            store.updateAll(before, after);
        }
        return results.result();
    }
}
