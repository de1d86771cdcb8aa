package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.bulk.BatchItem;
import dev.rapport.crm.bulk.BatchOutcome;
import dev.rapport.crm.bulk.BatchResult;
import dev.rapport.crm.bulk.BulkService;
import dev.rapport.crm.bulk.ExistingAttributes;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.model.event.InteractionRecorded;
import dev.rapport.crm.model.event.OrderRecorded;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Bulk writes: every item answered with its own outcome, the same rules and idempotency as the
 * single commands, nothing of a rejected item written, batches beyond a store's chunk sizes, and
 * overlapping concurrent batches recording each source once.
 *
 * @since 0.2
 */
public abstract class BulkContract extends ContractSupport {

    private static NewOrder order(CustomerId customer, String source, String price) {
        return NewOrder.of(customer, "GBP")
                .source("shop", source)
                .line("A", null, BigDecimal.ONE, new BigDecimal(price))
                .build();
    }

    @Test
    @DisplayName("upsert creates, matches on the first identity, updates attributes, and rejects per item")
    void upsertCustomers_outcomesPerItem() {
        crm.attributes()
                .define(AttributeDefinition.of("tier", AttributeType.CHOICE).withChoices("gold", "silver"));
        Customer held = crm.customers().create(NewCustomer.named("Holder").email("held@example.com"));
        BatchResult<Customer> first = crm.bulk()
                .upsertCustomers(List.of(
                        NewCustomer.named("Ada").email("ada@example.com").attribute("tier", "gold"),
                        NewCustomer.named("Ada again").email("ADA@example.com").attribute("tier", "silver"),
                        NewCustomer.named("Bob")
                                .identity(Identity.external("legacy", "B"))
                                .email("held@example.com"),
                        NewCustomer.named(" "),
                        NewCustomer.named("Grace").email("grace@example.com").attribute("tier", "bronze"),
                        NewCustomer.named("Holder again").email("held@example.com")));
        assertThat(first.items())
                .extracting(BatchItem::outcome)
                .containsExactly(
                        BatchOutcome.CREATED,
                        BatchOutcome.UPDATED,
                        BatchOutcome.REJECTED,
                        BatchOutcome.REJECTED,
                        BatchOutcome.REJECTED,
                        BatchOutcome.UNCHANGED);
        assertThat(first.get(2).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("identities[1]");
        assertThat(first.get(3).problems())
                .extracting(ValidationException.Violation::path)
                .contains("displayName", "identities");
        assertThat(first.get(4).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("attributes.tier");
        Customer ada = crm.customers().findByEmail("ada@example.com").orElseThrow();
        assertThat(first.get(0).value()).isEqualTo(ada);
        assertThat(first.get(1).value()).isEqualTo(ada);
        assertThat(ada.version()).isEqualTo(1);
        assertThat(ada.displayName()).as("a match changes attributes only").isEqualTo("Ada");
        assertThat(ada.attributes()).containsEntry("tier", new AttributeValue.Choice("silver"));
        assertThat(first.get(5).value()).isEqualTo(held);
        assertThat(crm.customers().findByIdentity(Identity.external("legacy", "B")))
                .isEmpty();
        assertThat(crm.customers().findByEmail("grace@example.com")).isEmpty();
        assertThat(events(crm).stream().filter(e -> e instanceof CustomerCreated))
                .hasSize(2);

        BatchResult<Customer> second = crm.bulk()
                .upsertCustomers(List.of(
                        NewCustomer.named("x").email("ada@example.com").attribute("tier", "gold"),
                        NewCustomer.named("y").email("ada@example.com").attribute("tier", "gold")));
        assertThat(second.items())
                .extracting(BatchItem::outcome)
                .containsExactly(BatchOutcome.UPDATED, BatchOutcome.UNCHANGED);
        Customer updated = crm.customers().get(ada.id());
        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.attributes()).containsEntry("tier", new AttributeValue.Choice("gold"));
        assertThat(second.get(1).value()).isEqualTo(updated);
        assertThat(events(crm)).last().isInstanceOf(CustomerUpdated.class);
    }

    @Test
    @DisplayName("upsert keeping existing attributes adds only what a customer lacks, in the batch and after it")
    void upsertCustomers_keepingExistingAttributes() {
        crm.attributes().define(AttributeDefinition.of("country", AttributeType.TEXT));
        crm.attributes().define(AttributeDefinition.of("city", AttributeType.TEXT));
        BatchResult<Customer> first = crm.bulk()
                .upsertCustomers(
                        List.of(
                                NewCustomer.named("Ada")
                                        .email("ada@example.com")
                                        .attribute("country", "UK"),
                                NewCustomer.named("Ada")
                                        .email("ada@example.com")
                                        .attribute("country", "France"),
                                NewCustomer.named("Ada")
                                        .email("ada@example.com")
                                        .attribute("country", "Spain")
                                        .attribute("city", "London")),
                        ExistingAttributes.KEEP);
        assertThat(first.items())
                .extracting(BatchItem::outcome)
                .containsExactly(BatchOutcome.CREATED, BatchOutcome.UNCHANGED, BatchOutcome.UPDATED);
        Customer ada = crm.customers().findByEmail("ada@example.com").orElseThrow();
        assertThat(ada.version()).isEqualTo(1);
        assertThat(ada.attributes())
                .containsEntry("country", new AttributeValue.Text("UK"))
                .containsEntry("city", new AttributeValue.Text("London"));
        int eventsBefore = events(crm).size();

        BatchResult<Customer> again = crm.bulk()
                .upsertCustomers(
                        List.of(NewCustomer.named("Ada")
                                .email("ada@example.com")
                                .attribute("country", "France")),
                        ExistingAttributes.KEEP);
        assertThat(again.get(0).outcome()).isEqualTo(BatchOutcome.UNCHANGED);
        assertThat(crm.customers().get(ada.id())).isEqualTo(ada);
        assertThat(events(crm)).hasSize(eventsBefore);

        BatchResult<Customer> overwrite = crm.bulk()
                .upsertCustomers(
                        List.of(NewCustomer.named("Ada")
                                .email("ada@example.com")
                                .attribute("country", "France")),
                        ExistingAttributes.OVERWRITE);
        assertThat(overwrite.get(0).outcome()).isEqualTo(BatchOutcome.UPDATED);
        assertThat(crm.customers().get(ada.id()).attributes())
                .containsEntry("country", new AttributeValue.Text("France"))
                .containsEntry("city", new AttributeValue.Text("London"));
    }

    @Test
    @DisplayName("orders: created, duplicate (stored or earlier in the batch), unknown customer or bad input rejected")
    void recordOrders_outcomesPerItem() {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        Order stored = crm.purchases().record(order(c.id(), "1", "5"));
        BatchResult<Order> r = crm.bulk()
                .recordOrders(List.of(
                        order(c.id(), "1", "9"),
                        order(c.id(), "2", "2.5"),
                        order(c.id(), "2", "3"),
                        order(CustomerId.of(UUID.randomUUID()), "3", "1"),
                        NewOrder.of(c.id(), "gbp")
                                .line("A", null, BigDecimal.ONE, BigDecimal.ONE)
                                .build(),
                        NewOrder.of(c.id(), "EUR")
                                .line("B", null, new BigDecimal("2"), new BigDecimal("0.125"))
                                .build()));
        assertThat(r.items())
                .extracting(BatchItem::outcome)
                .containsExactly(
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.CREATED,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.REJECTED,
                        BatchOutcome.REJECTED,
                        BatchOutcome.CREATED);
        assertThat(r.get(0).value()).isEqualTo(stored);
        assertThat(r.get(2).value()).isEqualTo(r.get(1).value());
        assertThat(r.get(3).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("customer");
        assertThat(r.get(4).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("currency");
        assertThat(crm.purchases().get(r.get(1).value().id()))
                .isEqualTo(r.get(1).value());
        assertThat(r.get(5).value().total()).isEqualTo(new BigDecimal("0.25"));
        assertThat(events(crm).stream().filter(e -> e instanceof OrderRecorded)).hasSize(3);
        assertThat(crm.purchases().findBySource(SourceRef.of("shop", "3"))).isEmpty();
    }

    @Test
    @DisplayName(
            "orders: a stored source answers with the stored order, for its repeats in the batch and whoever the customer")
    void recordOrders_storedSourceWinsEverywhereInTheBatch() {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        Order stored = crm.purchases().record(order(c.id(), "1", "5"));
        CustomerId stranger = CustomerId.of(UUID.randomUUID());
        BatchResult<Order> r = crm.bulk()
                .recordOrders(List.of(
                        order(c.id(), "2", "1"),
                        order(c.id(), "1", "9"),
                        order(c.id(), "1", "7"),
                        order(stranger, "1", "3"),
                        order(stranger, "4", "3"),
                        order(c.id(), "4", "3")));
        assertThat(r.items())
                .extracting(BatchItem::outcome)
                .containsExactly(
                        BatchOutcome.CREATED,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.REJECTED,
                        BatchOutcome.CREATED);
        assertThat(r.get(1).value()).isEqualTo(stored);
        assertThat(r.get(2).value()).isEqualTo(stored);
        assertThat(r.get(3).value()).isEqualTo(stored);
        assertThat(r.get(4).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("customer");
        assertThat(crm.purchases().get(stored.id())).isEqualTo(stored);
        assertThat(crm.purchases().findBySource(SourceRef.of("shop", "4")))
                .contains(r.get(5).value());
        assertThat(events(crm).stream().filter(e -> e instanceof OrderRecorded)).hasSize(3);
    }

    @Test
    @DisplayName(
            "interactions: a stored source answers with the stored one, for its repeats in the batch and whoever the customer")
    void recordInteractions_storedSourceWinsEverywhereInTheBatch() {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        Interaction stored = crm.interactions()
                .record(NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                        .customer(c.id())
                        .source("mail", "1")
                        .build());
        NewInteraction again = NewInteraction.on(Channel.SMS, Direction.INBOUND)
                .customer(c.id())
                .source("mail", "1")
                .build();
        BatchResult<Interaction> r = crm.bulk()
                .recordInteractions(List.of(
                        again,
                        again,
                        NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                .customer(CustomerId.of(UUID.randomUUID()))
                                .source("mail", "1")
                                .build(),
                        NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                .customer(c.id())
                                .source("mail", "1")
                                .attribute("nope", 1)
                                .build(),
                        NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                .customer(c.id())
                                .source("mail", "3")
                                .attribute("nope", 1)
                                .build(),
                        NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                .customer(c.id())
                                .source("mail", "2")
                                .build()));
        assertThat(r.items())
                .extracting(BatchItem::outcome)
                .containsExactly(
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.REJECTED,
                        BatchOutcome.CREATED);
        assertThat(r.items().subList(0, 4)).extracting(BatchItem::value).containsOnly(stored);
        assertThat(r.get(4).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("attributes.nope");
        assertThat(crm.interactions().get(stored.id())).isEqualTo(stored);
        assertThat(events(crm).stream().filter(e -> e instanceof InteractionRecorded))
                .hasSize(2);
    }

    @Test
    @DisplayName("interactions: created, duplicate, rejected per item; attributes checked")
    void recordInteractions_outcomesPerItem() {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        crm.attributes().define(AttributeDefinition.of("score", AttributeType.INTEGER));
        BatchResult<Interaction> r = crm.bulk()
                .recordInteractions(List.of(
                        NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                .customer(c.id())
                                .source("mail", "1")
                                .attribute("score", 3)
                                .build(),
                        NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                .customer(c.id())
                                .source("mail", "1")
                                .build(),
                        NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                .customer(c.id())
                                .attribute("nope", 1)
                                .build(),
                        NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                .source("mail", "2")
                                .build(),
                        NewInteraction.on(Channel.SMS, Direction.OUTBOUND)
                                .customer(c.id())
                                .body("hi")
                                .build()));
        assertThat(r.items())
                .extracting(BatchItem::outcome)
                .containsExactly(
                        BatchOutcome.CREATED,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.REJECTED,
                        BatchOutcome.REJECTED,
                        BatchOutcome.CREATED);
        assertThat(r.get(2).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("attributes.nope");
        assertThat(r.get(3).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("customer");
        assertThat(crm.interactions().get(r.get(0).value().id()))
                .isEqualTo(r.get(0).value());
        assertThat(r.get(0).value().attributes()).containsEntry("score", new AttributeValue.Int(3));
        assertThat(events(crm).stream().filter(e -> e instanceof InteractionRecorded))
                .hasSize(2);
    }

    @Test
    @DisplayName("reversals apply in order: a later one sees what an earlier one took")
    void reverseOrders_applyInOrder() {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        Order o = crm.purchases()
                .record(NewOrder.of(c.id(), "GBP")
                        .line("A", null, new BigDecimal("3"), new BigDecimal("1.5"))
                        .build());
        BatchResult<Reversal> r = crm.bulk()
                .reverseOrders(List.of(
                        NewReversal.of(ReversalKind.RETURN, o.id())
                                .line(1, new BigDecimal("2"))
                                .source("shop", "R1")
                                .build(),
                        NewReversal.of(ReversalKind.RETURN, o.id())
                                .line(1, new BigDecimal("2"))
                                .source("shop", "R2")
                                .build(),
                        NewReversal.of(ReversalKind.RETURN, o.id())
                                .line(1, new BigDecimal("2"))
                                .source("shop", "R1")
                                .build(),
                        NewReversal.of(ReversalKind.CANCELLATION, OrderId.of(UUID.randomUUID()))
                                .build(),
                        NewReversal.of(ReversalKind.CANCELLATION, o.id()).build(),
                        NewReversal.of(ReversalKind.CANCELLATION, o.id()).build()));
        assertThat(r.items())
                .extracting(BatchItem::outcome)
                .containsExactly(
                        BatchOutcome.CREATED,
                        BatchOutcome.REJECTED,
                        BatchOutcome.DUPLICATE,
                        BatchOutcome.REJECTED,
                        BatchOutcome.CREATED,
                        BatchOutcome.REJECTED);
        Order after = crm.purchases().get(o.id());
        assertThat(after.fullyReversed()).isTrue();
        assertThat(after.netTotal()).isEqualByComparingTo("0");
        assertThat(crm.purchases().reversals(o.id()))
                .containsExactly(r.get(0).value(), r.get(4).value());
        assertThat(r.get(1).problems())
                .extracting(ValidationException.Violation::path)
                .containsExactly("lines[0].quantity");
    }

    @Test
    @DisplayName("two bulk reversals of one order at once: the order counts exactly the reversals stored")
    void reverseOrders_concurrentBatchesOfOneOrder_loseNoUpdate() throws Exception {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            orders.add(crm.purchases()
                    .record(NewOrder.of(c.id(), "GBP")
                            .line("A", null, new BigDecimal("100"), new BigDecimal("1.5"))
                            .build()));
        }
        int rounds = 15;
        long created = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                // The same steps from both sides, so both compute the same next state of each order;
                // two orders, so that each batch updates more than one row.
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Long>> done = new ArrayList<>();
                for (int writer = 0; writer < 2; writer++) {
                    List<NewReversal> steps = new ArrayList<>();
                    for (int i = 0; i < orders.size(); i++) {
                        steps.add(NewReversal.of(
                                        ReversalKind.RETURN, orders.get(i).id())
                                .line(1, BigDecimal.ONE)
                                .source("shop", "w" + writer + "-" + round + "-" + i)
                                .build());
                    }
                    done.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        try {
                            return crm.bulk().reverseOrders(steps).count(BatchOutcome.CREATED);
                        } catch (dev.rapport.crm.model.ConcurrencyException lost) {
                            return 0L;
                        }
                    }));
                }
                for (Future<Long> f : done) {
                    created += f.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long stored = 0;
        for (Order o : orders) {
            List<Reversal> reversals = crm.purchases().reversals(o.id());
            Order after = crm.purchases().get(o.id());
            stored += reversals.size();
            assertThat(after.lines().get(0).reversedQuantity())
                    .as("units reversed on the order, against %d reversals stored", reversals.size())
                    .isEqualByComparingTo(BigDecimal.valueOf(reversals.size()));
            assertThat(after.reversedTotal())
                    .isEqualByComparingTo(new BigDecimal("1.5").multiply(BigDecimal.valueOf(reversals.size())));
        }
        assertThat(stored).isEqualTo(created);
        assertThat(created).as("most steps get through").isGreaterThanOrEqualTo(rounds * orders.size());
    }

    @Test
    @DisplayName("reversals in one batch are worth what the same reversals made one by one are worth")
    void reverseOrders_valueAsTheSingleCommands() {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        List<Order> orders = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            orders.add(crm.purchases()
                    .record(NewOrder.of(c.id(), "GBP")
                            .line("A", null, new BigDecimal("3"), new BigDecimal("0.335"))
                            .line("B", null, new BigDecimal("2"), new BigDecimal("0.125"))
                            .build()));
        }
        // A third of line 1 taken before, then (one by one, or in one batch) another third, the
        // last third (worth what remains of the line's total) and line 2 whole.
        List<List<NewReversal>> steps = new ArrayList<>();
        for (Order o : orders) {
            crm.purchases()
                    .reverse(NewReversal.of(ReversalKind.RETURN, o.id())
                            .line(1, BigDecimal.ONE)
                            .build());
            steps.add(List.of(
                    NewReversal.of(ReversalKind.RETURN, o.id())
                            .line(1, BigDecimal.ONE)
                            .build(),
                    NewReversal.of(ReversalKind.RETURN, o.id())
                            .line(1, BigDecimal.ONE)
                            .line(2, new BigDecimal("2"))
                            .build()));
        }
        List<Reversal> single = new ArrayList<>();
        for (NewReversal r : steps.get(0)) {
            single.add(crm.purchases().reverse(r));
        }
        List<Reversal> batch = crm.bulk().reverseOrders(steps.get(1)).items().stream()
                .map(BatchItem::value)
                .toList();
        assertThat(batch)
                .extracting(Reversal::amount)
                .isEqualTo(single.stream().map(Reversal::amount).toList());
        assertThat(batch)
                .extracting(Reversal::lines)
                .isEqualTo(single.stream().map(Reversal::lines).toList());
        Order one = crm.purchases().get(orders.get(0).id());
        Order other = crm.purchases().get(orders.get(1).id());
        assertThat(other.version()).isEqualTo(one.version()).isEqualTo(4);
        assertThat(other.lines()).isEqualTo(one.lines());
        assertThat(other.reversedTotal()).isEqualTo(one.reversedTotal());
        assertThat(other.netTotal()).isEqualByComparingTo("0");
        assertThat(crm.purchases().reversals(other.id()).subList(1, 3)).containsExactlyElementsOf(batch);
    }

    @Test
    @DisplayName("a batch larger than any store chunk is written whole, and its size is bounded")
    void largeBatches_areWrittenWhole() {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        List<NewOrder> orders = new ArrayList<>();
        List<NewCustomer> customers = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            orders.add(order(c.id(), "L" + i, "1." + (i % 100)));
            customers.add(NewCustomer.named("C" + i).identity(Identity.external("legacy", "C" + i)));
        }
        assertThat(crm.bulk().recordOrders(orders).count(BatchOutcome.CREATED)).isEqualTo(2500);
        assertThat(crm.bulk().upsertCustomers(customers).count(BatchOutcome.CREATED))
                .isEqualTo(2500);
        assertThat(crm.bulk().recordOrders(orders).count(BatchOutcome.DUPLICATE))
                .isEqualTo(2500);
        assertThat(crm.bulk().upsertCustomers(customers).count(BatchOutcome.UNCHANGED))
                .isEqualTo(2500);
        assertThat(crm.purchases().facts(c.id()).orderCount()).isEqualTo(2500);
        assertThat(crm.customers().findByIdentity(Identity.external("legacy", "C2499")))
                .isPresent();
        assertThat(paths(thrown(ValidationException.class, () -> crm.bulk().recordOrders(List.of()))))
                .containsExactly("commands");
        List<NewOrder> tooMany = new ArrayList<>();
        for (int i = 0; i <= BulkService.MAX_BATCH; i++) {
            tooMany.add(order(c.id(), "T" + i, "1"));
        }
        thrown(ValidationException.class, () -> crm.bulk().recordOrders(tooMany));
    }

    @Test
    @DisplayName("two overlapping batches written at once record each source once")
    void concurrentOverlappingBatches_recordEachSourceOnce() throws Exception {
        Customer c = crm.customers().create(NewCustomer.named("Ada"));
        for (int round = 0; round < 3; round++) {
            List<NewOrder> a = new ArrayList<>();
            List<NewOrder> b = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                a.add(order(c.id(), round + "-" + i, "1"));
                b.add(order(c.id(), round + "-" + (i + 30), "1"));
            }
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                CyclicBarrier barrier = new CyclicBarrier(2);
                Future<BatchResult<Order>> fa = pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return crm.bulk().recordOrders(a);
                });
                Future<BatchResult<Order>> fb = pool.submit(() -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return crm.bulk().recordOrders(b);
                });
                BatchResult<Order> ra = fa.get(60, TimeUnit.SECONDS);
                BatchResult<Order> rb = fb.get(60, TimeUnit.SECONDS);
                for (int i = 30; i < 60; i++) {
                    assertThat(ra.get(i).value().id())
                            .isEqualTo(rb.get(i - 30).value().id());
                }
                assertThat(ra.count(BatchOutcome.CREATED) + rb.count(BatchOutcome.CREATED))
                        .isEqualTo(90);
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(crm.purchases().facts(c.id()).orderCount()).isEqualTo(270);
        assertThat(events(crm).stream().filter(e -> e instanceof OrderRecorded)).hasSize(270);
    }
}
