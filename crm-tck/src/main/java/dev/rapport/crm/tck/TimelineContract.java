package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.timeline.TimelineQuery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The timeline: interactions, orders and reversals merged newest first, filtered, keyset-paged
 * and stable under concurrent inserts, checked against a plain sort and filter of what was
 * recorded, on seeded random activity with many ties in time.
 *
 * @since 0.2
 */
public abstract class TimelineContract extends ContractSupport {
    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final Channel[] CHANNELS = {Channel.EMAIL, Channel.PHONE, Channel.WEB, Channel.IN_PERSON};

    /**
     * Records random activity for a customer: interactions, orders and reversals of earlier orders,
     * at few distinct instants so that ties in time are common and the id decides.
     *
     * @return the ids recorded
     */
    private static Set<UUID> record(Crm view, CustomerId customer, SplittableRandom random, int count) {
        Set<UUID> ids = new HashSet<>();
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = BASE.plusSeconds(random.nextInt(count / 3 + 1) * 60L);
            Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
            int pick = random.nextInt(10);
            if (pick < 6) {
                ids.add(view.interactions()
                        .record(NewInteraction.on(channel, Direction.values()[random.nextInt(3)])
                                .customer(customer)
                                .occurredAt(at)
                                .body("n" + i)
                                .build())
                        .activityId());
            } else if (pick < 8 || orders.isEmpty()) {
                Order o = view.purchases()
                        .record(NewOrder.of(customer, random.nextBoolean() ? "GBP" : "EUR")
                                .channel(channel)
                                .occurredAt(at)
                                .line("P" + i, null, BigDecimal.valueOf(1 + random.nextInt(3)), new BigDecimal("1.5"))
                                .build());
                orders.add(o);
                ids.add(o.activityId());
            } else {
                Order o = orders.get(random.nextInt(orders.size()));
                if (!view.purchases().get(o.id()).fullyReversed()) {
                    ids.add(view.purchases()
                            .reverse(NewReversal.of(ReversalKind.RETURN, o.id())
                                    .occurredAt(at)
                                    .line(1, BigDecimal.ONE)
                                    .build())
                            .activityId());
                }
            }
        }
        return ids;
    }

    private static List<Activity> populate(Crm view, CustomerId customer, SplittableRandom random, int count) {
        Set<UUID> ids = record(view, customer, random, count);
        List<Activity> all = readAll(view, TimelineQuery.of(customer).limit(TimelineQuery.MAX_LIMIT));
        assertThat(all.stream().map(Activity::activityId).toList())
                .as("the timeline holds exactly what was recorded")
                .containsExactlyInAnyOrderElementsOf(ids);
        return all;
    }

    private static List<Activity> readAll(Crm view, TimelineQuery first) {
        List<Activity> out = new ArrayList<>();
        TimelineQuery q = first;
        for (int pages = 0; pages < 100_000; pages++) {
            Page<Activity> page = view.timeline().list(q);
            out.addAll(page.items());
            if (!page.hasNext()) {
                return out;
            }
            assertThat(page.items()).as("a page with a next cursor is full").hasSize(q.limit());
            q = q.after(page.nextCursor());
        }
        throw new AssertionError("timeline paging does not end");
    }

    private static List<Activity> expected(List<Activity> all, TimelineQuery q) {
        return all.stream()
                .filter(a -> q.kinds().isEmpty() || q.kinds().contains(a.activityKind()))
                .filter(a -> q.channels().isEmpty() || q.channels().contains(a.channel()))
                .filter(a -> q.from() == null || !a.occurredAt().isBefore(q.from()))
                .filter(a -> q.to() == null || a.occurredAt().isBefore(q.to()))
                .sorted((a, b) -> TimelineKey.NEWEST_FIRST.compare(a.timelineKey(), b.timelineKey()))
                .toList();
    }

    @Test
    @DisplayName("the timeline merges every kind newest first, ties broken by id, each entry once")
    void timeline_isNewestFirstAndComplete() {
        Seeds.run(Seeds.seeds(1, "rapport.tck.timeline.seeds")[0], random -> {
            Customer c = crm.customers().create(NewCustomer.named("Ada"));
            Customer other = crm.customers().create(NewCustomer.named("Bob"));
            List<Activity> all = populate(crm, c.id(), random, 90);
            populate(crm, other.id(), random, 20);
            assertThat(all).isEqualTo(expected(all, TimelineQuery.of(c.id())));
            assertThat(all).allSatisfy(a -> assertThat(a.customerId()).isEqualTo(c.id()));
            assertThat(new HashSet<>(all.stream().map(Activity::activityId).toList()))
                    .hasSize(all.size());
            assertThat(all.stream().map(Activity::activityKind).distinct())
                    .contains(ActivityKind.INTERACTION, ActivityKind.ORDER);
            for (Activity a : all) {
                Object stored =
                        switch (a.activityKind()) {
                            case INTERACTION ->
                                crm.interactions().get(((dev.rapport.crm.model.activity.Interaction) a).id());
                            case ORDER -> crm.purchases().get(((Order) a).id());
                            case REVERSAL ->
                                crm
                                        .purchases()
                                        .reversals(((dev.rapport.crm.model.activity.Reversal) a).orderId())
                                        .stream()
                                        .filter(r -> r.id().equals(((dev.rapport.crm.model.activity.Reversal) a).id()))
                                        .findFirst()
                                        .orElseThrow();
                        };
                assertThat(stored).isEqualTo(a);
            }
        });
    }

    @Test
    @DisplayName("random filters and page sizes read exactly the filtered, ordered entries")
    void timeline_filtersAndPagesMatchTheReference() {
        for (long seed : Seeds.seeds(3, "rapport.tck.timeline.seeds")) {
            Seeds.run(seed, random -> {
                Customer c = crm.customers().create(NewCustomer.named("Ada"));
                List<Activity> all = populate(crm, c.id(), random, 60);
                for (int round = 0; round < 12; round++) {
                    Set<ActivityKind> kinds = EnumSet.noneOf(ActivityKind.class);
                    for (ActivityKind k : ActivityKind.values()) {
                        if (random.nextInt(3) == 0) {
                            kinds.add(k);
                        }
                    }
                    Set<Channel> channels = EnumSet.noneOf(Channel.class);
                    for (Channel ch : CHANNELS) {
                        if (random.nextInt(3) == 0) {
                            channels.add(ch);
                        }
                    }
                    Instant from = random.nextBoolean() ? null : BASE.plusSeconds(random.nextInt(21) * 60L);
                    Instant to = random.nextBoolean() ? null : BASE.plusSeconds((21 + random.nextInt(21)) * 60L);
                    TimelineQuery q = new TimelineQuery(c.id(), kinds, channels, from, to, 1 + random.nextInt(9), null);
                    assertThat(readAll(crm, q)).as("query %s", q).isEqualTo(expected(all, q));
                }
            });
        }
    }

    @Test
    @DisplayName("several pages read at once are each the page read alone, in the order asked")
    void timelines_readAtOnce_equalEachReadAlone() {
        Seeds.run(Seeds.seeds(1, "rapport.tck.timeline.seeds")[0], random -> {
            List<CustomerId> customers = new ArrayList<>();
            for (String name : List.of("Ada", "Bob", "Cy")) {
                CustomerId id = crm.customers().create(NewCustomer.named(name)).id();
                populate(crm, id, random, 30);
                customers.add(id);
            }
            customers.add(CustomerId.of(UUID.randomUUID()));
            List<TimelineQuery> queries = new ArrayList<>();
            for (int i = 0; i < 130; i++) {
                Set<ActivityKind> kinds = EnumSet.noneOf(ActivityKind.class);
                for (ActivityKind k : ActivityKind.values()) {
                    if (random.nextInt(3) == 0) {
                        kinds.add(k);
                    }
                }
                Instant to = random.nextBoolean() ? null : BASE.plusSeconds((5 + random.nextInt(10)) * 60L);
                TimelineQuery q = new TimelineQuery(
                        customers.get(random.nextInt(customers.size())),
                        kinds,
                        random.nextInt(4) == 0 ? Set.of(CHANNELS[random.nextInt(CHANNELS.length)]) : Set.of(),
                        null,
                        to,
                        1 + random.nextInt(12),
                        null);
                Page<Activity> first = crm.timeline().list(q);
                queries.add(random.nextBoolean() && first.hasNext() ? q.after(first.nextCursor()) : q);
            }
            List<Page<Activity>> pages = crm.timeline().list(queries);
            assertThat(pages).hasSize(queries.size());
            for (int i = 0; i < queries.size(); i++) {
                Page<Activity> alone = crm.timeline().list(queries.get(i));
                assertThat(pages.get(i).items()).as("query %d", i).isEqualTo(alone.items());
                assertThat(pages.get(i).nextCursor()).as("query %d", i).isEqualTo(alone.nextCursor());
            }
            assertThat(crm.timeline().list(List.of())).isEmpty();
            ValidationException e = thrown(ValidationException.class, () -> crm.timeline()
                    .list(List.of(
                            queries.get(0), TimelineQuery.of(customers.get(0)).limit(0))));
            assertThat(paths(e)).containsExactly("queries[1].limit");
        });
    }

    @Test
    @DisplayName("paging is stable under concurrent inserts: every earlier entry is seen once, none twice")
    void timeline_isStableUnderConcurrentInserts() {
        Seeds.run(Seeds.seeds(1, "rapport.tck.timeline.seeds")[0], random -> {
            Customer c = crm.customers().create(NewCustomer.named("Ada"));
            List<Activity> before = populate(crm, c.id(), random, 40);
            List<Activity> seen = new ArrayList<>();
            TimelineQuery q = TimelineQuery.of(c.id()).limit(4);
            while (true) {
                Page<Activity> page = crm.timeline().list(q);
                seen.addAll(page.items());
                record(crm, c.id(), random, 3);
                if (!page.hasNext()) {
                    break;
                }
                q = q.after(page.nextCursor());
            }
            List<UUID> ids = seen.stream().map(Activity::activityId).toList();
            assertThat(new HashSet<>(ids)).as("no entry twice").hasSize(ids.size());
            assertThat(ids)
                    .containsAll(before.stream().map(Activity::activityId).toList());
            for (int i = 1; i < seen.size(); i++) {
                assertThat(TimelineKey.NEWEST_FIRST.compare(
                                seen.get(i - 1).timelineKey(), seen.get(i).timelineKey()))
                        .isNegative();
            }
        });
    }

    @Test
    @DisplayName("a malformed cursor, a bad limit or an empty range is refused")
    void timeline_refusesBadQueries() {
        CustomerId c = crm.customers().create(NewCustomer.named("Ada")).id();
        ValidationException e = thrown(ValidationException.class, () -> crm.timeline()
                .list(TimelineQuery.of(c).limit(0).after("not-a-cursor").between(BASE, BASE)));
        assertThat(paths(e)).containsExactlyInAnyOrder("limit", "cursor", "to");
        assertThat(paths(thrown(ValidationException.class, () -> crm.timeline()
                        .list(TimelineQuery.of(c).limit(TimelineQuery.MAX_LIMIT + 1)))))
                .containsExactly("limit");
    }

    @Test
    @DisplayName("a timeline is empty for an unknown customer and for another tenant's customer")
    void timeline_isIsolated() {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        crm.interactions()
                .record(NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                        .customer(c.id())
                        .build());
        assertThat(crm.timeline().list(TimelineQuery.of(c.id())).items()).hasSize(1);
        assertThat(crm.forTenant(newTenant())
                        .timeline()
                        .list(TimelineQuery.of(c.id()))
                        .items())
                .isEmpty();
        assertThat(crm.timeline()
                        .list(TimelineQuery.of(CustomerId.of(UUID.randomUUID())))
                        .items())
                .isEmpty();
    }
}
