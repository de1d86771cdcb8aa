package dev.rapport.examples;

import dev.rapport.crm.Crm;
import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.IngestResult;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.interactions.UnmatchedPolicy;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.PurchaseFacts;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.purchases.NewOrder;
import dev.rapport.crm.purchases.NewReversal;
import dev.rapport.crm.timeline.TimelineQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Customer activity in one run, in memory: a call and an inbound email recorded against a
 * customer, a reply threaded to it, a message from an unknown sender turned into a lead, an order
 * with a partial return, then the merged timeline and the purchase facts.
 */
public final class ActivityTour {
    private ActivityTour() {}

    /** @param args unused */
    public static void main(String[] args) {
        try (Crm crm = Crm.builder()
                .storage(InMemoryStorage.create())
                .tenantSettings(tenant ->
                        TenantSettings.withPhoneRegion("GB").withUnmatchedInbound(UnmatchedPolicy.CREATE_LEAD))
                .build()) {
            Customer ada =
                    crm.customers().create(NewCustomer.named("Ada Lovelace").email("ada@example.com"));
            Instant morning = Instant.parse("2026-12-01T09:00:00Z");

            crm.interactions()
                    .record(NewInteraction.on(Channel.PHONE, Direction.INBOUND)
                            .customer(ada.id())
                            .occurredAt(morning)
                            .body("Asked when order 1001 ships")
                            .duration(Duration.ofMinutes(4))
                            .outcome("answered")
                            .build());

            NewInteraction email = NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                    .occurredAt(morning.plusSeconds(3600))
                    .subject("Order 1001")
                    .body("Could you send it to my office instead?")
                    .source("email", "m1@example.com")
                    .build();
            IngestResult first =
                    crm.interactions().ingest(InboundMessage.from(Identity.email("ADA@example.com"), email));
            IngestResult again =
                    crm.interactions().ingest(InboundMessage.from(Identity.email("ada@example.com"), email));
            System.out.println("inbound email: " + first.outcome() + ", the same message again: " + again.outcome());

            IngestResult reply = crm.interactions()
                    .ingest(InboundMessage.from(
                                    Identity.email("ada@example.com"),
                                    NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                            .occurredAt(morning.plusSeconds(7200))
                                            .subject("Re: Order 1001")
                                            .source("email", "m2@example.com")
                                            .build())
                            .replyingTo(java.util.List.of("m1@example.com")));
            System.out.println("reply joined the thread: "
                    + reply.interaction().threadId().equals(first.interaction().threadId()) + " ("
                    + crm.interactions()
                            .thread(first.interaction().threadId(), 10, null)
                            .items()
                            .size()
                    + " messages)");

            IngestResult stranger = crm.interactions()
                    .ingest(InboundMessage.from(
                                    Identity.phone("07911 123456"),
                                    NewInteraction.on(Channel.SMS, Direction.INBOUND)
                                            .body("Do you open on Sundays?")
                                            .build())
                            .senderName("Grace Hopper"));
            System.out.println("SMS from an unknown number: " + stranger.outcome() + " "
                    + crm.customers().get(stranger.interaction().customerId()).displayName());

            Order order = crm.purchases()
                    .record(NewOrder.of(ada.id(), "GBP")
                            .source("shop", "1001")
                            .occurredAt(morning.minus(Duration.ofDays(2)))
                            .line("85123A", "tea light holder", new BigDecimal("6"), new BigDecimal("2.55"))
                            .line("71053", "metal lantern", new BigDecimal("3"), new BigDecimal("3.385"))
                            .build());
            Reversal returned = crm.purchases()
                    .reverse(NewReversal.of(ReversalKind.RETURN, order.id())
                            .line(2, BigDecimal.ONE)
                            .reason("dented")
                            .occurredAt(morning.plus(Duration.ofDays(1)))
                            .build());
            System.out.println("order total " + order.total() + " GBP, returned " + returned.amount() + ", net "
                    + crm.purchases().get(order.id()).netTotal());

            System.out.println("Ada's timeline, newest first:");
            for (Activity a : crm.timeline().list(TimelineQuery.of(ada.id())).items()) {
                System.out.println("  " + a.occurredAt() + " " + a.activityKind() + " " + a.channel());
            }
            PurchaseFacts facts = crm.purchases().facts(ada.id());
            System.out.println("facts: " + facts.orderCount() + " order(s), net revenue " + facts.netRevenue()
                    + ", last email " + facts.lastInteractionAt().get(Channel.EMAIL));
        }
    }
}
