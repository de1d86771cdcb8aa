package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rapport.crm.Crm;
import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.cases.CasePatch;
import dev.rapport.crm.cases.CaseQuery;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.cases.NewSlaPolicy;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.calendar.BusinessCalendar;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.model.cases.Escalation;
import dev.rapport.crm.model.cases.SlaClock;
import dev.rapport.crm.model.cases.SlaMetric;
import dev.rapport.crm.model.cases.SlaTarget;
import dev.rapport.crm.model.event.CaseSlaAtRisk;
import dev.rapport.crm.model.event.CaseSlaBreached;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.spi.CaseQueueKey;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Random sequences of case commands, replies, clock advances and due work, applied to the adapter
 * under test and to a plain reference model of the service-level rules, compared after every step:
 * each case's policy, status, tags and every field of every clock it carries (start, pauses, due
 * time, stop, breached, at-risk instant, notified flags), the active cases in queue order (soonest
 * due first, which the store keeps beside the case), and the {@code case.sla-at-risk} and {@code
 * case.sla-breached} events told to listeners and kept in the tenant's log.
 *
 * <p>Three policies in calendar time (so the reference is plain arithmetic, whatever the office
 * calendar they carry says): chat cases get a quick one whose clocks run while the case waits;
 * urgent and high email cases a strict one and the others a lax one, both pausing while the case
 * is pending or on hold, so a priority change moves a case between them mid-flight (the chat
 * policy goes by channel, so no case moves between policies that pause differently, which the
 * documentation leaves open). Each has targets for first response, next response and resolution,
 * and one escalation that adds a tag, on a metric that notifies at most once per case so that the
 * order of notices within one run of due work does not matter.
 *
 * <p>The model is the documented rules read literally (the javadoc of {@link SlaClock}, {@link
 * SlaMetric}, {@link Escalation} and the architecture notes): first response and resolution start
 * at opening, next response at the oldest customer message waiting after the first response, and
 * starts again with the next one; a clock stops at its metric's event or when the case is solved or
 * closed, whichever comes first, and a reopen runs again those that stopped for the solve, the
 * solved span a pause; under a pausing policy pending and on hold pause every running clock; due
 * times spend the target between pauses; the at-risk instant spends the tenant's fraction of it.
 * Due work notices a running clock that has reached its at-risk instant or its due time once each
 * (a next-response clock that starts again is a new clock), with the clock's due time in both
 * events, and never a clock that was paused or stopped when it ran.
 *
 * <p>Skipped (visibly) if the adapter stores no timers.
 *
 * @since 0.3
 */
public abstract class SlaModelContract extends ContractSupport {
    private static final Logger LOG = LoggerFactory.getLogger(SlaModelContract.class);

    /**
     * Later than every other contract's clock: due work fires the timers of every tenant, and the
     * ones a trial leaves (it cancels its own when it ends) must never fall due in another test.
     */
    private static final Instant BASE = Instant.parse("2027-02-01T08:00:00Z");

    private static final Duration WINDOW = TenantSettings.DEFAULT_REOPEN_WINDOW;
    private static final double AT_RISK = TenantSettings.DEFAULT_AT_RISK_FRACTION;

    /** Calendar-time targets must not look at it. */
    private static final BusinessCalendar OFFICE = BusinessCalendar.builder(ZoneId.of("Europe/London"))
            .weekdays("09:00-17:00")
            .build();

    /** One of the tenant's policies as the model knows it. */
    private enum Policy {
        /** Chat cases, whatever their priority; clocks run while the case waits. */
        CHAT(
                false,
                Duration.ofMinutes(20),
                Duration.ofMinutes(40),
                Duration.ofHours(4),
                new Escalation(Escalation.Trigger.BREACH, SlaMetric.RESOLUTION, null, "resolution-late", null)),
        /** Urgent and high email cases. */
        URGENT(
                true,
                Duration.ofHours(1),
                Duration.ofHours(2),
                Duration.ofHours(8),
                new Escalation(Escalation.Trigger.AT_RISK, SlaMetric.RESOLUTION, null, "resolution-at-risk", null)),
        /** Every other case. */
        STANDARD(
                true,
                Duration.ofHours(4),
                Duration.ofHours(8),
                Duration.ofDays(2),
                new Escalation(Escalation.Trigger.BREACH, SlaMetric.FIRST_RESPONSE, null, "first-response-late", null));

        final boolean pause;
        final Map<SlaMetric, Duration> targets = new EnumMap<>(SlaMetric.class);
        final Escalation escalation;

        Policy(boolean pause, Duration first, Duration next, Duration resolution, Escalation escalation) {
            this.pause = pause;
            this.escalation = escalation;
            targets.put(SlaMetric.FIRST_RESPONSE, first);
            targets.put(SlaMetric.NEXT_RESPONSE, next);
            targets.put(SlaMetric.RESOLUTION, resolution);
        }

        NewSlaPolicy definition() {
            NewSlaPolicy.Builder b = NewSlaPolicy.named(name().toLowerCase(Locale.ROOT), OFFICE)
                    .rank(ordinal())
                    .pauseWhileWaiting(pause)
                    .escalation(escalation);
            if (this == CHAT) {
                b.channels(Channel.CHAT);
            } else if (this == URGENT) {
                b.priorities(CasePriority.URGENT, CasePriority.HIGH);
            }
            targets.forEach((m, d) -> b.target(SlaTarget.calendar(m, d)));
            return b.build();
        }

        static Policy of(boolean chat, CasePriority priority) {
            if (chat) {
                return CHAT;
            }
            return priority == CasePriority.URGENT || priority == CasePriority.HIGH ? URGENT : STANDARD;
        }
    }

    /** One command, naming its case by index so that any subsequence is valid. */
    sealed interface Step permits OpenStep, ReplyStep, MoveStep, PriorityStep, AdvanceStep, DueWorkStep {}

    record OpenStep(int priority, boolean chat) implements Step {}

    record ReplyStep(int kase, boolean agent) implements Step {}

    record MoveStep(int kase, CaseStatus target) implements Step {}

    record PriorityStep(int kase, int priority) implements Step {}

    record AdvanceStep(int minutes) implements Step {}

    record DueWorkStep() implements Step {}

    /** Move targets, the waiting ones and the solve more often than new (always refused) and closed. */
    private static final CaseStatus[] TARGETS = {
        CaseStatus.OPEN,
        CaseStatus.OPEN,
        CaseStatus.PENDING,
        CaseStatus.PENDING,
        CaseStatus.PENDING,
        CaseStatus.ON_HOLD,
        CaseStatus.ON_HOLD,
        CaseStatus.SOLVED,
        CaseStatus.SOLVED,
        CaseStatus.CLOSED,
        CaseStatus.NEW
    };

    static Step draw(SplittableRandom r) {
        int pick = r.nextInt(24);
        if (pick < 3) {
            return new OpenStep(r.nextInt(4), r.nextBoolean());
        }
        if (pick < 8) {
            return new ReplyStep(r.nextInt(10), r.nextBoolean());
        }
        if (pick < 13) {
            return new MoveStep(r.nextInt(10), TARGETS[r.nextInt(TARGETS.length)]);
        }
        if (pick < 16) {
            return new PriorityStep(r.nextInt(10), r.nextInt(4));
        }
        if (pick < 20) {
            int scale = r.nextInt(12);
            return new AdvanceStep(
                    scale < 7
                            ? 1 + r.nextInt(59)
                            : scale < 11 ? 60 * (1 + r.nextInt(12)) : 24 * 60 * (1 + r.nextInt(8)));
        }
        return new DueWorkStep();
    }

    /** What the model knows of one clock: the rest is computed from these and the policy's target. */
    private static final class ModelClock {
        final SlaMetric metric;
        final Instant start;
        final List<SlaClock.Pause> pauses = new ArrayList<>();

        @Nullable
        Instant stoppedAt;

        boolean atRiskNotified;
        boolean breachNotified;

        ModelClock(SlaMetric metric, Instant start) {
            this.metric = metric;
            this.start = start;
        }

        boolean paused() {
            return !pauses.isEmpty() && pauses.get(pauses.size() - 1).until() == null;
        }

        boolean running() {
            return stoppedAt == null && !paused();
        }

        void pause(Instant now) {
            if (running()) {
                pauses.add(new SlaClock.Pause(now, null));
            }
        }

        void resume(Instant now) {
            if (stoppedAt == null && paused()) {
                pauses.set(
                        pauses.size() - 1,
                        new SlaClock.Pause(pauses.get(pauses.size() - 1).from(), now));
            }
        }

        /** Stops it now unless it stopped before; a pause in progress ends now. */
        void stop(Instant now) {
            if (stoppedAt == null) {
                resume(now);
                stoppedAt = now;
            }
        }

        /** Runs it again after the case was solved: the span since it stopped is a pause. */
        void restart(Instant now) {
            if (stoppedAt != null) {
                if (stoppedAt.isBefore(now)) {
                    pauses.add(new SlaClock.Pause(stoppedAt, now));
                }
                stoppedAt = null;
            }
        }

        /**
         * @param allowed running time
         * @return the instant the clock has run that long, or null if a pause still in progress
         *     begins first
         */
        @Nullable
        Instant spent(Duration allowed) {
            Duration left = allowed;
            Instant from = start;
            for (SlaClock.Pause p : pauses) {
                if (p.from().isAfter(from)) {
                    Duration run = Duration.between(from, p.from());
                    if (run.compareTo(left) >= 0) {
                        return from.plus(left);
                    }
                    left = left.minus(run);
                }
                if (p.until() == null) {
                    return null;
                }
                if (p.until().isAfter(from)) {
                    from = p.until();
                }
            }
            return from.plus(left);
        }

        SlaClock expected(Duration target) {
            Instant due = spent(target);
            Instant atRisk = running() ? spent(Duration.ofNanos((long) (target.toNanos() * AT_RISK))) : null;
            boolean breached = stoppedAt != null && due != null && stoppedAt.isAfter(due);
            return new SlaClock(
                    metric,
                    target,
                    false,
                    start,
                    pauses,
                    due,
                    stoppedAt,
                    breached,
                    atRisk,
                    atRiskNotified,
                    breachNotified);
        }
    }

    /** What the model knows of one case. */
    private static final class ModelCase {
        final CaseId id;
        final boolean chat;
        final String thread;
        CasePriority priority;
        CaseStatus status = CaseStatus.NEW;
        final Set<String> tags = new TreeSet<>();

        @Nullable
        Instant solvedAt;

        @Nullable
        Instant firstResponse;

        /** After the first response: the oldest customer message not yet answered. */
        @Nullable
        Instant awaiting;

        /** The clocks started so far; next response's is replaced when it starts again. */
        final Map<SlaMetric, ModelClock> clocks = new EnumMap<>(SlaMetric.class);

        ModelCase(CaseId id, boolean chat, CasePriority priority, String thread, Instant createdAt) {
            this.id = id;
            this.chat = chat;
            this.priority = priority;
            this.thread = thread;
            clocks.put(SlaMetric.FIRST_RESPONSE, new ModelClock(SlaMetric.FIRST_RESPONSE, createdAt));
            clocks.put(SlaMetric.RESOLUTION, new ModelClock(SlaMetric.RESOLUTION, createdAt));
        }

        Policy policy() {
            return Policy.of(chat, priority);
        }

        Channel channel() {
            return chat ? Channel.CHAT : Channel.EMAIL;
        }

        /** Whether the clock's metric has been met, so that a reopen leaves it stopped. */
        boolean met(SlaMetric metric) {
            return switch (metric) {
                case FIRST_RESPONSE -> firstResponse != null;
                case NEXT_RESPONSE -> awaiting == null;
                case RESOLUTION -> false;
            };
        }

        boolean reopenable(Instant now) {
            return status == CaseStatus.SOLVED && !WINDOW.isZero() && !now.isAfter(solvedAt.plus(WINDOW));
        }

        boolean waiting() {
            return status == CaseStatus.PENDING || status == CaseStatus.ON_HOLD;
        }

        List<SlaClock> expectedClocks() {
            Policy p = policy();
            List<SlaClock> out = new ArrayList<>();
            for (SlaMetric m : SlaMetric.values()) {
                ModelClock k = clocks.get(m);
                if (k != null) {
                    out.add(k.expected(p.targets.get(m)));
                }
            }
            return out;
        }
    }

    /** A notice the model expects, or one the engine gave. */
    private record Notice(
            int kase, boolean breach, SlaMetric metric, Instant dueAt, List<String> escalations, Instant at) {}

    private static final Comparator<Notice> NOTICE_ORDER = Comparator.comparing(Notice::at)
            .thenComparingInt(Notice::kase)
            .thenComparing(Notice::metric)
            .thenComparing(Notice::breach);

    private static final Map<CaseStatus, Set<CaseStatus>> LEGAL = Map.of(
            CaseStatus.NEW, EnumSet.of(CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.ON_HOLD, CaseStatus.SOLVED),
            CaseStatus.OPEN, EnumSet.of(CaseStatus.PENDING, CaseStatus.ON_HOLD, CaseStatus.SOLVED),
            CaseStatus.PENDING, EnumSet.of(CaseStatus.OPEN, CaseStatus.ON_HOLD, CaseStatus.SOLVED),
            CaseStatus.ON_HOLD, EnumSet.of(CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.SOLVED),
            CaseStatus.SOLVED, EnumSet.of(CaseStatus.OPEN, CaseStatus.CLOSED),
            CaseStatus.CLOSED, EnumSet.noneOf(CaseStatus.class));

    /** What the runs exercised, logged at the end so that a reader can see the model was not idle. */
    private final Map<String, Integer> figures = new TreeMap<>();

    private void count(String figure) {
        figures.merge(figure, 1, Integer::sum);
    }

    private final class Trial implements ModelBasedRunner.Trial<Step> {
        private final CrmStorage storage;
        private final Consumer<CrmStorage> release;
        private final MutableClock time = MutableClock.at(BASE);
        private final Crm view;
        /** This trial's own listener: the contract's is shared by every trial and replay. */
        private final RecordingListener told = new RecordingListener();

        private final CustomerId customer;
        private final Map<Policy, SlaPolicyId> policies = new EnumMap<>(Policy.class);
        private final List<ModelCase> cases = new ArrayList<>();
        private final Map<CaseId, Integer> index = new HashMap<>();
        private final List<Notice> notices = new ArrayList<>();

        Trial(CrmStorage storage, Consumer<CrmStorage> release) {
            this.storage = storage;
            this.release = release;
            this.view = builder(storage).clock(time).listener(told).build().forTenant(newTenant());
            for (Policy p : Policy.values()) {
                policies.put(p, view.sla().define(p.definition()).id());
            }
            this.customer = view.customers().create(NewCustomer.named("Ada")).id();
        }

        private Instant now() {
            return time.instant();
        }

        private @Nullable ModelCase kase(int k) {
            return cases.isEmpty() ? null : cases.get(k % cases.size());
        }

        @Override
        public void apply(Step step) {
            if (step instanceof OpenStep o) {
                open(o);
            } else if (step instanceof ReplyStep r) {
                ModelCase c = kase(r.kase());
                if (c != null) {
                    reply(c, r.agent());
                }
            } else if (step instanceof MoveStep m) {
                ModelCase c = kase(m.kase());
                if (c != null) {
                    moveStep(c, m.target());
                }
            } else if (step instanceof PriorityStep p) {
                ModelCase c = kase(p.kase());
                if (c != null) {
                    priority(c, CasePriority.values()[p.priority()]);
                }
            } else if (step instanceof AdvanceStep a) {
                time.advance(Duration.ofMinutes(a.minutes()));
            } else if (step instanceof DueWorkStep) {
                view.runDueWork();
                dueWork();
            }
            compare(step instanceof DueWorkStep);
        }

        private void open(OpenStep o) {
            if (cases.size() == 8) {
                return;
            }
            time.advance(Duration.ofSeconds(1));
            CasePriority priority = CasePriority.values()[o.priority()];
            Channel channel = o.chat() ? Channel.CHAT : Channel.EMAIL;
            String thread = "case-" + cases.size();
            var first = view.interactions()
                    .record(NewInteraction.on(channel, Direction.INBOUND)
                            .customer(customer)
                            .thread(thread)
                            .body("help")
                            .build());
            Case opened = view.cases()
                    .open(NewCase.about(customer, "help")
                            .priority(priority)
                            .origin(channel)
                            .interaction(first.id())
                            .build());
            count("cases opened");
            index.put(opened.id(), cases.size());
            cases.add(new ModelCase(opened.id(), o.chat(), priority, thread, now()));
        }

        /** The model's side of a status change, after the engine accepted it. */
        private void enter(ModelCase c, CaseStatus target) {
            Instant now = now();
            if (c.status == CaseStatus.SOLVED && target == CaseStatus.OPEN) {
                count("reopens");
                c.solvedAt = null;
                c.clocks.forEach((m, k) -> {
                    if (!c.met(m)) {
                        k.restart(now);
                    }
                });
            }
            if (target == CaseStatus.SOLVED) {
                c.solvedAt = now;
            }
            c.status = target;
            for (ModelClock k : c.clocks.values()) {
                if (!target.isActive()) {
                    k.stop(now);
                } else if (c.waiting() && c.policy().pause) {
                    if (k.running()) {
                        count("clocks paused");
                    }
                    k.pause(now);
                } else {
                    k.resume(now);
                }
            }
        }

        private void moveStep(ModelCase c, CaseStatus target) {
            if (c.status == target) {
                view.cases().moveTo(c.id, target, null);
                return;
            }
            boolean legal = LEGAL.get(c.status).contains(target);
            if (legal && c.status == CaseStatus.SOLVED && target == CaseStatus.OPEN) {
                legal = c.reopenable(now());
            }
            if (!legal) {
                count("moves refused");
                thrown(ConflictException.class, () -> view.cases().moveTo(c.id, target, null));
                return;
            }
            view.cases().moveTo(c.id, target, null);
            enter(c, target);
        }

        private void reply(ModelCase c, boolean agent) {
            // A message takes a second: two next-response periods never start at the same instant
            // (the engine tells periods apart by their start). Moves may share an instant.
            time.advance(Duration.ofSeconds(1));
            view.interactions()
                    .record(NewInteraction.on(c.channel(), agent ? Direction.OUTBOUND : Direction.INBOUND)
                            .customer(customer)
                            .thread(c.thread)
                            .author(agent ? "agent" : null)
                            .body("text")
                            .build());
            Instant now = now();
            if (!c.status.isActive() && !c.reopenable(now)) {
                return; // not attached: a closed case, or solved too long ago
            }
            if (agent) {
                if (c.firstResponse == null) {
                    c.firstResponse = now;
                    c.clocks.get(SlaMetric.FIRST_RESPONSE).stop(now);
                }
                if (c.awaiting != null) {
                    c.awaiting = null;
                    c.clocks.get(SlaMetric.NEXT_RESPONSE).stop(now);
                }
                if (c.status == CaseStatus.NEW) {
                    enter(c, CaseStatus.OPEN);
                }
                return;
            }
            boolean starts = c.firstResponse != null && c.awaiting == null;
            if (c.status == CaseStatus.PENDING || c.status == CaseStatus.SOLVED) {
                enter(c, CaseStatus.OPEN);
            }
            if (starts) {
                count("next-response periods");
                c.awaiting = now;
                ModelClock next = new ModelClock(SlaMetric.NEXT_RESPONSE, now);
                if (c.waiting() && c.policy().pause) {
                    next.pause(now);
                }
                c.clocks.put(SlaMetric.NEXT_RESPONSE, next);
            }
        }

        private void priority(ModelCase c, CasePriority priority) {
            CasePatch patch = CasePatch.builder().priority(priority).build();
            long version = view.cases().get(c.id).version();
            if (c.status == CaseStatus.CLOSED) {
                thrown(ConflictException.class, () -> view.cases().update(c.id, version, patch));
                return;
            }
            view.cases().update(c.id, version, patch);
            Policy before = c.policy();
            c.priority = priority;
            if (c.policy() != before) {
                count("policy changes");
            }
            assertThat(c.policy().pause)
                    .as("the model keeps cases between policies that pause alike")
                    .isEqualTo(before.pause);
        }

        /** What due work must do now: each running clock past its instant noticed once. */
        private void dueWork() {
            Instant now = now();
            for (ModelCase c : cases) {
                if (!c.status.isActive()) {
                    continue;
                }
                Policy p = c.policy();
                for (ModelClock k : c.clocks.values()) {
                    if (!k.running()) {
                        Instant due = k.spent(p.targets.get(k.metric));
                        if (!k.breachNotified && due != null && !now.isBefore(due)) {
                            count(k.stoppedAt == null ? "past due but paused" : "past due but stopped");
                        }
                        continue;
                    }
                    SlaClock shown = k.expected(p.targets.get(k.metric));
                    if (!k.atRiskNotified && !now.isBefore(shown.atRiskAt())) {
                        k.atRiskNotified = true;
                        notices.add(notice(c, p, false, k.metric, shown.dueAt(), now));
                    }
                    if (!k.breachNotified && now.isBefore(shown.dueAt()) && k.atRiskNotified) {
                        count("at-risk clocks seen before their due time");
                    }
                    if (!k.breachNotified && !now.isBefore(shown.dueAt())) {
                        k.breachNotified = true;
                        notices.add(notice(c, p, true, k.metric, shown.dueAt(), now));
                    }
                }
            }
        }

        private Notice notice(ModelCase c, Policy p, boolean breach, SlaMetric metric, Instant due, Instant now) {
            count((breach ? "breach " : "at-risk ") + metric.name().toLowerCase(Locale.ROOT));
            Escalation e = p.escalation;
            List<String> applied = new ArrayList<>();
            if ((e.trigger() == Escalation.Trigger.BREACH) == breach
                    && (e.metric() == null || e.metric() == metric)
                    && c.tags.add(e.addTag())) {
                applied.add("tags");
            }
            return new Notice(index.get(c.id), breach, metric, due, applied, now);
        }

        private List<Notice> notices(List<CrmEvent> events) {
            List<Notice> out = new ArrayList<>();
            for (CrmEvent e : events) {
                if (e instanceof CaseSlaAtRisk a && a.tenantId().equals(view.tenant())) {
                    out.add(new Notice(
                            index.getOrDefault(a.caseId(), -1),
                            false,
                            a.metric(),
                            a.dueAt(),
                            a.escalations(),
                            a.occurredAt()));
                } else if (e instanceof CaseSlaBreached b && b.tenantId().equals(view.tenant())) {
                    out.add(new Notice(
                            index.getOrDefault(b.caseId(), -1),
                            true,
                            b.metric(),
                            b.dueAt(),
                            b.escalations(),
                            b.occurredAt()));
                }
            }
            out.sort(NOTICE_ORDER);
            return out;
        }

        private void compare(boolean readLog) {
            List<Case> active = new ArrayList<>();
            for (ModelCase c : cases) {
                Case stored = view.cases().get(c.id);
                if (stored.status().isActive()) {
                    active.add(stored);
                }
                String what = "case " + index.get(c.id);
                assertThat(stored.status()).as(what + " status").isEqualTo(c.status);
                assertThat(stored.slaPolicy()).as(what + " policy").isEqualTo(policies.get(c.policy()));
                assertThat(stored.tags()).as(what + " tags").containsExactlyElementsOf(c.tags);
                assertThat(stored.sla()).as(what + " clocks").isEqualTo(c.expectedClocks());
            }
            // The store keeps the queue key beside the case: it must follow every clock change.
            active.sort(Comparator.comparing(CaseQueueKey::of));
            assertThat(view.cases().list(CaseQuery.open().limit(100)).items())
                    .extracting(Case::id)
                    .as("active cases in queue order, soonest due first")
                    .containsExactlyElementsOf(active.stream().map(Case::id).toList());
            List<Notice> expected = new ArrayList<>(notices);
            expected.sort(NOTICE_ORDER);
            assertThat(notices(told.events()))
                    .as("at-risk and breach events told")
                    .containsExactlyElementsOf(expected);
            if (readLog) {
                assertThat(notices(
                                eventLog(view).stream().map(StoredEvent::event).toList()))
                        .as("at-risk and breach events in the log")
                        .containsExactlyElementsOf(expected);
            }
        }

        @Override
        public void close() {
            try {
                // Leave no timers for other tests' due work: the keys are the documented ones.
                storage.inTransaction(view.tenant(), s -> {
                    for (ModelCase c : cases) {
                        for (SlaMetric m : SlaMetric.values()) {
                            String key = "case:" + c.id + ":sla:" + m.name().toLowerCase(Locale.ROOT);
                            s.timers().cancel(key + ":at-risk");
                            s.timers().cancel(key + ":breach");
                        }
                    }
                    return null;
                });
            } finally {
                release.accept(storage);
            }
        }
    }

    @Test
    @DisplayName("random case commands, replies, clock advances and due work match the service-level model")
    void randomSlaSequences_matchTheReferenceModel() {
        assumeTrue(
                storage.timerQueue().isPresent(),
                "the adapter stores no timers (CrmStorage.timerQueue() is empty): service-level model skipped");
        long[] seeds = Seeds.seeds(6, "rapport.tck.sla.model.seeds");
        int steps = Seeds.intProperty("rapport.tck.sla.model.steps", 100);
        ModelBasedRunner<Step> runner = ModelBasedRunner.of(
                        SlaModelContract::draw, () -> new Trial(obtainStorage(), this::releaseNow))
                .maxReplays(Seeds.intProperty("rapport.tck.mbt.maxReplays", 400));
        for (long seed : seeds) {
            runner.check(seed, steps);
        }
        LOG.info(
                "[rapport-tck] service-level model on {}: {} seeds x {} steps, replays included: {}",
                storage.getClass().getSimpleName(),
                seeds.length,
                steps,
                figures);
    }
}
