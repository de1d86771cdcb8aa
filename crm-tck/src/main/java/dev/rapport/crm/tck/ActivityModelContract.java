package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.PurchaseFacts;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.timeline.TimelineQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Model-based tests of customer activity: random sequences that interleave interactions, orders,
 * cancellations, returns, repeated sources and customer deletes, run against the adapter and a
 * plain reference model. After every step each living customer's timeline (ids in order), purchase
 * facts and the tenant's totals must equal what the model recounts. Amounts are whole pennies
 * times whole quantities, so the model needs no rounding rule of its own. System properties as
 * for {@link ModelBasedContract}: {@code rapport.tck.seed}, {@code rapport.tck.activity.seeds}
 * (default 12), {@code rapport.tck.activity.steps} (default 40).
 *
 * @since 0.2
 */
public abstract class ActivityModelContract extends ContractSupport {
    private static final Instant BASE = Instant.parse("2026-05-01T00:00:00Z");
    private static final Channel[] CHANNELS = {Channel.EMAIL, Channel.SMS, Channel.WEB};
    private static final String[] CURRENCIES = {"GBP", "EUR"};

    /** One command, naming its targets by index so that any subsequence is valid. */
    sealed interface Step permits NewCustomerStep, DeleteStep, InteractionStep, OrderStep, ReverseStep {}

    record NewCustomerStep() implements Step {}

    record DeleteStep(int customer) implements Step {}

    record InteractionStep(int customer, int channel, int minute, int source) implements Step {}

    record OrderStep(int customer, int currency, int quantity, int pennies, int minute, int source) implements Step {}

    record ReverseStep(int order, boolean whole, int minute) implements Step {}

    static Step draw(SplittableRandom r) {
        int pick = r.nextInt(20);
        int source = r.nextInt(3) == 0 ? r.nextInt(4) : -1;
        if (pick < 3) {
            return new NewCustomerStep();
        }
        if (pick < 4) {
            return new DeleteStep(r.nextInt(5));
        }
        if (pick < 10) {
            return new InteractionStep(r.nextInt(5), r.nextInt(CHANNELS.length), r.nextInt(60 * 24 * 3), source);
        }
        if (pick < 16) {
            return new OrderStep(
                    r.nextInt(5), r.nextInt(2), 1 + r.nextInt(4), r.nextInt(2000), r.nextInt(60 * 24 * 3), source);
        }
        return new ReverseStep(r.nextInt(8), r.nextBoolean(), r.nextInt(60 * 24 * 3));
    }

    /** What the model knows of one activity. */
    private static final class Item {
        final UUID id;
        final CustomerId customer;
        final Instant at;
        final Channel channel;
        final boolean order;
        final String currency;
        final long pennies;
        final int quantity;
        int reversed;

        Item(
                UUID id,
                CustomerId customer,
                Instant at,
                Channel channel,
                boolean order,
                String currency,
                long pennies,
                int quantity) {
            this.id = id;
            this.customer = customer;
            this.at = at;
            this.channel = channel;
            this.order = order;
            this.currency = currency;
            this.pennies = pennies;
            this.quantity = quantity;
        }
    }

    private final class Trial implements ModelBasedRunner.Trial<Step> {
        private final CrmStorage storage;
        private final Consumer<CrmStorage> release;
        private final Crm view;
        private final List<CustomerId> customers = new ArrayList<>();
        private final Set<CustomerId> deleted = new HashSet<>();
        private final Map<UUID, Item> items = new HashMap<>();
        private final List<UUID> orders = new ArrayList<>();
        private final Map<String, UUID> sources = new HashMap<>();

        Trial(CrmStorage storage, Consumer<CrmStorage> release) {
            this.storage = storage;
            this.release = release;
            this.view = builder(storage).build().forTenant(newTenant());
        }

        private CustomerId customer(int k) {
            return customers.isEmpty() ? null : customers.get(k % customers.size());
        }

        @Override
        public void apply(Step step) {
            if (step instanceof NewCustomerStep) {
                customers.add(view.customers()
                        .create(NewCustomer.named("C" + customers.size()))
                        .id());
            } else if (step instanceof DeleteStep d) {
                CustomerId c = customer(d.customer());
                if (c != null && !deleted.contains(c)) {
                    view.customers().delete(c);
                    deleted.add(c);
                    items.values().removeIf(i -> i.customer.equals(c));
                    orders.removeIf(o -> !items.containsKey(o));
                    sources.values().removeIf(id -> !items.containsKey(id));
                }
            } else if (step instanceof InteractionStep s) {
                interaction(s);
            } else if (step instanceof OrderStep s) {
                order(s);
            } else if (step instanceof ReverseStep s) {
                reverse(s);
            }
            compare();
        }

        private void interaction(InteractionStep s) {
            CustomerId c = customer(s.customer());
            if (c == null) {
                return;
            }
            Instant at = BASE.plusSeconds(s.minute() * 60L);
            NewInteraction.Builder b = NewInteraction.on(CHANNELS[s.channel()], Direction.INBOUND)
                    .customer(c)
                    .occurredAt(at);
            String key = s.source() < 0 ? null : "i" + s.source();
            if (key != null) {
                b.source("test", key);
            }
            if (deleted.contains(c) && (key == null || !sources.containsKey(key))) {
                thrown(NotFoundException.class, () -> view.interactions().record(b.build()));
                return;
            }
            UUID id = view.interactions().record(b.build()).activityId();
            if (key != null && sources.containsKey(key)) {
                assertThat(id)
                        .as("a repeated source returns the first interaction")
                        .isEqualTo(sources.get(key));
                return;
            }
            items.put(id, new Item(id, c, at, CHANNELS[s.channel()], false, "", 0, 0));
            if (key != null) {
                sources.put(key, id);
            }
        }

        private void order(OrderStep s) {
            CustomerId c = customer(s.customer());
            if (c == null) {
                return;
            }
            Instant at = BASE.plusSeconds(s.minute() * 60L);
            String currency = CURRENCIES[s.currency()];
            BigDecimal price = BigDecimal.valueOf(s.pennies(), 2);
            NewOrder.Builder b =
                    NewOrder.of(c, currency).occurredAt(at).line("P", null, BigDecimal.valueOf(s.quantity()), price);
            String key = s.source() < 0 ? null : "o" + s.source();
            if (key != null) {
                b.source("test", key);
            }
            if (deleted.contains(c) && (key == null || !sources.containsKey(key))) {
                thrown(NotFoundException.class, () -> view.purchases().record(b.build()));
                return;
            }
            UUID id = view.purchases().record(b.build()).activityId();
            if (key != null && sources.containsKey(key)) {
                assertThat(id).as("a repeated source returns the first order").isEqualTo(sources.get(key));
                return;
            }
            items.put(id, new Item(id, c, at, Channel.WEB, true, currency, s.pennies(), s.quantity()));
            orders.add(id);
            if (key != null) {
                sources.put(key, id);
            }
        }

        private void reverse(ReverseStep s) {
            if (orders.isEmpty()) {
                return;
            }
            Item o = items.get(orders.get(s.order() % orders.size()));
            int remaining = o.quantity - o.reversed;
            NewReversal.Builder b = NewReversal.of(
                            s.whole() ? ReversalKind.CANCELLATION : ReversalKind.RETURN,
                            dev.rapport.crm.model.OrderId.of(o.id))
                    .occurredAt(BASE.plusSeconds(s.minute() * 60L));
            if (!s.whole()) {
                b.line(1, BigDecimal.ONE);
            }
            if (remaining == 0) {
                if (s.whole()) {
                    thrown(ConflictException.class, () -> view.purchases().reverse(b.build()));
                } else {
                    thrown(dev.rapport.crm.model.ValidationException.class, () -> view.purchases()
                            .reverse(b.build()));
                }
                return;
            }
            int units = s.whole() ? remaining : 1;
            UUID id = view.purchases().reverse(b.build()).activityId();
            o.reversed += units;
            items.put(
                    id,
                    new Item(
                            id,
                            o.customer,
                            BASE.plusSeconds(s.minute() * 60L),
                            o.channel,
                            false,
                            o.currency,
                            -1,
                            units));
        }

        private void compare() {
            Map<String, long[]> totals = new TreeMap<>();
            Map<String, Set<CustomerId>> buyers = new HashMap<>();
            for (CustomerId c : customers) {
                if (deleted.contains(c)) {
                    continue;
                }
                List<Item> mine = items.values().stream()
                        .filter(i -> i.customer.equals(c))
                        .toList();
                List<UUID> expected = mine.stream()
                        .sorted((a, b) -> TimelineKey.NEWEST_FIRST.compare(
                                new TimelineKey(a.at, a.id), new TimelineKey(b.at, b.id)))
                        .map(i -> i.id)
                        .toList();
                List<UUID> actual = new ArrayList<>();
                TimelineQuery q = TimelineQuery.of(c).limit(7);
                while (true) {
                    var page = view.timeline().list(q);
                    page.items().forEach(a -> actual.add(a.activityId()));
                    if (!page.hasNext()) {
                        break;
                    }
                    q = q.after(page.nextCursor());
                }
                assertThat(actual).as("timeline of %s", c).isEqualTo(expected);
                long count = 0;
                Set<LocalDate> days = new HashSet<>();
                Instant first = null;
                Instant last = null;
                Map<Currency, BigDecimal> revenue = new HashMap<>();
                Map<Channel, Instant> lastContact = new EnumMap<>(Channel.class);
                for (Item i : mine) {
                    if (i.order) {
                        long net = i.pennies * (i.quantity - i.reversed);
                        revenue.merge(Currency.getInstance(i.currency), BigDecimal.valueOf(net, 2), BigDecimal::add);
                        totals.computeIfAbsent(i.currency, k -> new long[2])[0] += net;
                        if (i.reversed < i.quantity) {
                            count++;
                            totals.get(i.currency)[1]++;
                            buyers.computeIfAbsent(i.currency, k -> new HashSet<>())
                                    .add(c);
                            days.add(LocalDate.ofInstant(i.at, ZoneOffset.UTC));
                            first = first == null || i.at.isBefore(first) ? i.at : first;
                            last = last == null || i.at.isAfter(last) ? i.at : last;
                        }
                    } else if (i.pennies == 0) {
                        lastContact.merge(i.channel, i.at, (x, y) -> x.isAfter(y) ? x : y);
                    }
                }
                assertThat(view.purchases().facts(c))
                        .as("facts of %s", c)
                        .isEqualTo(new PurchaseFacts(c, count, days.size(), first, last, revenue, lastContact));
            }
            List<CurrencyTotals> expectedTotals = new ArrayList<>();
            totals.forEach((code, t) -> expectedTotals.add(new CurrencyTotals(
                    Currency.getInstance(code),
                    BigDecimal.valueOf(t[0], 2),
                    t[1],
                    buyers.getOrDefault(code, Set.of()).size())));
            assertThat(view.purchases().totals()).as("totals").isEqualTo(expectedTotals);
        }

        @Override
        public void close() {
            release.accept(storage);
        }
    }

    @Test
    @DisplayName("random interleavings of interactions, orders, reversals and deletes match the reference model")
    void randomActivitySequences_matchTheReferenceModel() {
        long[] seeds = Seeds.seeds(12, "rapport.tck.activity.seeds");
        int steps = Seeds.intProperty("rapport.tck.activity.steps", 40);
        ModelBasedRunner<Step> runner = ModelBasedRunner.of(
                        ActivityModelContract::draw, () -> new Trial(obtainStorage(), this::releaseNow))
                .maxReplays(Seeds.intProperty("rapport.tck.mbt.maxReplays", 400));
        for (long seed : seeds) {
            runner.check(seed, steps);
        }
    }
}
