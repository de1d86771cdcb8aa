package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Money;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.PurchaseFacts;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.ThreadSummary;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.spi.ActivityStore;
import dev.rapport.crm.spi.InteractionStore;
import dev.rapport.crm.spi.OrderStore;
import dev.rapport.crm.spi.TimelineRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The activity stores of one session: interactions, orders and reversals, and the timeline, facts
 * and totals over them. A read session reads committed state under the tenant's optimistic stamp;
 * a write session sees committed state with its own write set laid over it (the committed state
 * cannot change meanwhile: the session holds the tenant's writer lock).
 */
final class ActivityStores {
    private static final UUID LOWEST = new UUID(0L, 0L);

    private final Session session;
    private final TenantState state;
    private final @Nullable WriteSet writes;

    ActivityStores(Session session, TenantState state, @Nullable WriteSet writes) {
        this.session = session;
        this.state = state;
        this.writes = writes;
    }

    private ActivityState committed() {
        return state.activity;
    }

    private @Nullable Map<UUID, @Nullable Activity> own() {
        return writes == null ? null : writes.activities;
    }

    /** The activity as this session sees it. */
    private @Nullable Activity current(UUID id) {
        Map<UUID, @Nullable Activity> own = own();
        if (own != null && own.containsKey(id)) {
            return own.get(id);
        }
        return state.readConsistent(() -> committed().byId.get(id));
    }

    private @Nullable UUID holder(String key) {
        if (writes != null && writes.sources != null && writes.sources.containsKey(key)) {
            return writes.sources.get(key);
        }
        return state.readConsistent(() -> committed().sources.get(key));
    }

    private <T extends Activity> Optional<T> get(UUID id, Class<T> type) {
        session.checkOpen();
        Activity a = current(id);
        return type.isInstance(a) ? Optional.of(type.cast(a)) : Optional.empty();
    }

    private <T extends Activity> Optional<T> bySource(ActivityKind kind, SourceRef source, Class<T> type) {
        session.checkOpen();
        String key = ActivityState.sourceKey(kind.name(), Objects.requireNonNull(source, "source"));
        if (own() == null && (writes == null || writes.sources == null)) {
            Activity a = state.readConsistent(() -> {
                UUID id = committed().sources.get(key);
                return id == null ? null : committed().byId.get(id);
            });
            return type.isInstance(a) ? Optional.of(type.cast(a)) : Optional.empty();
        }
        UUID id = holder(key);
        return id == null ? Optional.empty() : get(id, type);
    }

    private <T extends Activity> Optional<T> insertIfAbsent(T activity, long version, Class<T> type) {
        WriteSet w = session.checkWritable();
        UUID id = activity.activityId();
        String what = activity.activityKind().name().toLowerCase(java.util.Locale.ROOT);
        if (version != 1L) {
            throw new IllegalArgumentException("a new " + what + " has version 1, " + id + " has " + version);
        }
        if (current(id) != null) {
            throw new ConflictException(what + " " + id + " already exists");
        }
        SourceRef source = ActivityState.source(activity);
        if (source != null) {
            String key = ActivityState.sourceKey(activity, source);
            UUID holder = holder(key);
            if (holder != null) {
                return Optional.of(type.cast(Objects.requireNonNull(current(holder))));
            }
            w.putSource(key, id);
        }
        w.putActivity(id, activity);
        return Optional.empty();
    }

    private void update(
            Activity before, long beforeVersion, Activity after, long afterVersion, Function<Activity, Long> version) {
        WriteSet w = session.checkWritable();
        UUID id = before.activityId();
        String what = before.activityKind().name().toLowerCase(java.util.Locale.ROOT);
        if (!id.equals(after.activityId()) || before.activityKind() != after.activityKind()) {
            throw new IllegalArgumentException("update cannot change the id or kind of " + what + " " + id);
        }
        if (afterVersion != beforeVersion + 1) {
            throw new IllegalArgumentException(
                    what + " " + id + ": the new version must be " + (beforeVersion + 1) + ", was " + afterVersion);
        }
        if (!Objects.equals(ActivityState.source(before), ActivityState.source(after))) {
            throw new IllegalArgumentException("update cannot change the source of " + what + " " + id);
        }
        Activity stored = current(id);
        if (stored == null) {
            throw new NotFoundException(what, id);
        }
        if (version.apply(stored) != beforeVersion) {
            throw new ConcurrencyException(what, id, beforeVersion);
        }
        w.putActivity(id, after);
    }

    /**
     * Lists an index strictly after a position, filtered, at most {@code limit}: from committed
     * state alone when the session wrote no activity, else merged with its own writes.
     *
     * @param index reads the committed index, or null if it does not exist
     * @param order the index's order
     * @param start the position to continue strictly after, or null for the start
     * @param end true once a position is past the end of the range (nothing after it can match)
     * @param matches whether an activity belongs to the listing; applied to own writes too
     */
    private <T extends Activity> List<T> list(
            java.util.function.Supplier<@Nullable NavigableMap<TimelineKey, ? extends Activity>> index,
            Comparator<TimelineKey> order,
            @Nullable TimelineKey start,
            Predicate<TimelineKey> end,
            Predicate<Activity> matches,
            int limit,
            Class<T> type) {
        session.checkOpen();
        Map<UUID, @Nullable Activity> own = own();
        if (own == null || own.isEmpty()) {
            return state.readConsistent(() -> scan(index.get(), start, end, matches, limit, null, type));
        }
        List<T> merged = new ArrayList<>(scan(index.get(), start, end, matches, limit, own, type));
        for (Activity a : own.values()) {
            if (type.isInstance(a)
                    && matches.test(a)
                    && (start == null || order.compare(a.timelineKey(), start) > 0)
                    && !end.test(a.timelineKey())) {
                merged.add(type.cast(a));
            }
        }
        merged.sort((a, b) -> order.compare(a.timelineKey(), b.timelineKey()));
        return merged.size() <= limit ? merged : new ArrayList<>(merged.subList(0, limit));
    }

    private static <T extends Activity> List<T> scan(
            @Nullable NavigableMap<TimelineKey, ? extends Activity> index,
            @Nullable TimelineKey start,
            Predicate<TimelineKey> end,
            Predicate<Activity> matches,
            int limit,
            @Nullable Map<UUID, ?> skip,
            Class<T> type) {
        List<T> out = new ArrayList<>(Math.min(limit, 64));
        if (index == null) {
            return out;
        }
        NavigableMap<TimelineKey, ? extends Activity> tail = start == null ? index : index.tailMap(start, false);
        for (Map.Entry<TimelineKey, ? extends Activity> e : tail.entrySet()) {
            if (end.test(e.getKey())) {
                break;
            }
            Activity a = e.getValue();
            if ((skip == null || !skip.containsKey(a.activityId())) && type.isInstance(a) && matches.test(a)) {
                out.add(type.cast(a));
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** Every activity of a customer, newest first. */
    private List<Activity> all(CustomerId customer) {
        return list(
                () -> committed().timelines.get(customer),
                TimelineKey.NEWEST_FIRST,
                null,
                k -> false,
                a -> customer.equals(a.customerId()),
                Integer.MAX_VALUE,
                Activity.class);
    }

    final class Interactions implements InteractionStore {
        @Override
        public Optional<Interaction> get(InteractionId id) {
            return ActivityStores.this.get(Objects.requireNonNull(id, "id").value(), Interaction.class);
        }

        @Override
        public Optional<Interaction> findBySource(SourceRef source) {
            return bySource(ActivityKind.INTERACTION, source, Interaction.class);
        }

        @Override
        public Optional<Interaction> insertIfAbsent(Interaction interaction) {
            return ActivityStores.this.insertIfAbsent(interaction, interaction.version(), Interaction.class);
        }

        @Override
        public void update(Interaction before, Interaction after) {
            ActivityStores.this.update(
                    before, before.version(), after, after.version(), a -> ((Interaction) a).version());
        }

        @Override
        public List<Interaction> thread(String threadId, int limit, @Nullable TimelineKey after) {
            Objects.requireNonNull(threadId, "threadId");
            checkLimit(limit);
            return list(
                    () -> committed().threads.get(threadId),
                    TimelineKey.OLDEST_FIRST,
                    after,
                    k -> false,
                    a -> threadId.equals(((Interaction) a).threadId()),
                    limit,
                    Interaction.class);
        }

        @Override
        public List<ThreadSummary> threads(CustomerId customer, int limit, @Nullable TimelineKey before) {
            Objects.requireNonNull(customer, "customer");
            checkLimit(limit);
            // Newest first, so the first interaction met of each thread is its latest.
            Map<String, Interaction> latest = new java.util.LinkedHashMap<>();
            Map<String, long[]> counts = new HashMap<>();
            Map<String, Instant> first = new HashMap<>();
            for (Activity a : all(customer)) {
                if (a instanceof Interaction i && i.threadId() != null) {
                    latest.putIfAbsent(i.threadId(), i);
                    counts.computeIfAbsent(i.threadId(), t -> new long[1])[0]++;
                    first.put(i.threadId(), i.occurredAt());
                }
            }
            List<ThreadSummary> out = new ArrayList<>();
            for (Map.Entry<String, Interaction> e : latest.entrySet()) {
                if (before != null
                        && TimelineKey.NEWEST_FIRST.compare(e.getValue().timelineKey(), before) <= 0) {
                    continue;
                }
                out.add(new ThreadSummary(e.getKey(), counts.get(e.getKey())[0], first.get(e.getKey()), e.getValue()));
                if (out.size() == limit) {
                    break;
                }
            }
            return out;
        }

        @Override
        public List<Interaction> unmatched(int limit, @Nullable TimelineKey before) {
            checkLimit(limit);
            return list(
                    () -> committed().unmatched,
                    TimelineKey.NEWEST_FIRST,
                    before,
                    k -> false,
                    a -> a.customerId() == null,
                    limit,
                    Interaction.class);
        }
    }

    final class Orders implements OrderStore {
        @Override
        public Optional<Order> get(OrderId id) {
            return ActivityStores.this.get(Objects.requireNonNull(id, "id").value(), Order.class);
        }

        @Override
        public Optional<Order> findBySource(SourceRef source) {
            return bySource(ActivityKind.ORDER, source, Order.class);
        }

        @Override
        public Optional<Order> insertIfAbsent(Order order) {
            return ActivityStores.this.insertIfAbsent(order, order.version(), Order.class);
        }

        @Override
        public void update(Order before, Order after) {
            ActivityStores.this.update(before, before.version(), after, after.version(), a -> ((Order) a).version());
        }

        @Override
        public Optional<Reversal> findReversalBySource(SourceRef source) {
            return bySource(ActivityKind.REVERSAL, source, Reversal.class);
        }

        @Override
        public Optional<Reversal> insertReversalIfAbsent(Reversal reversal) {
            return ActivityStores.this.insertIfAbsent(reversal, 1L, Reversal.class);
        }

        @Override
        public List<Reversal> reversals(OrderId order) {
            Objects.requireNonNull(order, "order");
            return list(
                    () -> committed().reversals.get(order),
                    TimelineKey.OLDEST_FIRST,
                    null,
                    k -> false,
                    a -> order.equals(((Reversal) a).orderId()),
                    Integer.MAX_VALUE,
                    Reversal.class);
        }
    }

    final class Activities implements ActivityStore {
        @Override
        public List<Activity> timeline(TimelineRequest request) {
            CustomerId customer = request.customer();
            TimelineKey start = request.before();
            Instant to = request.to();
            if (to != null) {
                // Newest first, (to, lowest id) sorts after every activity at `to`: its tail holds
                // exactly those strictly before it.
                TimelineKey toKey = new TimelineKey(to, LOWEST);
                if (start == null || TimelineKey.NEWEST_FIRST.compare(toKey, start) > 0) {
                    start = toKey;
                }
            }
            Instant from = request.from();
            Predicate<TimelineKey> end =
                    from == null ? k -> false : k -> k.occurredAt().isBefore(from);
            return list(
                    () -> committed().timelines.get(customer),
                    TimelineKey.NEWEST_FIRST,
                    start,
                    end,
                    a -> customer.equals(a.customerId())
                            && request.includes(a.activityKind())
                            && request.includes(a.channel())
                            && request.inRange(a.occurredAt()),
                    request.limit(),
                    Activity.class);
        }

        @Override
        public PurchaseFacts facts(CustomerId customer) {
            Objects.requireNonNull(customer, "customer");
            long orders = 0;
            Set<LocalDate> days = new HashSet<>();
            Instant first = null;
            Instant last = null;
            Map<Currency, BigDecimal> revenue = new HashMap<>();
            Map<Channel, Instant> lastInteraction = new EnumMap<>(Channel.class);
            for (Activity a : all(customer)) {
                if (a instanceof Order o) {
                    revenue.merge(o.currency(), o.netTotal(), BigDecimal::add);
                    if (!o.fullyReversed()) {
                        orders++;
                        days.add(LocalDate.ofInstant(o.occurredAt(), ZoneOffset.UTC));
                        first = first == null || o.occurredAt().isBefore(first) ? o.occurredAt() : first;
                        last = last == null || o.occurredAt().isAfter(last) ? o.occurredAt() : last;
                    }
                } else if (a instanceof Interaction i) {
                    lastInteraction.merge(i.channel(), i.occurredAt(), (x, y) -> x.isAfter(y) ? x : y);
                }
            }
            revenue.replaceAll((currency, amount) -> Money.round(amount, currency));
            return new PurchaseFacts(customer, orders, days.size(), first, last, revenue, lastInteraction);
        }

        @Override
        public List<CurrencyTotals> totals() {
            session.checkOpen();
            Map<UUID, @Nullable Activity> own = own();
            List<Order> orders = new ArrayList<>();
            if (own == null || own.isEmpty()) {
                state.readConsistent(() -> {
                    orders.clear();
                    committed().byId.values().forEach(a -> {
                        if (a instanceof Order o) {
                            orders.add(o);
                        }
                    });
                    return null;
                });
            } else {
                committed().byId.values().forEach(a -> {
                    if (a instanceof Order o && !own.containsKey(o.activityId())) {
                        orders.add(o);
                    }
                });
                own.values().forEach(a -> {
                    if (a instanceof Order o) {
                        orders.add(o);
                    }
                });
            }
            Map<String, BigDecimal> revenue = new TreeMap<>();
            Map<String, Long> purchases = new HashMap<>();
            Map<String, Set<CustomerId>> customers = new HashMap<>();
            for (Order o : orders) {
                String code = o.currency().getCurrencyCode();
                revenue.merge(code, o.netTotal(), BigDecimal::add);
                if (!o.fullyReversed()) {
                    purchases.merge(code, 1L, Long::sum);
                    customers.computeIfAbsent(code, c -> new HashSet<>()).add(o.customerId());
                }
            }
            List<CurrencyTotals> out = new ArrayList<>();
            revenue.forEach((code, amount) -> {
                Currency currency = Currency.getInstance(code);
                out.add(new CurrencyTotals(
                        currency,
                        Money.round(amount, currency),
                        purchases.getOrDefault(code, 0L),
                        customers.getOrDefault(code, Set.of()).size()));
            });
            return out;
        }

        @Override
        public long deleteCustomerActivity(CustomerId customer) {
            WriteSet w = session.checkWritable();
            Objects.requireNonNull(customer, "customer");
            long deleted = 0;
            for (Activity a : all(customer)) {
                SourceRef source = ActivityState.source(a);
                if (source != null) {
                    w.putSource(ActivityState.sourceKey(a, source), null);
                }
                w.putActivity(a.activityId(), null);
                deleted++;
            }
            return deleted;
        }
    }

    private static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }
}
