package dev.rapport.examples;

import dev.rapport.crm.Crm;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * A service case from first email to follow-up, in memory, on a clock the tour moves by hand:
 * replies on the case's thread attach to it and set its response facts, a pending case reopens
 * when the customer writes, an illegal move is refused, and after the reopen window a follow-up
 * case takes over.
 */
public final class CaseTour {
    private CaseTour() {}

    /** @param args unused */
    public static void main(String[] args) {
        HandClock clock = new HandClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (Crm crm =
                Crm.builder().storage(InMemoryStorage.create()).clock(clock).build()) {
            Customer ada =
                    crm.customers().create(NewCustomer.named("Ada Lovelace").email("ada@example.com"));
            Interaction email = crm.interactions()
                    .ingest(InboundMessage.from(
                            Identity.email("ada@example.com"),
                            NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                                    .subject("Parcel arrived damaged")
                                    .body("Two cups are broken.")
                                    .source("email", "m1@example.com")
                                    .build()))
                    .interaction();
            Case c = crm.cases()
                    .open(NewCase.about(ada.id(), "Parcel arrived damaged")
                            .origin(Channel.EMAIL)
                            .priority(CasePriority.HIGH)
                            .tags("shipping")
                            .interaction(email.id())
                            .build());
            System.out.println("opened: " + c.status() + ", " + c.priority() + ", thread " + c.threads());

            clock.advance(Duration.ofMinutes(90));
            reply(crm, ada, email.threadId(), Direction.OUTBOUND, "agent-7", "Sorry! Could you send a photo?");
            c = crm.cases().moveTo(c.id(), CaseStatus.PENDING, "agent-7");
            System.out.println("first response after " + c.firstResponseTime().orElseThrow() + ", now " + c.status());

            clock.advance(Duration.ofHours(20));
            reply(crm, ada, email.threadId(), Direction.INBOUND, null, "Here it is.");
            System.out.println("customer wrote back: " + crm.cases().get(c.id()).status());

            clock.advance(Duration.ofMinutes(45));
            reply(crm, ada, email.threadId(), Direction.OUTBOUND, "agent-7", "A new set is on its way.");
            c = crm.cases().moveTo(c.id(), CaseStatus.SOLVED, "agent-7");
            System.out.println("solved: next response " + c.facts().nextResponseTimes() + ", agent replies "
                    + c.facts().agentReplies() + ", first contact resolution "
                    + c.facts().firstContactResolution());

            try {
                crm.cases().moveTo(c.id(), CaseStatus.PENDING, "agent-7");
            } catch (ConflictException e) {
                System.out.println("refused: " + e.getMessage());
            }

            clock.advance(Duration.ofDays(8));
            try {
                crm.cases().moveTo(c.id(), CaseStatus.OPEN, "ada");
            } catch (ConflictException e) {
                System.out.println("reopen refused after the window");
            }
            Case next = crm.cases()
                    .followUp(
                            c.id(),
                            NewCase.about(ada.id(), "Replacement also damaged").build());
            System.out.println(
                    "follow-up related to the first case: " + next.related().contains(c.id()));

            System.out.println("history of the first case:");
            for (CaseChange h : crm.cases().history(c.id(), 50, null).items()) {
                System.out.println(
                        "  v" + h.version() + " " + h.field() + " " + h.from() + " -> " + h.to() + " by " + h.actor());
            }
        }
    }

    private static void reply(Crm crm, Customer who, String thread, Direction direction, String author, String text) {
        crm.interactions()
                .record(NewInteraction.on(Channel.EMAIL, direction)
                        .customer(who.id())
                        .thread(thread)
                        .author(author)
                        .body(text)
                        .build());
    }
}
