package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.Crm;
import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.cases.CasePatch;
import dev.rapport.crm.cases.CaseQuery;
import dev.rapport.crm.cases.NewAgent;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.cases.NewSlaPolicy;
import dev.rapport.crm.cases.RoutingPolicy;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeType;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.calendar.BusinessCalendar;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.model.cases.Escalation;
import dev.rapport.crm.model.cases.SlaClock;
import dev.rapport.crm.model.cases.SlaMetric;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.model.cases.SlaTarget;
import dev.rapport.crm.model.cases.Team;
import dev.rapport.crm.model.event.CaseSlaAtRisk;
import dev.rapport.crm.model.event.CaseSlaBreached;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.spi.CaseQueueKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Service-level policies: validation, which policy a case gets, clocks in business time through
 * replies, pauses, solves and reopens, recomputation when a policy changes, and queues ordered by
 * due time.
 *
 * @since 0.3
 */
public abstract class SlaContract extends ContractSupport {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** Weekdays 09:00-17:00 in London. */
    private static final BusinessCalendar OFFICE =
            BusinessCalendar.builder(LONDON).weekdays("09:00-17:00").build();

    private static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    private void at(String localDateTime) {
        Instant target = london(localDateTime);
        Duration step = Duration.between(clock.instant(), target);
        assertThat(step.isNegative()).as("the test's clock only moves forward").isFalse();
        clock.advance(step);
    }

    private Customer customer() {
        return crm.customers().create(NewCustomer.named("Ada"));
    }

    private void reply(Case c, Direction direction) {
        crm.interactions()
                .record(NewInteraction.on(Channel.EMAIL, direction)
                        .customer(c.customerId())
                        .thread(c.threads().iterator().next())
                        .author(direction == Direction.OUTBOUND ? "agent" : null)
                        .body("text")
                        .build());
    }

    private Case openWithThread(Customer who, CasePriority priority, String... tags) {
        var first = crm.interactions()
                .record(NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                        .customer(who.id())
                        .thread("t-" + java.util.UUID.randomUUID())
                        .body("help")
                        .build());
        return crm.cases()
                .open(NewCase.about(who.id(), "help")
                        .priority(priority)
                        .origin(Channel.EMAIL)
                        .tags(tags)
                        .interaction(first.id())
                        .build());
    }

    @Test
    @DisplayName("bad policies name every field at once")
    void define_refusesBadPolicies() {
        assertThatThrownBy(() -> crm.sla()
                        .define(NewSlaPolicy.named(" ", OFFICE)
                                .rank(-1)
                                .customerAttribute("nope", "x")
                                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path())
                        .contains("name", "rank", "targets"));
        assertThatThrownBy(() -> crm.sla()
                        .define(NewSlaPolicy.named("twice", OFFICE)
                                .target(SlaTarget.business(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                                .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path())
                        .containsExactly("targets[1]"));
        assertThatThrownBy(() -> crm.sla()
                        .define(NewSlaPolicy.named("attr", OFFICE)
                                .target(SlaTarget.business(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                                .customerAttribute("nope", "x")
                                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path())
                        .containsExactly("customerAttributes.nope"));
        assertThatThrownBy(() -> crm.sla()
                        .define(NewSlaPolicy.named("escalations", OFFICE)
                                .target(SlaTarget.business(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                                .tags(" ")
                                .escalation(new Escalation(Escalation.Trigger.BREACH, null, null, " ", null))
                                .escalation(
                                        new Escalation(Escalation.Trigger.BREACH, null, null, "x".repeat(101), null))
                                .escalation(new Escalation(Escalation.Trigger.BREACH, null, null, "bell\u0007", null))
                                .escalation(new Escalation(Escalation.Trigger.BREACH, null, null, " late", null))
                                .escalation(new Escalation(
                                        Escalation.Trigger.AT_RISK, SlaMetric.FIRST_RESPONSE, null, "late", null))
                                .escalation(new Escalation(Escalation.Trigger.BREACH, null, null, null, null))
                                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path())
                        .containsExactlyInAnyOrder(
                                "tags",
                                "escalations[0].addTag",
                                "escalations[1].addTag",
                                "escalations[2].addTag",
                                "escalations[3].addTag",
                                "escalations[4].metric",
                                "escalations[5]"));
        assertThat(crm.sla().list()).isEmpty();
    }

    @Test
    @DisplayName("a case gets the first matching policy by rank, and a raised priority moves it to a stricter one")
    void matching_byRankAndConditions() {
        crm.attributes().define(AttributeDefinition.of("tier", AttributeType.TEXT));
        Customer ada = customer();
        Customer gold = crm.customers().create(NewCustomer.named("Grace").attribute("tier", "gold"));
        SlaPolicy any = crm.sla()
                .define(NewSlaPolicy.named("standard", OFFICE)
                        .rank(100)
                        .target(SlaTarget.business(SlaMetric.RESOLUTION, Duration.ofHours(16)))
                        .build());
        SlaPolicy urgent = crm.sla()
                .define(NewSlaPolicy.named("urgent", OFFICE)
                        .rank(10)
                        .priorities(CasePriority.URGENT)
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(4)))
                        .build());
        SlaPolicy vip = crm.sla()
                .define(NewSlaPolicy.named("vip", OFFICE)
                        .rank(20)
                        .tags("vip")
                        .customerAttribute("tier", "gold")
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                        .build());
        assertThat(crm.sla().list()).extracting(SlaPolicy::id).containsExactly(urgent.id(), vip.id(), any.id());

        Case plain = openWithThread(ada, CasePriority.NORMAL, "vip");
        assertThat(plain.slaPolicy()).isEqualTo(any.id());
        Case goldVip = openWithThread(gold, CasePriority.NORMAL, "vip");
        assertThat(goldVip.slaPolicy()).isEqualTo(vip.id());
        assertThat(goldVip.sla(SlaMetric.RESOLUTION).orElseThrow().dueAt())
                .isEqualTo(goldVip.createdAt().plus(Duration.ofHours(8)));
        Case raised = crm.cases()
                .update(
                        plain.id(),
                        plain.version(),
                        CasePatch.builder().priority(CasePriority.URGENT).build());
        assertThat(raised.slaPolicy()).isEqualTo(urgent.id());
        SlaClock clock = raised.sla(SlaMetric.RESOLUTION).orElseThrow();
        assertThat(clock.startedAt()).isEqualTo(plain.createdAt());
        assertThat(clock.dueAt()).isEqualTo(plain.createdAt().plus(Duration.ofHours(4)));
        assertThat(crm.cases().history(plain.id(), 100, null).items())
                .filteredOn(h -> h.field().equals("sla"))
                .extracting(h -> h.to())
                .containsExactly(any.id().toString(), urgent.id().toString());
    }

    @Test
    @DisplayName(
            "business-time clocks: due over a weekend, stopped by replies, paused while pending, breached when solved late")
    void clocks_inBusinessTime() {
        SlaPolicy policy = crm.sla()
                .define(NewSlaPolicy.named("office", OFFICE)
                        .target(SlaTarget.business(SlaMetric.FIRST_RESPONSE, Duration.ofHours(2)))
                        .target(SlaTarget.business(SlaMetric.NEXT_RESPONSE, Duration.ofHours(1)))
                        .target(SlaTarget.business(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                        .pauseWhileWaiting(true)
                        .build());
        Customer ada = customer();
        at("2026-03-20T16:00"); // a Friday
        Case c = openWithThread(ada, CasePriority.NORMAL);
        assertThat(c.slaPolicy()).isEqualTo(policy.id());
        assertThat(c.sla(SlaMetric.FIRST_RESPONSE).orElseThrow().dueAt()).isEqualTo(london("2026-03-23T10:00"));
        assertThat(c.sla(SlaMetric.RESOLUTION).orElseThrow().dueAt()).isEqualTo(london("2026-03-23T16:00"));
        assertThat(c.sla(SlaMetric.NEXT_RESPONSE)).isEmpty();
        assertThat(c.nextDueAt()).contains(london("2026-03-23T10:00"));

        at("2026-03-23T09:30");
        reply(c, Direction.OUTBOUND);
        c = crm.cases().get(c.id());
        SlaClock first = c.sla(SlaMetric.FIRST_RESPONSE).orElseThrow();
        assertThat(first.stoppedAt()).isEqualTo(london("2026-03-23T09:30"));
        assertThat(first.breached()).isFalse();
        assertThat(c.nextDueAt()).contains(london("2026-03-23T16:00"));

        at("2026-03-23T10:00");
        c = crm.cases().moveTo(c.id(), CaseStatus.PENDING, null);
        assertThat(c.sla(SlaMetric.RESOLUTION).orElseThrow().dueAt()).isNull();
        assertThat(c.nextDueAt()).isEmpty();
        at("2026-03-23T12:00");
        reply(c, Direction.INBOUND); // the customer answers: open again, the clocks run
        c = crm.cases().get(c.id());
        assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        SlaClock resolution = c.sla(SlaMetric.RESOLUTION).orElseThrow();
        assertThat(resolution.pauses())
                .containsExactly(new SlaClock.Pause(london("2026-03-23T10:00"), london("2026-03-23T12:00")));
        // 2 of 8 business hours used (Fri 16-17, Mon 9-10); 6 more from Mon 12:00: Tue 10:00.
        assertThat(resolution.dueAt()).isEqualTo(london("2026-03-24T10:00"));
        SlaClock next = c.sla(SlaMetric.NEXT_RESPONSE).orElseThrow();
        assertThat(next.startedAt()).isEqualTo(london("2026-03-23T12:00"));
        assertThat(next.dueAt()).isEqualTo(london("2026-03-23T13:00"));

        at("2026-03-23T14:00");
        reply(c, Direction.OUTBOUND);
        c = crm.cases().get(c.id());
        assertThat(c.sla(SlaMetric.NEXT_RESPONSE).orElseThrow().breached()).isTrue();

        at("2026-03-24T11:00");
        c = crm.cases().moveTo(c.id(), CaseStatus.SOLVED, null);
        resolution = c.sla(SlaMetric.RESOLUTION).orElseThrow();
        assertThat(resolution.stoppedAt()).isEqualTo(london("2026-03-24T11:00"));
        assertThat(resolution.breached()).isTrue();
        assertThat(c.nextDueAt()).isEmpty();

        at("2026-03-24T15:00");
        c = crm.cases().moveTo(c.id(), CaseStatus.OPEN, null);
        resolution = c.sla(SlaMetric.RESOLUTION).orElseThrow();
        assertThat(resolution.stoppedAt()).isNull();
        assertThat(resolution.pauses()).hasSize(2);
        // Time used up before the solve (it was due Tue 10:00): due stays where it was.
        assertThat(resolution.dueAt()).isEqualTo(london("2026-03-24T10:00"));
    }

    @Test
    @DisplayName("the solved span stays a pause after a reopen under a policy that does not pause while waiting")
    void reopen_solvedSpanStaysAPause_underAPolicyThatDoesNotPause() {
        crm.sla()
                .define(NewSlaPolicy.named("no pauses", BusinessCalendar.alwaysOpen(LONDON))
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(4)))
                        .pauseWhileWaiting(false)
                        .build());
        Case c = openWithThread(customer(), CasePriority.NORMAL);
        Instant opened = c.createdAt();
        clock.advance(Duration.ofHours(1));
        crm.cases().moveTo(c.id(), CaseStatus.SOLVED, null);
        clock.advance(Duration.ofHours(1));
        c = crm.cases().moveTo(c.id(), CaseStatus.OPEN, null);
        assertThat(c.sla(SlaMetric.RESOLUTION).orElseThrow().dueAt()).isEqualTo(opened.plus(Duration.ofHours(5)));
        clock.advance(Duration.ofMinutes(30));
        reply(c, Direction.INBOUND); // any later write must keep the pause
        SlaClock resolution = crm.cases().get(c.id()).sla(SlaMetric.RESOLUTION).orElseThrow();
        assertThat(resolution.pauses())
                .containsExactly(
                        new SlaClock.Pause(opened.plus(Duration.ofHours(1)), opened.plus(Duration.ofHours(2))));
        assertThat(resolution.dueAt()).isEqualTo(opened.plus(Duration.ofHours(5)));
    }

    @Test
    @DisplayName(
            "a clock the solve stopped keeps its stop: a late agent reply to the solved case is no late first response")
    void replyToASolvedCase_keepsTheStopOfTheSolve() {
        crm.sla()
                .define(NewSlaPolicy.named("hour", BusinessCalendar.alwaysOpen(LONDON))
                        .target(SlaTarget.calendar(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)))
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                        .pauseWhileWaiting(true)
                        .build());
        Case c = openWithThread(customer(), CasePriority.NORMAL);
        clock.advance(Duration.ofMinutes(10));
        Instant solved = crm.cases().moveTo(c.id(), CaseStatus.SOLVED, null).updatedAt();
        clock.advance(Duration.ofHours(2));
        reply(c, Direction.OUTBOUND);
        c = crm.cases().get(c.id());
        assertThat(c.facts().firstResponseAt()).as("the reply is linked").isNotNull();
        SlaClock first = c.sla(SlaMetric.FIRST_RESPONSE).orElseThrow();
        assertThat(first.stoppedAt()).isEqualTo(solved);
        assertThat(first.breached()).isFalse();
        clock.advance(Duration.ofHours(1));
        reply(c, Direction.INBOUND); // reopens: first response was met meanwhile, so it stays stopped
        c = crm.cases().get(c.id());
        assertThat(c.status()).isEqualTo(CaseStatus.OPEN);
        first = c.sla(SlaMetric.FIRST_RESPONSE).orElseThrow();
        assertThat(first.stoppedAt()).isEqualTo(solved);
        assertThat(first.breached()).isFalse();
        assertThat(c.sla(SlaMetric.RESOLUTION).orElseThrow().running()).isTrue();
    }

    @Test
    @DisplayName("changing a policy recomputes the due times of its active cases, not of solved ones")
    void update_recomputesActiveCases() {
        SlaPolicy policy = crm.sla()
                .define(NewSlaPolicy.named("plain", BusinessCalendar.alwaysOpen(LONDON))
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(2)))
                        .build());
        Customer ada = customer();
        Case active = openWithThread(ada, CasePriority.NORMAL);
        Case solved =
                crm.cases().moveTo(openWithThread(ada, CasePriority.NORMAL).id(), CaseStatus.SOLVED, null);
        clock.advance(Duration.ofMinutes(30));
        SlaPolicy changed = crm.sla()
                .update(
                        policy.id(),
                        1,
                        NewSlaPolicy.named("plain", OFFICE)
                                .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(5)))
                                .build());
        assertThat(changed.version()).isEqualTo(2);
        Case recomputed = crm.cases().get(active.id());
        assertThat(recomputed.sla(SlaMetric.RESOLUTION).orElseThrow().dueAt())
                .isEqualTo(active.createdAt().plus(Duration.ofHours(5)));
        assertThat(crm.cases().get(solved.id())).isEqualTo(solved);
        assertThatThrownBy(() -> crm.sla()
                        .update(
                                policy.id(),
                                1,
                                NewSlaPolicy.named("stale", OFFICE)
                                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(1)))
                                        .build()))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(crm.forTenant(newTenant()).sla().list()).isEmpty();
    }

    @Test
    @DisplayName(
            "changing a policy recomputes every active case it applies to, pages of them and the last full one included")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void update_recomputesEveryActiveCase_acrossPages() {
        SlaPolicy policy = crm.sla()
                .define(NewSlaPolicy.named("plain", BusinessCalendar.alwaysOpen(LONDON))
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(2)))
                        .build());
        Customer ada = customer();
        // 400: two whole pages of the engine's 200 (DefaultSlaService.RECOMPUTE_PAGE), so the read
        // after the last one finds none; the timeout catches a loop that does not move on.
        List<Case> active = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            active.add(crm.cases().open(NewCase.about(ada.id(), "help " + i).build()));
        }
        clock.advance(Duration.ofMinutes(30));

        crm.sla()
                .update(
                        policy.id(),
                        1,
                        NewSlaPolicy.named("plain", BusinessCalendar.alwaysOpen(LONDON))
                                .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(5)))
                                .build());

        assertThat(active).allSatisfy(c -> assertThat(crm.cases()
                        .get(c.id())
                        .sla(SlaMetric.RESOLUTION)
                        .orElseThrow()
                        .dueAt())
                .as(c.id().toString())
                .isEqualTo(c.createdAt().plus(Duration.ofHours(5))));
    }

    @Test
    @DisplayName("the store pages a policy's active cases by id: each once, none solved, none of another policy")
    void storeRead_pagesAPolicysActiveCases() {
        SlaPolicy policy = crm.sla()
                .define(NewSlaPolicy.named("urgent", BusinessCalendar.alwaysOpen(LONDON))
                        .rank(1)
                        .priorities(CasePriority.URGENT)
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(2)))
                        .build());
        SlaPolicy other = crm.sla()
                .define(NewSlaPolicy.named("rest", BusinessCalendar.alwaysOpen(LONDON))
                        .rank(2)
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                        .build());
        Customer ada = customer();
        Set<CaseId> expected = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            Case urgent = crm.cases()
                    .open(NewCase.about(ada.id(), "urgent " + i)
                            .priority(CasePriority.URGENT)
                            .build());
            assertThat(urgent.slaPolicy()).isEqualTo(policy.id());
            expected.add(urgent.id());
        }
        Case solved = crm.cases()
                .open(NewCase.about(ada.id(), "solved")
                        .priority(CasePriority.URGENT)
                        .build());
        crm.cases().moveTo(solved.id(), CaseStatus.SOLVED, null);
        Case elsewhere = crm.cases().open(NewCase.about(ada.id(), "normal").build());
        assertThat(elsewhere.slaPolicy()).isEqualTo(other.id());

        List<CaseId> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        CaseId after = null;
        for (int pages = 0; pages < 10; pages++) {
            CaseId from = after;
            List<Case> page = storage.read(crm.tenant(), s -> s.cases().activeWithPolicy(policy.id(), from, 3));
            sizes.add(page.size());
            page.forEach(c -> seen.add(c.id()));
            if (page.size() < 3) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }

        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(seen).doesNotHaveDuplicates().isSorted();
        assertThat(Set.copyOf(seen)).isEqualTo(expected);
    }

    @Test
    @DisplayName("a team's queue puts the soonest due case first")
    void queue_ordersBySoonestDue() {
        crm.sla()
                .define(NewSlaPolicy.named("urgent", BusinessCalendar.alwaysOpen(LONDON))
                        .rank(1)
                        .priorities(CasePriority.URGENT)
                        .target(SlaTarget.calendar(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(30)))
                        .build());
        crm.sla()
                .define(NewSlaPolicy.named("low", BusinessCalendar.alwaysOpen(LONDON))
                        .rank(2)
                        .priorities(CasePriority.LOW)
                        .target(SlaTarget.calendar(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(10)))
                        .build());
        Team team = crm.agents().createTeam("desk", RoutingPolicy.LEAST_LOADED_NAME);
        crm.agents().create(NewAgent.named("busy").capacity(0).team(team.id()).build());
        Customer ada = customer();
        Case none = crm.cases()
                .open(NewCase.about(ada.id(), "no policy").team(team.id()).build());
        clock.advance(Duration.ofMinutes(1));
        Case urgent = crm.cases()
                .open(NewCase.about(ada.id(), "urgent")
                        .priority(CasePriority.URGENT)
                        .team(team.id())
                        .build());
        clock.advance(Duration.ofMinutes(1));
        Case low = crm.cases()
                .open(NewCase.about(ada.id(), "low")
                        .priority(CasePriority.LOW)
                        .team(team.id())
                        .build());
        assertThat(low.nextDueAt()).contains(low.createdAt().plus(Duration.ofMinutes(10)));
        assertThat(crm.cases().waiting(team.id(), 10))
                .extracting(Case::id)
                .containsExactly(low.id(), urgent.id(), none.id());
    }

    @Test
    @DisplayName("deleting a customer cancels the timers of their cases, and only theirs")
    void deletingACustomer_cancelsTheTimersOfTheirCases() {
        Crm desk = builder(storage)
                .tenantSettings(t -> TenantSettings.withPhoneRegion("GB")
                        .withPendingReminder(Duration.ofDays(2))
                        .withAutoClose(Duration.ofDays(3)))
                .build()
                .forTenant(newTenant());
        desk.sla()
                .define(NewSlaPolicy.named("day", BusinessCalendar.alwaysOpen(LONDON))
                        .target(SlaTarget.calendar(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)))
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                        .build());
        Customer ada = desk.customers().create(NewCustomer.named("Ada"));
        Customer bob = desk.customers().create(NewCustomer.named("Bob"));
        List<String> keys = new ArrayList<>();
        List<String> bobs = new ArrayList<>();
        for (Customer who : List.of(ada, bob)) {
            Case running = desk.cases().open(NewCase.about(who.id(), "running").build());
            Case waiting = desk.cases().open(NewCase.about(who.id(), "waiting").build());
            desk.cases().moveTo(waiting.id(), CaseStatus.PENDING, "agent");
            Case solved = desk.cases().open(NewCase.about(who.id(), "solved").build());
            desk.cases().moveTo(solved.id(), CaseStatus.SOLVED, "agent");
            List<String> mine = who == ada ? keys : bobs;
            for (String metric : List.of("first_response", "resolution")) {
                mine.add("case:" + running.id() + ":sla:" + metric + ":at-risk");
                mine.add("case:" + running.id() + ":sla:" + metric + ":breach");
            }
            mine.add("case:" + waiting.id() + ":reminder");
            mine.add("case:" + solved.id() + ":auto-close");
        }
        assertThat(keys).allSatisfy(k -> assertThat(timer(desk, k)).as(k).isPresent());

        desk.customers().delete(ada.id());

        assertThat(keys).allSatisfy(k -> assertThat(timer(desk, k)).as(k).isEmpty());
        assertThat(bobs).allSatisfy(k -> assertThat(timer(desk, k)).as(k).isPresent());
    }

    @Test
    @DisplayName("the store refuses a page of cases of fewer than one")
    void storeReads_refuseALimitBelowOne() {
        var team = crm.agents().createTeam("desk", RoutingPolicy.LEAST_LOADED_NAME);
        var policy = crm.sla()
                .define(NewSlaPolicy.named("day", BusinessCalendar.alwaysOpen(LONDON))
                        .target(SlaTarget.calendar(SlaMetric.RESOLUTION, Duration.ofHours(8)))
                        .build());
        for (int limit : new int[] {0, -1}) {
            thrown(
                    IllegalArgumentException.class,
                    () -> storage.read(crm.tenant(), s -> s.cases().activeWithPolicy(policy.id(), null, limit)));
            thrown(
                    IllegalArgumentException.class,
                    () -> storage.read(crm.tenant(), s -> s.cases().waiting(team.id(), limit)));
        }
    }

    private java.util.Optional<dev.rapport.crm.model.timer.Timer> timer(Crm view, String key) {
        return storage.read(view.tenant(), s -> s.timers().get(key));
    }

    @Test
    @DisplayName("due work notices at-risk and breached clocks once each and applies the policy's escalations")
    void dueWork_notifiesAtRiskAndBreachOnce_andEscalates() {
        Team escalations = crm.agents().createTeam("escalations", RoutingPolicy.LEAST_LOADED_NAME);
        Agent lead = crm.agents()
                .create(NewAgent.named("lead").team(escalations.id()).build());
        crm.sla()
                .define(NewSlaPolicy.named("hour", BusinessCalendar.alwaysOpen(LONDON))
                        .target(SlaTarget.calendar(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1)))
                        .escalation(new Escalation(Escalation.Trigger.AT_RISK, null, null, "at-risk", null))
                        .escalation(new Escalation(
                                Escalation.Trigger.BREACH,
                                SlaMetric.FIRST_RESPONSE,
                                CasePriority.URGENT,
                                null,
                                escalations.id()))
                        .build());
        Customer ada = customer();
        Case late = openWithThread(ada, CasePriority.LOW);
        Case answered = openWithThread(ada, CasePriority.LOW);
        assertThat(late.sla(SlaMetric.FIRST_RESPONSE).orElseThrow().atRiskAt())
                .isEqualTo(late.createdAt().plus(Duration.ofMinutes(45)));
        clock.advance(Duration.ofMinutes(30));
        reply(answered, Direction.OUTBOUND);
        crm.runDueWork();
        assertThat(listener.events(CaseSlaAtRisk.class)).isEmpty();

        clock.advance(Duration.ofMinutes(16));
        crm.runDueWork();
        assertThat(listener.events(CaseSlaAtRisk.class))
                .filteredOn(e -> e.tenantId().equals(crm.tenant()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.caseId()).isEqualTo(late.id());
                    assertThat(e.dueAt())
                            .as("the clock's due time, not the at-risk instant")
                            .isEqualTo(late.createdAt().plus(Duration.ofHours(1)));
                    assertThat(e.escalations()).containsExactly("tags");
                });
        assertThat(crm.cases().get(late.id()).tags()).containsExactly("at-risk");
        crm.runDueWork();
        assertThat(listener.events(CaseSlaAtRisk.class))
                .filteredOn(e -> e.tenantId().equals(crm.tenant()))
                .hasSize(1);

        clock.advance(Duration.ofMinutes(15));
        crm.runDueWork();
        crm.runDueWork();
        assertThat(listener.events(CaseSlaBreached.class))
                .filteredOn(e -> e.tenantId().equals(crm.tenant()))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.caseId()).isEqualTo(late.id());
                    assertThat(e.metric()).isEqualTo(SlaMetric.FIRST_RESPONSE);
                    assertThat(e.dueAt()).isEqualTo(late.createdAt().plus(Duration.ofHours(1)));
                    assertThat(e.escalations()).containsExactly("priority", "team");
                });
        Case escalated = crm.cases().get(late.id());
        assertThat(escalated.priority()).isEqualTo(CasePriority.URGENT);
        assertThat(escalated.team()).isEqualTo(escalations.id());
        assertThat(escalated.assignee()).isEqualTo(lead.id());
        assertThat(escalated.sla(SlaMetric.FIRST_RESPONSE).orElseThrow().breachNotified())
                .isTrue();
        assertThat(crm.cases().history(late.id(), 100, null).items())
                .filteredOn(h -> "sla".equals(h.actor()))
                .extracting(h -> h.field())
                .contains("sla.at-risk", "sla.breach", "priority", "team", "assignee");
        assertThat(crm.cases()
                        .get(answered.id())
                        .sla(SlaMetric.FIRST_RESPONSE)
                        .orElseThrow()
                        .breachNotified())
                .isFalse();
    }

    @Test
    @DisplayName("generated queue views page in due, urgency, age order and count by pushdown, as a plain sort says")
    void queueViews_matchAPlainSort() {
        crm.sla()
                .define(NewSlaPolicy.named("urgent", BusinessCalendar.alwaysOpen(LONDON))
                        .priorities(CasePriority.URGENT, CasePriority.HIGH)
                        .target(SlaTarget.calendar(SlaMetric.FIRST_RESPONSE, Duration.ofMinutes(90)))
                        .build());
        Team a = crm.agents().createTeam("a", RoutingPolicy.LEAST_LOADED_NAME);
        Team b = crm.agents().createTeam("b", RoutingPolicy.LEAST_LOADED_NAME);
        Agent grace = crm.agents().create(NewAgent.named("grace").capacity(0).build());
        Customer ada = customer();
        java.util.SplittableRandom random =
                new java.util.SplittableRandom(Seeds.seeds(1, "rapport.tck.queue.seeds")[0]);
        List<Case> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofSeconds(random.nextInt(3)));
            CasePriority p = CasePriority.values()[random.nextInt(4)];
            NewCase.Builder nc = NewCase.about(ada.id(), "case " + i).priority(p);
            int where = random.nextInt(3);
            if (where > 0) {
                nc.team(where == 1 ? a.id() : b.id());
            }
            Case c = crm.cases().open(nc.build());
            if (random.nextInt(3) == 0) {
                c = crm.cases().assign(c.id(), grace.id(), null);
            }
            if (random.nextInt(4) == 0) {
                c = crm.cases().moveTo(c.id(), CaseStatus.PENDING, null);
            }
            if (random.nextInt(6) == 0) {
                c = crm.cases().moveTo(c.id(), CaseStatus.SOLVED, null);
            }
            all.add(c);
        }
        List<CaseQuery> queries = List.of(
                CaseQuery.open(),
                CaseQuery.open().team(a.id()),
                CaseQuery.open().team(b.id()).unassigned(),
                CaseQuery.open().assignee(grace.id()),
                CaseQuery.open().priorities(CasePriority.URGENT, CasePriority.LOW),
                CaseQuery.open().statuses(CaseStatus.SOLVED, CaseStatus.PENDING));
        for (int q = 0; q < queries.size(); q++) {
            CaseQuery query = queries.get(q);
            List<Case> expected = all.stream()
                    .map(c -> crm.cases().get(c.id()))
                    .filter(c -> query.statuses().contains(c.status()))
                    .filter(c ->
                            query.priorities().isEmpty() || query.priorities().contains(c.priority()))
                    .filter(c -> query.team() == null || query.team().equals(c.team()))
                    .filter(c -> query.assignee() == null || query.assignee().equals(c.assignee()))
                    .filter(c -> !query.isUnassigned() || c.assignee() == null)
                    .sorted(java.util.Comparator.comparing(CaseQueueKey::of))
                    .toList();
            assertThat(crm.cases().count(query)).as("count of query %d", q).isEqualTo(expected.size());
            for (int size : new int[] {1, 3, 7, 1000}) {
                List<Case> paged = new ArrayList<>();
                String cursor = null;
                do {
                    Page<Case> page = crm.cases().list(query.limit(size).after(cursor));
                    paged.addAll(page.items());
                    cursor = page.nextCursor();
                } while (cursor != null);
                assertThat(paged)
                        .extracting(Case::id)
                        .as("query %d, pages of %d", q, size)
                        .containsExactlyElementsOf(
                                expected.stream().map(Case::id).toList());
            }
        }
        assertThat(all.stream().map(c -> crm.cases().get(c.id())).filter(c -> c.nextDueAt()
                        .isPresent()))
                .as("the generated cases include some with a due time")
                .isNotEmpty();
        assertThatThrownBy(() -> crm.cases().list(CaseQuery.open().after("nope")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() ->
                        crm.cases().list(CaseQuery.open().assignee(grace.id()).unassigned()))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> crm.cases().list(CaseQuery.open().limit(0))).isInstanceOf(ValidationException.class);
    }
}
