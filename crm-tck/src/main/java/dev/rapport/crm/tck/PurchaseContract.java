package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.CurrencyTotals;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.PurchaseFacts;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.model.activity.ReversedLine;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.event.OrderRecorded;
import dev.rapport.crm.model.event.OrderReversed;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Purchases: orders with exact money, idempotency, cancellations and returns by line, and the
 * facts and totals counted by the store.
 *
 * @since 0.2
 */
public abstract class PurchaseContract extends ContractSupport {
    private static final Currency GBP = Currency.getInstance("GBP");
    private static final Currency JPY = Currency.getInstance("JPY");

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    private Customer customer(String name) {
        return crm.customers().create(NewCustomer.named(name));
    }

    private Order order(CustomerId customer, String currency, String at, String... codeQtyPrice) {
        NewOrder.Builder b = NewOrder.of(customer, currency).occurredAt(Instant.parse(at));
        for (int i = 0; i < codeQtyPrice.length; i += 3) {
            b.line(codeQtyPrice[i], null, d(codeQtyPrice[i + 1]), d(codeQtyPrice[i + 2]));
        }
        return crm.purchases().record(b.build());
    }

    @Test
    @DisplayName("line totals round half up to the currency's scale; unit prices keep their precision")
    void record_roundsLineTotalsAndKeepsUnitPrices() {
        Customer c = customer("Ada");
        Order o = crm.purchases()
                .record(NewOrder.of(c.id(), "GBP")
                        .store("Bath")
                        .channel(Channel.IN_PERSON)
                        .line("A", "tea light", d("3"), d("0.0125"))
                        .line("B", null, d("1"), d("2.555"))
                        .line("C", null, d("2.50"), d("1.10"))
                        .source("shop", "536365")
                        .build());
        assertThat(o.lines()).extracting(l -> l.total()).containsExactly(d("0.04"), d("2.56"), d("2.75"));
        assertThat(o.lines().get(0).unitPrice()).isEqualTo(d("0.0125"));
        assertThat(o.lines().get(2).quantity()).isEqualTo(d("2.5"));
        assertThat(o.total()).isEqualTo(d("5.35"));
        assertThat(o.reversedTotal()).isEqualTo(d("0.00"));
        assertThat(o.currency()).isEqualTo(GBP);
        assertThat(crm.purchases().get(o.id())).isEqualTo(o);
        assertThat(crm.purchases().findBySource(SourceRef.of("shop", "536365"))).contains(o);
        Order yen = crm.purchases()
                .record(NewOrder.of(c.id(), "JPY")
                        .line("X", null, d("3"), d("33.5"))
                        .build());
        assertThat(yen.total()).isEqualTo(d("101"));
        assertThat(events(crm)).last().isInstanceOfSatisfying(OrderRecorded.class, e -> {
            assertThat(e.orderId()).isEqualTo(yen.id());
            assertThat(e.currency()).isEqualTo(JPY);
            assertThat(e.total()).isEqualTo(d("101"));
        });
    }

    @Test
    @DisplayName("bad orders are refused naming every field, and nothing is written")
    void record_refusesBadOrders() {
        Customer c = customer("Ada");
        ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.purchases()
                .record(NewOrder.of(c.id(), "gbp")
                        .line(" ", null, d("0"), d("-1"))
                        .line("OK", null, d("1.0000000000001"), d("1"))
                        .source("shop", "")
                        .build()));
        assertThat(paths(e))
                .containsExactlyInAnyOrder(
                        "currency",
                        "lines[0].productCode",
                        "lines[0].quantity",
                        "lines[0].unitPrice",
                        "lines[1].quantity",
                        "source.externalId");
        assertThat(paths(thrown(ValidationException.class, () -> crm.purchases()
                        .record(NewOrder.of(c.id(), "XYZ").build()))))
                .containsExactlyInAnyOrder("currency", "lines");
        assertRefusedWithoutWrites(crm, NotFoundException.class, () -> crm.purchases()
                .record(NewOrder.of(CustomerId.of(UUID.randomUUID()), "GBP")
                        .line("A", null, d("1"), d("1"))
                        .build()));
    }

    @Test
    @DisplayName("the same order source recorded twice is one order and one event")
    void record_isIdempotentBySource() {
        Customer c = customer("Ada");
        NewOrder command = NewOrder.of(c.id(), "GBP")
                .line("A", null, d("1"), d("9.99"))
                .source("shop", "1")
                .build();
        Order first = crm.purchases().record(command);
        Order second = crm.purchases().record(command);
        assertThat(second).isEqualTo(first);
        assertThat(events(crm).stream().filter(x -> x instanceof OrderRecorded)).hasSize(1);
    }

    @Test
    @DisplayName("partial then whole reversals net a line to exactly zero and raise the order's version")
    void reverse_byLineThenWhole() {
        Customer c = customer("Ada");
        Order o = order(c.id(), "GBP", "2026-01-05T10:00:00Z", "A", "3", "0.335", "B", "1", "5");
        assertThat(o.total()).isEqualTo(d("6.01"));
        Reversal first = crm.purchases()
                .reverse(NewReversal.of(ReversalKind.RETURN, o.id())
                        .line(1, d("1"))
                        .reason("damaged")
                        .source("shop", "C1")
                        .build());
        assertThat(first.lines()).containsExactly(new ReversedLine(1, d("1"), d("0.34")));
        assertThat(first.amount()).isEqualTo(d("0.34"));
        assertThat(first.channel()).isEqualTo(o.channel());
        Order after = crm.purchases().get(o.id());
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.lines().get(0).reversedQuantity()).isEqualTo(d("1"));
        assertThat(after.netTotal()).isEqualTo(d("5.67"));
        assertThat(after.fullyReversed()).isFalse();
        Reversal rest = crm.purchases()
                .reverse(NewReversal.of(ReversalKind.CANCELLATION, o.id()).build());
        assertThat(rest.lines())
                .containsExactly(new ReversedLine(1, d("2"), d("0.67")), new ReversedLine(2, d("1"), d("5.00")));
        Order gone = crm.purchases().get(o.id());
        assertThat(gone.netTotal()).isEqualByComparingTo("0");
        assertThat(gone.fullyReversed()).isTrue();
        assertThat(crm.purchases().reversals(o.id())).containsExactly(first, rest);
        assertThat(crm.purchases().findReversalBySource(SourceRef.of("shop", "C1")))
                .contains(first);
        assertThat(crm.purchases()
                        .findReversalsBySources(List.of(SourceRef.of("shop", "C2"), SourceRef.of("shop", "C1"))))
                .as("the bulk look-up answers as the single one does for each reference")
                .containsExactly(Map.entry(SourceRef.of("shop", "C1"), first));
        assertThat(events(crm)).last().isInstanceOfSatisfying(OrderReversed.class, e -> {
            assertThat(e.reversalId()).isEqualTo(rest.id());
            assertThat(e.kind()).isEqualTo(ReversalKind.CANCELLATION);
            assertThat(e.amount()).isEqualTo(d("5.67"));
        });
        assertRefusedWithoutWrites(crm, ConflictException.class, () -> crm.purchases()
                .reverse(NewReversal.of(ReversalKind.CANCELLATION, o.id()).build()));
        assertThat(crm.purchases()
                        .reverse(NewReversal.of(ReversalKind.RETURN, o.id())
                                .line(1, d("1"))
                                .source("shop", "C1")
                                .build()))
                .as("a repeated source returns the first reversal even when nothing remains")
                .isEqualTo(first);
    }

    @Test
    @DisplayName("reversing more than remains, an unknown line or a repeated line is refused; nothing is written")
    void reverse_refusesBadLines() {
        Customer c = customer("Ada");
        Order o = order(c.id(), "GBP", "2026-01-05T10:00:00Z", "A", "2", "1");
        ValidationException e = assertRefusedWithoutWrites(crm, ValidationException.class, () -> crm.purchases()
                .reverse(NewReversal.of(ReversalKind.RETURN, o.id())
                        .line(1, d("3"))
                        .line(2, d("1"))
                        .build()));
        assertThat(paths(e)).containsExactly("lines[0].quantity", "lines[1].lineNumber");
        ValidationException twice = thrown(ValidationException.class, () -> crm.purchases()
                .reverse(NewReversal.of(ReversalKind.RETURN, o.id())
                        .line(1, d("1"))
                        .line(1, d("1"))
                        .build()));
        assertThat(paths(twice)).containsExactly("lines[1].lineNumber");
        assertThat(crm.purchases().get(o.id())).isEqualTo(o);
        assertRefusedWithoutWrites(crm, NotFoundException.class, () -> crm.purchases()
                .reverse(NewReversal.of(ReversalKind.RETURN, OrderId.of(UUID.randomUUID()))
                        .build()));
    }

    @Test
    @DisplayName("facts: purchases exclude fully reversed orders, same-day orders are one purchase day")
    void facts_followTheirDefinitions() {
        Customer c = customer("Ada");
        Order a = order(c.id(), "GBP", "2026-01-05T09:00:00Z", "A", "1", "10");
        order(c.id(), "GBP", "2026-01-05T23:59:59Z", "B", "2", "2.5");
        Order cancelled = order(c.id(), "GBP", "2026-01-09T10:00:00Z", "C", "1", "99");
        order(c.id(), "JPY", "2026-01-07T10:00:00Z", "D", "1", "500");
        Order early = order(c.id(), "GBP", "2025-12-31T23:00:00Z", "E", "4", "1");
        crm.purchases()
                .reverse(NewReversal.of(ReversalKind.CANCELLATION, cancelled.id())
                        .build());
        crm.purchases()
                .reverse(NewReversal.of(ReversalKind.RETURN, early.id())
                        .line(1, d("1"))
                        .build());
        crm.interactions()
                .record(NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                        .customer(c.id())
                        .occurredAt(Instant.parse("2026-01-02T00:00:00Z"))
                        .build());
        crm.interactions()
                .record(NewInteraction.on(Channel.EMAIL, Direction.OUTBOUND)
                        .customer(c.id())
                        .occurredAt(Instant.parse("2026-01-03T00:00:00Z"))
                        .build());
        crm.interactions()
                .record(NewInteraction.on(Channel.PHONE, Direction.INTERNAL)
                        .customer(c.id())
                        .occurredAt(Instant.parse("2026-01-01T00:00:00Z"))
                        .build());
        PurchaseFacts f = crm.purchases().facts(c.id());
        assertThat(f.orderCount()).isEqualTo(4);
        assertThat(f.repeatOrderCount()).isEqualTo(3);
        assertThat(f.purchaseDays()).isEqualTo(3);
        assertThat(f.repeatPurchaseDays()).isEqualTo(2);
        assertThat(f.firstPurchaseAt()).isEqualTo(early.occurredAt());
        assertThat(f.lastPurchaseAt()).isEqualTo(Instant.parse("2026-01-07T10:00:00Z"));
        assertThat(f.netRevenue()).isEqualTo(Map.of(GBP, d("18.00"), JPY, d("500")));
        assertThat(f.lastInteractionAt())
                .isEqualTo(Map.of(
                        Channel.EMAIL, Instant.parse("2026-01-03T00:00:00Z"),
                        Channel.PHONE, Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(a.customerId()).isEqualTo(c.id());
        PurchaseFacts none = crm.purchases().facts(customer("Bob").id());
        assertThat(none.orderCount()).isZero();
        assertThat(none.firstPurchase()).isEmpty();
        assertThat(none.netRevenue()).isEmpty();
        thrown(NotFoundException.class, () -> crm.purchases().facts(CustomerId.of(UUID.randomUUID())));
    }

    @Test
    @DisplayName("totals per currency count net revenue, purchases and buying customers")
    void totals_perCurrency() {
        Customer ada = customer("Ada");
        Customer bob = customer("Bob");
        customer("Idle");
        order(ada.id(), "GBP", "2026-01-05T09:00:00Z", "A", "1", "10");
        order(ada.id(), "GBP", "2026-01-06T09:00:00Z", "A", "1", "5.5");
        Order bobs = order(bob.id(), "GBP", "2026-01-06T09:00:00Z", "A", "2", "1.25");
        Order eur = order(bob.id(), "EUR", "2026-01-06T09:00:00Z", "A", "1", "7");
        crm.purchases()
                .reverse(NewReversal.of(ReversalKind.CANCELLATION, eur.id()).build());
        crm.purchases()
                .reverse(NewReversal.of(ReversalKind.RETURN, bobs.id())
                        .line(1, d("1"))
                        .build());
        assertThat(crm.purchases().totals())
                .containsExactly(
                        new CurrencyTotals(Currency.getInstance("EUR"), d("0.00"), 0, 0),
                        new CurrencyTotals(GBP, d("16.75"), 3, 2));
        assertThat(crm.forTenant(newTenant()).purchases().totals()).isEmpty();
    }

    @Test
    @DisplayName("deleting a customer deletes their orders, reversals and interactions, and frees their sources")
    void deleteCustomer_erasesTheirActivity() {
        Customer ada = customer("Ada");
        Customer bob = customer("Bob");
        Order o = crm.purchases()
                .record(NewOrder.of(ada.id(), "GBP")
                        .line("A", null, d("1"), d("3"))
                        .source("shop", "9")
                        .build());
        crm.purchases()
                .reverse(NewReversal.of(ReversalKind.RETURN, o.id())
                        .line(1, d("1"))
                        .source("shop", "C9")
                        .build());
        crm.interactions()
                .record(NewInteraction.on(Channel.CHAT, Direction.INBOUND)
                        .customer(ada.id())
                        .source("chat", "1")
                        .build());
        Order kept = order(bob.id(), "GBP", "2026-01-06T09:00:00Z", "A", "1", "2");
        crm.customers().delete(ada.id());
        assertThat(crm.purchases().find(o.id())).isEmpty();
        assertThat(crm.purchases().reversals(o.id())).isEmpty();
        assertThat(crm.purchases().findReversalBySource(SourceRef.of("shop", "C9")))
                .isEmpty();
        assertThat(crm.interactions().findBySource(SourceRef.of("chat", "1"))).isEmpty();
        assertThat(crm.purchases().totals()).containsExactly(new CurrencyTotals(GBP, d("2.00"), 1, 1));
        assertThat(crm.purchases().get(kept.id())).isEqualTo(kept);
        Order again = crm.purchases()
                .record(NewOrder.of(bob.id(), "GBP")
                        .line("A", null, d("1"), d("3"))
                        .source("shop", "9")
                        .build());
        assertThat(again.id()).isNotEqualTo(o.id());
        assertThat(List.of(again.customerId())).containsExactly(bob.id());
    }
}
