package dev.rapport.examples;

import dev.rapport.crm.Crm;
import dev.rapport.crm.cases.NewAgent;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.cases.NewSlaPolicy;
import dev.rapport.crm.cases.RoutingPolicy;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.inmemory.InMemoryStorage;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.calendar.BusinessCalendar;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.model.cases.Escalation;
import dev.rapport.crm.model.cases.SlaClock;
import dev.rapport.crm.model.cases.SlaMetric;
import dev.rapport.crm.model.cases.SlaTarget;
import dev.rapport.crm.model.cases.Team;
import dev.rapport.crm.model.event.CaseSlaBreached;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A help desk in a few dozen lines, in memory on a clock the example moves: an office calendar
 * with a holiday, a service-level policy in business hours, agents with skills and languages, a
 * skill-based team, cases routed (one waits for a free agent), due times over a holiday weekend,
 * breaches noticed by the due work when the clock is moved on, and the policy's escalation seen.
 */
public final class HelpDesk {
    private HelpDesk() {}

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter LOCAL =
            DateTimeFormatter.ofPattern("EEE d MMM HH:mm").withZone(LONDON);

    /** @param args unused */
    public static void main(String[] args) {
        // Thursday 24 December 2026, 11:00 in London: a half day, then Christmas and the weekend.
        HandClock clock = new HandClock(Instant.parse("2026-12-24T11:00:00Z"));
        List<CaseSlaBreached> breaches = new CopyOnWriteArrayList<>();
        try (Crm crm = Crm.builder()
                .storage(InMemoryStorage.create())
                .clock(clock)
                .listener(event -> {
                    if (event instanceof CaseSlaBreached b) {
                        breaches.add(b);
                    }
                })
                .build()) {
            BusinessCalendar office = BusinessCalendar.builder(LONDON)
                    .weekdays("09:00-17:00")
                    .holiday(LocalDate.of(2026, 12, 24), "09:00-13:00")
                    .closed(LocalDate.of(2026, 12, 25))
                    .build();
            crm.sla()
                    .define(NewSlaPolicy.named("Standard", office)
                            .target(SlaTarget.business(SlaMetric.FIRST_RESPONSE, Duration.ofHours(4)))
                            .target(SlaTarget.business(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                            .pauseWhileWaiting(true)
                            .escalation(new Escalation(
                                    Escalation.Trigger.BREACH, null, CasePriority.URGENT, "escalated", null))
                            .build());

            Team support = crm.agents().createTeam("Support", RoutingPolicy.SKILL_BASED_NAME);
            Agent grace = crm.agents()
                    .create(NewAgent.named("Grace")
                            .skills("billing", "refunds")
                            .languages("en")
                            .capacity(1)
                            .team(support.id())
                            .build());
            Agent alan = crm.agents()
                    .create(NewAgent.named("Alan")
                            .skills("tech")
                            .languages("en", "fr")
                            .capacity(2)
                            .team(support.id())
                            .build());

            Customer ada = crm.customers().create(NewCustomer.named("Ada Lovelace"));
            Case refund = crm.cases()
                    .open(NewCase.about(ada.id(), "Refund for a broken kettle")
                            .requiredSkills("refunds")
                            .team(support.id())
                            .build());
            Case wifi = crm.cases()
                    .open(NewCase.about(ada.id(), "Le wifi ne marche pas")
                            .requiredSkills("tech")
                            .language("fr")
                            .team(support.id())
                            .build());
            Case second = crm.cases()
                    .open(NewCase.about(ada.id(), "Another refund")
                            .requiredSkills("refunds")
                            .team(support.id())
                            .build());
            System.out.println("refund -> " + name(crm, refund) + ", wifi -> " + name(crm, wifi) + ", second refund -> "
                    + name(crm, second) + " ("
                    + crm.cases().waiting(support.id(), 10).size() + " waiting)");
            System.out.println("first response due " + due(refund, SlaMetric.FIRST_RESPONSE) + ", resolution due "
                    + due(refund, SlaMetric.RESOLUTION));

            clock.advance(Duration.ofHours(1));
            crm.cases().moveTo(refund.id(), CaseStatus.SOLVED, "grace");
            System.out.println("Grace solved the refund; the second one is now "
                    + name(crm, crm.cases().get(second.id())) + "'s");

            clock.advance(Duration.ofDays(5)); // Tuesday 29 December, 12:00
            crm.runDueWork(); // what an application's job or crm.scheduler() does every few seconds
            System.out.println("breaches noticed on the wifi case: "
                    + breaches.stream()
                            .filter(b -> b.caseId().equals(wifi.id()))
                            .map(b -> b.metric() + " due " + LOCAL.format(b.dueAt()))
                            .toList()
                    + "; it is now " + crm.cases().get(wifi.id()).priority() + " "
                    + crm.cases().get(wifi.id()).tags());
            Case late = crm.cases().moveTo(wifi.id(), CaseStatus.SOLVED, "alan");
            SlaClock resolution = late.sla(SlaMetric.RESOLUTION).orElseThrow();
            System.out.println("wifi solved " + LOCAL.format(resolution.stoppedAt()) + ", due "
                    + LOCAL.format(resolution.dueAt()) + ": breached " + resolution.breached());
            System.out.println(
                    "open cases: Grace " + crm.agents().get(grace.id()).openCases() + ", Alan "
                            + crm.agents().get(alan.id()).openCases());
        }
    }

    private static String name(Crm crm, Case c) {
        return c.assignee() == null ? "nobody" : crm.agents().get(c.assignee()).name();
    }

    private static String due(Case c, SlaMetric metric) {
        return LOCAL.format(c.sla(metric).orElseThrow().dueAt());
    }
}
