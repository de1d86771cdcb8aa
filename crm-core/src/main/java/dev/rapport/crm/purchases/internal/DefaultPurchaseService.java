package dev.rapport.crm.purchases.internal;

import dev.rapport.crm.internal.ActivityRules;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.ReversalId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.Money;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.PurchaseFacts;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.ReversedLine;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.event.OrderRecorded;
import dev.rapport.crm.model.event.OrderReversed;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import dev.rapport.crm.purchases.PurchaseService;
import dev.rapport.crm.spi.StorageSession;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The purchase commands and queries of one tenant. */
public final class DefaultPurchaseService implements PurchaseService {
    private static final Logger log = LoggerFactory.getLogger(DefaultPurchaseService.class);

    static final int MAX_LINES = NewOrder.MAX_LINES;

    /**
     * The violation paths of each line field, made once: checking a line must not build five
     * strings that are only needed when it is refused (an import checks hundreds of thousands).
     */
    private static final String[][] LINE_PATHS = new String[MAX_LINES][];

    static {
        for (int i = 0; i < MAX_LINES; i++) {
            String path = "lines[" + i + "]";
            LINE_PATHS[i] = new String[] {
                path, path + ".productCode", path + ".description", path + ".quantity", path + ".unitPrice"
            };
        }
    }

    static final int MAX_PRODUCT_CODE = 64;
    static final int MAX_TEXT = 500;
    static final int MAX_STORE = 200;
    static final int MAX_INTEGER_DIGITS = 18;
    static final int MAX_FRACTION_DIGITS = 12;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final Engine engine;
    private final TenantId tenant;

    /**
     * @param engine the engine
     * @param tenant the tenant every call is scoped to
     */
    public DefaultPurchaseService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
    }

    /** Thrown inside a transaction to roll it back when a concurrent command recorded the same source. */
    public static final class Duplicate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Object holder;

        /** @param holder the record holding the source */
        public Duplicate(Object holder) {
            super(null, null, false, false);
            this.holder = holder;
        }
    }

    /**
     * Checks an amount or quantity and gives it its plainest scale (trailing zeros dropped, never
     * a negative scale), so that every store keeps and returns the same value.
     */
    static @Nullable BigDecimal number(@Nullable BigDecimal n, String path, boolean positive, Violations v) {
        if (n == null) {
            v.add(path, "is required");
            return null;
        }
        if (positive ? n.signum() <= 0 : n.signum() < 0) {
            v.add(path, positive ? "must be positive" : "must not be negative");
            return null;
        }
        BigDecimal plain = n.stripTrailingZeros();
        if (plain.scale() < 0) {
            plain = plain.setScale(0);
        }
        if (plain.scale() > MAX_FRACTION_DIGITS || plain.precision() - plain.scale() > MAX_INTEGER_DIGITS) {
            v.add(
                    path,
                    "at most " + MAX_INTEGER_DIGITS + " digits before and " + MAX_FRACTION_DIGITS + " after the point");
            return null;
        }
        return plain;
    }

    /**
     * An order command after its checks: everything but the customer's existence.
     *
     * @param command the command
     * @param currency the currency
     * @param store the checked store
     * @param occurredAt the checked time, or null for the command's own
     * @param lines the lines with their totals
     * @param total the order total
     * @param source the checked source, if any
     */
    public record PreparedOrder(
            NewOrder command,
            Currency currency,
            @Nullable String store,
            @Nullable Instant occurredAt,
            List<OrderLine> lines,
            BigDecimal total,
            @Nullable SourceRef source) {}

    /**
     * Checks an order command.
     *
     * @param command the command
     * @param v where violations go
     * @return the prepared order, or null if anything was refused
     */
    public static @Nullable PreparedOrder prepare(NewOrder command, Violations v) {
        int before = v.list().size();
        Currency currency = null;
        if (!CURRENCY.matcher(command.currency()).matches()) {
            v.add("currency", "must be an ISO 4217 code of three capital letters");
        } else {
            try {
                currency = Currency.getInstance(command.currency());
            } catch (IllegalArgumentException e) {
                v.add("currency", "is not an ISO 4217 currency code");
            }
        }
        String store = ActivityRules.line(command.store(), "store", MAX_STORE, v);
        SourceRef source = ActivityRules.source(command.source(), "source", v);
        Instant at = command.occurredAt() == null
                ? null
                : ActivityRules.occurredAt(command.occurredAt(), Instant.EPOCH, "occurredAt", v);
        if (command.lines().isEmpty()) {
            v.add("lines", "an order needs at least one line");
        } else if (command.lines().size() > MAX_LINES) {
            v.add("lines", "at most " + MAX_LINES + " lines");
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < command.lines().size() && i < MAX_LINES; i++) {
            NewOrder.Line line = command.lines().get(i);
            String[] paths = LINE_PATHS[i];
            if (line == null) {
                v.add(paths[0], "must not be null");
                continue;
            }
            String code = ActivityRules.line(line.productCode(), paths[1], MAX_PRODUCT_CODE, v);
            if (line.productCode().isBlank()) {
                v.add(paths[1], "must not be blank");
            }
            String description = ActivityRules.line(line.description(), paths[2], MAX_TEXT, v);
            BigDecimal quantity = number(line.quantity(), paths[3], true, v);
            BigDecimal price = number(line.unitPrice(), paths[4], false, v);
            if (code != null && quantity != null && price != null && currency != null) {
                lines.add(new OrderLine(
                        i + 1,
                        code,
                        description,
                        quantity,
                        price,
                        Money.lineTotal(quantity, price, currency),
                        BigDecimal.ZERO));
            }
        }
        if (v.list().size() > before) {
            return null;
        }
        Currency money = Objects.requireNonNull(currency);
        BigDecimal total = Money.zero(money);
        for (OrderLine line : lines) {
            total = total.add(line.total());
        }
        return new PreparedOrder(command, money, store, at, lines, total, source);
    }

    /**
     * Builds the order of a prepared command and emits its event; the caller stores it.
     *
     * @param ctx the command's context
     * @param p the prepared order
     * @return the order, version 1
     */
    public Order build(Engine.Context ctx, PreparedOrder p) {
        Order order = new Order(
                new OrderId(engine.ids().next()),
                1,
                p.command().customer(),
                p.occurredAt() == null ? ctx.now() : p.occurredAt(),
                ctx.now(),
                p.command().channel(),
                p.store(),
                p.currency(),
                p.lines(),
                p.total(),
                Money.zero(p.currency()),
                p.source());
        return order;
    }

    /**
     * Emits the event of an order just stored.
     *
     * @param ctx the command's context
     * @param order the order
     */
    public void recorded(Engine.Context ctx, Order order) {
        ctx.emit(new OrderRecorded(
                ctx.newEventId(), tenant, ctx.now(), order.id(), order.customerId(), order.currency(), order.total()));
        log.debug("tenant {}: recorded order {} for customer {}", tenant, order.id(), order.customerId());
    }

    @Override
    public Order record(NewOrder command) {
        Objects.requireNonNull(command, "command");
        Violations v = new Violations();
        PreparedOrder prepared = prepare(command, v);
        v.throwIfAny();
        PreparedOrder p = Objects.requireNonNull(prepared);
        CustomerId customer = command.customer();
        try {
            return engine.execute(tenant, ctx -> {
                StorageSession s = ctx.session();
                Order order = build(ctx, p);
                // Insert first: a repeated source answers with the first order in the same round
                // trip, and a missing customer rolls the insert back.
                Optional<Order> holder = s.orders().insertIfAbsent(order);
                if (holder.isPresent()) {
                    throw new Duplicate(holder.get());
                }
                if (s.customers().get(customer).isEmpty()) {
                    throw new NotFoundException("customer", customer);
                }
                recorded(ctx, order);
                return order;
            });
        } catch (Duplicate d) {
            return (Order) d.holder;
        }
    }

    /**
     * A reversal command after the checks that need no stored state.
     *
     * @param command the command
     * @param lines the checked lines
     * @param reason the checked reason
     * @param source the checked source
     * @param occurredAt the checked time, or null for the command's own
     */
    public record PreparedReversal(
            NewReversal command,
            List<NewReversal.Line> lines,
            @Nullable String reason,
            @Nullable SourceRef source,
            @Nullable Instant occurredAt) {}

    /**
     * What applying a reversal did.
     *
     * @param reversal the reversal recorded, or the one recorded earlier with the same source
     * @param created false for a repeated source
     */
    public record Applied(Reversal reversal, boolean created) {}

    /**
     * Checks a reversal command.
     *
     * @param command the command
     * @param v where violations go
     * @return the prepared reversal, or null if anything was refused
     */
    public static @Nullable PreparedReversal prepare(NewReversal command, Violations v) {
        int before = v.list().size();
        String reason = ActivityRules.line(command.reason(), "reason", MAX_TEXT, v);
        SourceRef source = ActivityRules.source(command.source(), "source", v);
        Instant at = command.occurredAt() == null
                ? null
                : ActivityRules.occurredAt(command.occurredAt(), Instant.EPOCH, "occurredAt", v);
        if (command.lines().size() > MAX_LINES) {
            v.add("lines", "at most " + MAX_LINES + " lines");
        }
        List<NewReversal.Line> wanted = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        for (int i = 0; i < command.lines().size() && i < MAX_LINES; i++) {
            NewReversal.Line line = command.lines().get(i);
            String path = "lines[" + i + "]";
            if (line == null) {
                v.add(path, "must not be null");
                continue;
            }
            if (line.lineNumber() < 1) {
                v.add(path + ".lineNumber", "must be at least 1");
            } else if (!numbers.add(line.lineNumber())) {
                v.add(path + ".lineNumber", "names a line already named");
            }
            BigDecimal quantity = number(line.quantity(), path + ".quantity", true, v);
            if (quantity != null) {
                wanted.add(new NewReversal.Line(line.lineNumber(), quantity));
            }
        }
        return v.list().size() > before ? null : new PreparedReversal(command, wanted, reason, source, at);
    }

    /**
     * A reversal worked out against its order, before anything is stored.
     *
     * @param reversal the new reversal
     * @param before the order as it was
     * @param after the order with the reversal taken, one version up
     */
    public record Worked(Reversal reversal, Order before, Order after) {}

    /**
     * Applies a prepared reversal in a command's transaction: records it, updates the order and
     * emits the event, or returns the reversal recorded earlier with the same source.
     *
     * @param ctx the command's context
     * @param p the prepared reversal
     * @return what it did
     * @throws NotFoundException if the order does not exist
     * @throws ConflictException if nothing of the order remains
     * @throws dev.rapport.crm.model.ValidationException if a line does not fit the order
     */
    public Applied apply(Engine.Context ctx, PreparedReversal p) {
        StorageSession s = ctx.session();
        SourceRef source = p.source();
        OrderId orderId = p.command().order();
        if (source != null) {
            Optional<Reversal> earlier = s.orders().findReversalBySource(source);
            if (earlier.isPresent()) {
                return new Applied(earlier.get(), false);
            }
        }
        Order before = s.orders().get(orderId).orElseThrow(() -> new NotFoundException("order", orderId));
        Worked w = work(ctx, p, before, () -> s.orders().reversals(orderId));
        Optional<Reversal> holder = s.orders().insertReversalIfAbsent(w.reversal());
        if (holder.isPresent()) {
            throw new Duplicate(holder.get());
        }
        s.orders().update(before, w.after());
        reversed(ctx, w.reversal());
        return new Applied(w.reversal(), true);
    }

    /**
     * Works a prepared reversal out against its order: the reversed lines and amounts, the new
     * reversal and the order after it. Reads nothing itself; stores nothing.
     *
     * @param ctx the command's context
     * @param p the prepared reversal
     * @param before the order it reverses, as it stands
     * @param earlier the order's earlier reversals; asked only when the reversal takes the last
     *     units of a line
     * @return the reversal and the order after it
     * @throws ConflictException if nothing of the order remains
     * @throws dev.rapport.crm.model.ValidationException if a line does not fit the order
     */
    public Worked work(Engine.Context ctx, PreparedReversal p, Order before, Supplier<List<Reversal>> earlier) {
        OrderId orderId = before.id();
        List<ReversedLine> reversed = reversedLines(before, p.lines(), earlier);
        Currency currency = before.currency();
        BigDecimal amount = Money.zero(currency);
        List<OrderLine> lines = new ArrayList<>(before.lines());
        for (ReversedLine r : reversed) {
            amount = amount.add(r.amount());
            lines.set(r.lineNumber() - 1, lines.get(r.lineNumber() - 1).withReversed(r.quantity()));
        }
        Order after = new Order(
                before.id(),
                before.version() + 1,
                before.customerId(),
                before.occurredAt(),
                before.recordedAt(),
                before.channel(),
                before.store(),
                currency,
                lines,
                before.total(),
                before.reversedTotal().add(amount),
                before.source());
        Reversal reversal = new Reversal(
                new ReversalId(engine.ids().next()),
                orderId,
                before.customerId(),
                p.command().kind(),
                p.occurredAt() == null ? ctx.now() : p.occurredAt(),
                ctx.now(),
                before.channel(),
                currency,
                reversed,
                amount,
                p.reason(),
                p.source());
        return new Worked(reversal, before, after);
    }

    /**
     * Emits the event of a reversal just stored.
     *
     * @param ctx the command's context
     * @param reversal the reversal
     */
    public void reversed(Engine.Context ctx, Reversal reversal) {
        ctx.emit(new OrderReversed(
                ctx.newEventId(),
                tenant,
                ctx.now(),
                reversal.id(),
                reversal.orderId(),
                reversal.customerId(),
                reversal.kind(),
                reversal.currency(),
                reversal.amount()));
        log.debug("tenant {}: recorded {} {} of order {}", tenant, reversal.kind(), reversal.id(), reversal.orderId());
    }

    @Override
    public Reversal reverse(NewReversal command) {
        Objects.requireNonNull(command, "command");
        Violations v = new Violations();
        PreparedReversal prepared = prepare(command, v);
        v.throwIfAny();
        PreparedReversal p = Objects.requireNonNull(prepared);
        try {
            return engine.executeRetrying(tenant, ctx -> apply(ctx, p).reversal());
        } catch (Duplicate d) {
            return (Reversal) d.holder;
        }
    }

    /**
     * What a reversal takes from each line: a partial quantity is worth {@code quantity x
     * unitPrice} rounded; the last units of a line are worth what remains of its total after the
     * earlier reversals, so that a wholly reversed line nets to exactly zero.
     */
    private static List<ReversedLine> reversedLines(
            Order order, List<NewReversal.Line> wanted, Supplier<List<Reversal>> earlier) {
        List<NewReversal.Line> lines = wanted;
        if (lines.isEmpty()) {
            lines = new ArrayList<>();
            for (OrderLine line : order.lines()) {
                if (line.remainingQuantity().signum() > 0) {
                    lines.add(new NewReversal.Line(line.number(), line.remainingQuantity()));
                }
            }
            if (lines.isEmpty()) {
                throw new ConflictException("order " + order.id() + " has nothing left to reverse");
            }
        }
        Violations v = new Violations();
        List<ReversedLine> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            NewReversal.Line want = lines.get(i);
            if (want.lineNumber() > order.lines().size()) {
                v.add("lines[" + i + "].lineNumber", "order " + order.id() + " has no line " + want.lineNumber());
                continue;
            }
            OrderLine line = order.lines().get(want.lineNumber() - 1);
            int cmp = want.quantity().compareTo(line.remainingQuantity());
            if (cmp > 0) {
                v.add(
                        "lines[" + i + "].quantity",
                        "only " + line.remainingQuantity().toPlainString() + " of line " + line.number() + " remain");
                continue;
            }
            BigDecimal amount;
            if (cmp == 0) {
                BigDecimal taken = BigDecimal.ZERO;
                for (Reversal r : earlier.get()) {
                    for (ReversedLine rl : r.lines()) {
                        if (rl.lineNumber() == line.number()) {
                            taken = taken.add(rl.amount());
                        }
                    }
                }
                amount = Money.round(line.total().subtract(taken), order.currency());
            } else {
                amount = Money.lineTotal(want.quantity(), line.unitPrice(), order.currency());
            }
            out.add(new ReversedLine(line.number(), want.quantity(), amount));
        }
        v.throwIfAny();
        return out;
    }

    @Override
    public Order get(OrderId id) {
        return find(id).orElseThrow(() -> new NotFoundException("order", id));
    }

    @Override
    public Optional<Order> find(OrderId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(tenant, s -> s.orders().get(id));
    }

    @Override
    public Optional<Order> findBySource(SourceRef source) {
        SourceRef checked = checked(source);
        return engine.read(tenant, s -> s.orders().findBySource(checked));
    }

    @Override
    public Optional<Reversal> findReversalBySource(SourceRef source) {
        SourceRef checked = checked(source);
        return engine.read(tenant, s -> s.orders().findReversalBySource(checked));
    }

    @Override
    public Map<SourceRef, Reversal> findReversalsBySources(Collection<SourceRef> sources) {
        Objects.requireNonNull(sources, "sources");
        Map<SourceRef, SourceRef> checked = new LinkedHashMap<>();
        for (SourceRef source : sources) {
            checked.put(source, checked(source));
        }
        if (checked.isEmpty()) {
            return Map.of();
        }
        Map<String, Reversal> found =
                engine.read(tenant, s -> s.orders().findReversalsBySources(new LinkedHashSet<>(checked.values())));
        Map<SourceRef, Reversal> out = new LinkedHashMap<>();
        checked.forEach((given, ref) -> {
            Reversal r = found.get(ref.key());
            if (r != null) {
                out.put(given, r);
            }
        });
        return out;
    }

    private static SourceRef checked(SourceRef source) {
        Objects.requireNonNull(source, "source");
        Violations v = new Violations();
        SourceRef checked = ActivityRules.source(source, "source", v);
        v.throwIfAny();
        return Objects.requireNonNull(checked);
    }

    @Override
    public List<Reversal> reversals(OrderId order) {
        Objects.requireNonNull(order, "order");
        return engine.read(tenant, s -> s.orders().reversals(order));
    }

    @Override
    public PurchaseFacts facts(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return engine.read(tenant, s -> {
            if (s.customers().get(customer).isEmpty()) {
                throw new NotFoundException("customer", customer);
            }
            return s.activity().facts(customer);
        });
    }

    @Override
    public List<CurrencyTotals> totals() {
        return engine.read(tenant, s -> s.activity().totals());
    }
}
