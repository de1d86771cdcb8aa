package dev.rapport.crm.cases.internal;

import dev.rapport.crm.TenantSettings;
import dev.rapport.crm.cases.CasePatch;
import dev.rapport.crm.cases.CaseQuery;
import dev.rapport.crm.cases.CaseService;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.cases.RoutingPolicy;
import dev.rapport.crm.customers.internal.DefaultCustomerService;
import dev.rapport.crm.internal.ActivityRules;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import dev.rapport.crm.model.cases.CaseFacts;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.model.cases.Escalation;
import dev.rapport.crm.model.cases.SlaClock;
import dev.rapport.crm.model.cases.SlaMetric;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.model.cases.Team;
import dev.rapport.crm.model.event.CaseChanged;
import dev.rapport.crm.model.event.CaseMerged;
import dev.rapport.crm.model.event.CaseOpened;
import dev.rapport.crm.model.event.CaseReminderDue;
import dev.rapport.crm.model.event.CaseSlaAtRisk;
import dev.rapport.crm.model.event.CaseSlaBreached;
import dev.rapport.crm.model.event.CaseStatusChanged;
import dev.rapport.crm.model.timer.Timer;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.spi.CaseFilter;
import dev.rapport.crm.spi.CaseQueueKey;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.TimerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The case commands and queries of one tenant. */
public final class DefaultCaseService implements CaseService {
    private static final Logger log = LoggerFactory.getLogger(DefaultCaseService.class);

    static final int MAX_SUBJECT = 500;
    static final int MAX_DESCRIPTION = 100_000;
    static final int MAX_CATEGORY = 100;
    static final int MAX_TAGS = 50;
    static final int MAX_TAG = 100;
    static final int MAX_ACTOR = 200;
    static final int MAX_INTERACTIONS = 1_000;
    private static final Pattern CURSOR = Pattern.compile("h1:(\\d{1,18}):(\\d{1,9})");

    private final Engine engine;
    private final TenantId tenant;

    /**
     * @param engine the engine
     * @param tenant the tenant every call is scoped to
     */
    public DefaultCaseService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
    }

    /** One field changed, before it is numbered into a {@link CaseChange}. */
    private record Change(
            String field, @Nullable String from, @Nullable String to) {}

    /** A case on its way through a command: the state so far and the changes made to it. */
    private static final class Draft {
        final Case before;
        Case current;
        final List<Change> changes = new ArrayList<>();

        Draft(Case before) {
            this.before = before;
            this.current = before;
        }

        void change(String field, @Nullable Object from, @Nullable Object to) {
            changes.add(new Change(field, from == null ? null : from.toString(), to == null ? null : to.toString()));
        }
    }

    // ---------------------------------------------------------------- checks

    private record Checked(
            String subject,
            String description,
            @Nullable String category,
            Set<String> tags,
            Set<String> requiredSkills,
            @Nullable String language,
            @Nullable String actor) {}

    private static final Pattern SKILL = Pattern.compile("[a-z0-9_-]{1,64}");
    static final int MAX_SKILLS = 50;

    /** Lower-cases and checks skill labels. */
    static Set<String> skills(Set<String> given, String path, Violations v) {
        Set<String> out = new TreeSet<>();
        for (String skill : given) {
            String s = skill.strip().toLowerCase(Locale.ROOT);
            if (!SKILL.matcher(s).matches()) {
                v.add(path, "skills must be 1-64 of a-z, 0-9, '-' and '_'");
            } else {
                out.add(s);
            }
        }
        if (out.size() > MAX_SKILLS) {
            v.add(path, "at most " + MAX_SKILLS + " skills");
        }
        return out;
    }

    /** Checks a BCP 47 language tag and gives its lower-case form. */
    static @Nullable String language(@Nullable String tag, String path, Violations v) {
        if (tag == null) {
            return null;
        }
        String t = tag.strip();
        Locale locale = Locale.forLanguageTag(t);
        if (t.isEmpty()
                || t.length() > 35
                || locale.getLanguage().isEmpty()
                || !locale.toLanguageTag().equalsIgnoreCase(t)) {
            v.add(path, "must be a BCP 47 language tag such as en or pt-BR");
            return null;
        }
        return locale.toLanguageTag().toLowerCase(Locale.ROOT);
    }

    private static Checked check(NewCase c, Violations v) {
        String subject = subject(c.subject(), "subject", v);
        String description = ActivityRules.text(c.description(), "description", MAX_DESCRIPTION, true, v);
        String category = ActivityRules.line(c.category(), "category", MAX_CATEGORY, v);
        Set<String> tags = tags(c.tags(), "tags", v);
        if (tags.size() > MAX_TAGS) {
            v.add("tags", "at most " + MAX_TAGS + " tags");
        }
        if (c.interactions().size() > MAX_INTERACTIONS) {
            v.add("interactions", "at most " + MAX_INTERACTIONS + " at once");
        }
        if (new LinkedHashSet<>(c.interactions()).size() != c.interactions().size()) {
            v.add("interactions", "must not repeat an interaction");
        }
        Set<String> skills = skills(c.requiredSkills(), "requiredSkills", v);
        String language = language(c.language(), "language", v);
        String actor = actor(c.actor(), v);
        return new Checked(
                subject == null ? "" : subject,
                description == null ? "" : description,
                category,
                tags,
                skills,
                language,
                actor);
    }

    private static @Nullable String subject(String subject, String path, Violations v) {
        if (subject.isBlank()) {
            v.add(path, "must not be blank");
            return null;
        }
        return ActivityRules.text(subject.strip(), path, MAX_SUBJECT, false, v);
    }

    /** The tags, stripped; each blank, too long or control-character tag is a violation at {@code path}. */
    static Set<String> tags(Set<String> given, String path, Violations v) {
        Set<String> out = new TreeSet<>();
        for (String tag : given) {
            String t = tag.strip();
            if (t.isEmpty()) {
                v.add(path, "must not be blank");
            } else if (ActivityRules.text(t, path, MAX_TAG, false, v) != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static @Nullable String actor(@Nullable String actor, Violations v) {
        return ActivityRules.line(actor, "actor", MAX_ACTOR, v);
    }

    private static @Nullable String checkedActor(@Nullable String actor) {
        Violations v = new Violations();
        String out = actor(actor, v);
        v.throwIfAny();
        return out;
    }

    private static Map<String, AttributeValue> attributes(StorageSession s, Map<String, ?> raw) {
        if (raw.isEmpty()) {
            return Map.of();
        }
        Violations v = new Violations();
        Map<String, AttributeDefinition> defs = DefaultCustomerService.definitions(s);
        Map<String, AttributeValue> out = DefaultCustomerService.attributes(defs, raw, v);
        v.throwIfAny();
        return out;
    }

    // ---------------------------------------------------------------- rules

    private TenantSettings settings() {
        return engine.settings(tenant);
    }

    /**
     * Links an interaction to a draft and applies what it means for the facts and the status.
     * The caller has checked that it may be linked.
     */
    private static void link(Draft d, Interaction i, Instant now, TenantSettings settings) {
        Case c = d.current;
        List<InteractionId> interactions = new ArrayList<>(c.interactions());
        interactions.add(i.id());
        Set<String> threads = new TreeSet<>(c.threads());
        if (i.threadId() != null) {
            threads.add(i.threadId());
        }
        d.current = with(c, interactions, threads, c.facts());
        d.change("interactions", null, i.id());
        if (i.occurredAt().isBefore(c.createdAt())) {
            return;
        }
        CaseFacts f = d.current.facts();
        if (i.direction() == Direction.OUTBOUND && i.author() != null) {
            Instant at = i.occurredAt();
            List<Duration> next = new ArrayList<>(f.nextResponseTimes());
            Instant waiting = f.awaitingReplySince();
            if (f.firstResponseAt() != null && waiting != null && !at.isBefore(waiting)) {
                next.add(Duration.between(waiting, at));
            }
            Instant last = f.lastAgentReplyAt() == null || at.isAfter(f.lastAgentReplyAt()) ? at : f.lastAgentReplyAt();
            CaseFacts replied = new CaseFacts(
                    f.firstResponseAt() == null ? at : f.firstResponseAt(),
                    last,
                    f.agentReplies() + 1,
                    null,
                    next,
                    f.reopenCount(),
                    f.firstSolvedAt(),
                    f.solvedAt(),
                    f.closedAt(),
                    f.firstContactResolution());
            d.current = withFacts(d.current, replied);
            if (d.current.status() == CaseStatus.NEW) {
                move(d, CaseStatus.OPEN, now, settings);
            }
        } else if (i.direction() == Direction.INBOUND) {
            if (f.firstResponseAt() != null && f.awaitingReplySince() == null) {
                d.current = withFacts(
                        d.current,
                        new CaseFacts(
                                f.firstResponseAt(),
                                f.lastAgentReplyAt(),
                                f.agentReplies(),
                                i.occurredAt(),
                                f.nextResponseTimes(),
                                f.reopenCount(),
                                f.firstSolvedAt(),
                                f.solvedAt(),
                                f.closedAt(),
                                f.firstContactResolution()));
            }
            CaseStatus status = d.current.status();
            if (status == CaseStatus.PENDING) {
                move(d, CaseStatus.OPEN, now, settings);
            } else if (status == CaseStatus.SOLVED && withinReopenWindow(d.current, now, settings)) {
                move(d, CaseStatus.OPEN, now, settings);
            }
        }
    }

    private static boolean withinReopenWindow(Case c, Instant now, TenantSettings settings) {
        Instant solved = c.facts().solvedAt();
        return solved != null
                && !settings.reopenWindow().isZero()
                && !now.isAfter(solved.plus(settings.reopenWindow()));
    }

    /** Moves a draft to another status, checking the move, and keeps the facts. */
    private static void move(Draft d, CaseStatus target, Instant now, TenantSettings settings) {
        Case c = d.current;
        CaseStatus from = c.status();
        if (!from.canMoveTo(target)) {
            throw new ConflictException("case " + c.id() + " cannot move from " + from + " to " + target);
        }
        CaseFacts f = c.facts();
        Instant firstSolved = f.firstSolvedAt();
        Instant solved = f.solvedAt();
        Instant closed = f.closedAt();
        Boolean fcr = f.firstContactResolution();
        int reopens = f.reopenCount();
        if (from == CaseStatus.SOLVED && target == CaseStatus.OPEN) {
            if (!withinReopenWindow(c, now, settings)) {
                throw new ConflictException("case " + c.id() + " cannot move from SOLVED to OPEN: it was solved at "
                        + solved + " and the reopen window of " + settings.reopenWindow()
                        + " has passed; open a follow-up case");
            }
            reopens++;
            solved = null;
            fcr = null;
        }
        if (target == CaseStatus.SOLVED) {
            firstSolved = firstSolved == null ? now : firstSolved;
            solved = now;
        }
        if (target == CaseStatus.CLOSED) {
            closed = now;
        }
        CaseFacts next = new CaseFacts(
                f.firstResponseAt(),
                f.lastAgentReplyAt(),
                f.agentReplies(),
                f.awaitingReplySince(),
                f.nextResponseTimes(),
                reopens,
                firstSolved,
                solved,
                closed,
                fcr);
        Case moved = withStatus(c, target, next);
        if (target == CaseStatus.SOLVED) {
            boolean first = settings.firstContactResolution().test(moved);
            moved = withFacts(
                    moved,
                    new CaseFacts(
                            next.firstResponseAt(),
                            next.lastAgentReplyAt(),
                            next.agentReplies(),
                            next.awaitingReplySince(),
                            next.nextResponseTimes(),
                            next.reopenCount(),
                            next.firstSolvedAt(),
                            next.solvedAt(),
                            next.closedAt(),
                            first));
        }
        d.current = moved;
        d.change("status", from, target);
    }

    /** A case's fields, to change some and build the next case. */
    static final class Fields {
        CaseId id;
        long version;
        CustomerId customerId;
        String subject;
        String description;
        Channel origin;
        CasePriority priority;

        @Nullable
        String category;

        Set<String> tags;
        Map<String, AttributeValue> attributes;
        CaseStatus status;

        @Nullable
        TeamId team;

        @Nullable
        AgentId assignee;

        Set<String> requiredSkills;

        @Nullable
        String language;

        @Nullable
        SlaPolicyId slaPolicy;

        List<SlaClock> sla;
        List<InteractionId> interactions;
        Set<String> threads;
        Set<CaseId> related;

        @Nullable
        CaseId mergedInto;

        CaseFacts facts;
        Instant createdAt;
        Instant updatedAt;

        Fields(Case c) {
            id = c.id();
            version = c.version();
            customerId = c.customerId();
            subject = c.subject();
            description = c.description();
            origin = c.origin();
            priority = c.priority();
            category = c.category();
            tags = c.tags();
            attributes = c.attributes();
            status = c.status();
            team = c.team();
            assignee = c.assignee();
            requiredSkills = c.requiredSkills();
            language = c.language();
            slaPolicy = c.slaPolicy();
            sla = c.sla();
            interactions = c.interactions();
            threads = c.threads();
            related = c.related();
            mergedInto = c.mergedInto();
            facts = c.facts();
            createdAt = c.createdAt();
            updatedAt = c.updatedAt();
        }

        Case build() {
            return new Case(
                    id,
                    version,
                    customerId,
                    subject,
                    description,
                    origin,
                    priority,
                    category,
                    tags,
                    attributes,
                    status,
                    team,
                    assignee,
                    requiredSkills,
                    language,
                    slaPolicy,
                    sla,
                    interactions,
                    threads,
                    related,
                    mergedInto,
                    facts,
                    createdAt,
                    updatedAt);
        }
    }

    private static Case with(Case c, List<InteractionId> interactions, Set<String> threads, CaseFacts facts) {
        Fields f = new Fields(c);
        f.interactions = interactions;
        f.threads = threads;
        f.facts = facts;
        return f.build();
    }

    private static Case withFacts(Case c, CaseFacts facts) {
        return with(c, c.interactions(), c.threads(), facts);
    }

    private static Case withStatus(Case c, CaseStatus status, CaseFacts facts) {
        Fields f = new Fields(c);
        f.status = status;
        f.facts = facts;
        return f.build();
    }

    private static Case withRelated(Case c, Set<CaseId> related, @Nullable CaseId mergedInto) {
        Fields f = new Fields(c);
        f.related = related;
        f.mergedInto = mergedInto;
        return f.build();
    }

    /** Bumps the version, stamps the time, stores the case with its history and emits its events. */
    private Case save(Engine.Context ctx, Draft d, @Nullable String actor, boolean isNew) {
        applySla(ctx, d, isNew);
        if (!isNew && d.changes.isEmpty() && d.current.equals(d.before)) {
            return d.before;
        }
        Case c = d.current;
        long version = isNew ? 1 : d.before.version() + 1;
        Fields next = new Fields(c);
        next.version = version;
        next.updatedAt = ctx.now();
        Case saved = next.build();
        List<CaseChange> history = new ArrayList<>(d.changes.size());
        for (int i = 0; i < d.changes.size(); i++) {
            Change ch = d.changes.get(i);
            history.add(new CaseChange(c.id(), version, i, ctx.now(), actor, ch.field(), ch.from(), ch.to()));
        }
        StorageSession s = ctx.session();
        if (isNew) {
            s.cases().insert(saved);
        } else {
            s.cases().update(d.before, saved);
        }
        s.cases().appendHistory(history);
        AgentId freed = account(ctx, isNew ? null : d.before, saved);
        lifecycleTimers(ctx, isNew ? null : d.before, saved);
        if (!isNew) {
            ctx.emit(new CaseChanged(ctx.newEventId(), tenant, ctx.now(), c.id(), c.customerId(), version, history));
            CaseStatus from = d.before.status();
            if (from != saved.status()) {
                ctx.emit(new CaseStatusChanged(
                        ctx.newEventId(), tenant, ctx.now(), c.id(), c.customerId(), version, from, saved.status()));
            }
        }
        if (freed != null) {
            drain(ctx, freed);
        }
        return saved;
    }

    // ---------------------------------------------------------------- service levels

    /** Sets the draft's policy and clocks for its state after the change. */
    private void applySla(Engine.Context ctx, Draft d, boolean isNew) {
        StorageSession s = ctx.session();
        Case c = d.current;
        List<SlaPolicy> policies = s.slaPolicies().list();
        if (policies.isEmpty() && c.slaPolicy() == null) {
            return;
        }
        SlaPolicy policy;
        if (c.status() == CaseStatus.CLOSED && c.slaPolicy() != null) {
            SlaPolicyId held = c.slaPolicy();
            policy = policies.stream()
                    .filter(p -> p.id().equals(held))
                    .findFirst()
                    .orElse(null);
        } else {
            policy = SlaRules.match(policies, c, () -> s.customers()
                            .get(c.customerId())
                            .map(dev.rapport.crm.model.Customer::attributes)
                            .orElse(Map.of()))
                    .orElse(null);
        }
        Fields f = new Fields(c);
        SlaPolicyId next = policy == null ? null : policy.id();
        if (!Objects.equals(next, c.slaPolicy())) {
            d.change("sla", c.slaPolicy(), next);
            f.slaPolicy = next;
        }
        List<SlaClock> previous = c.sla();
        f.sla = policy == null
                ? List.of()
                : SlaRules.clocks(
                        policy,
                        isNew ? null : d.before,
                        c,
                        ctx.now(),
                        settings().atRiskFraction());
        d.current = f.build();
        syncTimers(ctx, d.current, previous);
    }

    /** The kind of the timer that reminds of a case pending too long. */
    public static final String REMINDER_KIND = "case.reminder";

    /** The kind of the timer that closes a solved case nobody reopened. */
    public static final String AUTO_CLOSE_KIND = "case.auto-close";

    /**
     * Entering pending schedules the tenant's reminder and leaving it cancels it; entering solved
     * schedules the tenant's auto-close and leaving it cancels it. Same transaction as the change.
     */
    private void lifecycleTimers(Engine.Context ctx, @Nullable Case before, Case after) {
        CaseStatus was = before == null ? null : before.status();
        CaseStatus now = after.status();
        if (was == now || !storesTimers(ctx.session())) {
            return;
        }
        TenantSettings settings = settings();
        String reminder = reminderKey(after.id());
        String close = autoCloseKey(after.id());
        if (was == CaseStatus.PENDING) {
            ctx.cancelTimer(reminder);
        }
        if (was == CaseStatus.SOLVED) {
            ctx.cancelTimer(close);
        }
        if (now == CaseStatus.PENDING && settings.pendingReminder() != null) {
            ctx.scheduleTimer(
                    REMINDER_KIND,
                    reminder,
                    ctx.now().plus(settings.pendingReminder()),
                    after.id().toString());
        }
        if (now == CaseStatus.SOLVED && settings.autoClose() != null) {
            ctx.scheduleTimer(
                    AUTO_CLOSE_KIND,
                    close,
                    ctx.now().plus(settings.autoClose()),
                    after.id().toString());
        }
    }

    /**
     * Fires a reminder or auto-close timer of this tenant: emits {@code case.reminder-due} if the
     * case is still pending since the reminder was set, or closes the case if it is still solved,
     * in the timer's transaction; nothing if the tenant has turned that setting off since.
     *
     * @param ctx the timer's command context
     * @param timer the timer
     */
    public void onLifecycleTimer(Engine.Context ctx, Timer timer) {
        CaseId id;
        try {
            id = CaseId.parse(timer.payload());
        } catch (IllegalArgumentException e) {
            log.warn("case timer {} of tenant {} has a payload of another shape; ignored", timer.id(), tenant);
            return;
        }
        Case c = ctx.session().cases().get(id).orElse(null);
        if (c == null) {
            return;
        }
        TenantSettings settings = settings();
        if (REMINDER_KIND.equals(timer.kind())) {
            Duration after = settings.pendingReminder();
            // A tenant that turned reminders off since the timer was set gets none.
            if (c.status() != CaseStatus.PENDING || after == null) {
                return;
            }
            Instant since = timer.dueAt().minus(after);
            Draft d = new Draft(c);
            d.change("reminder", null, since.toString());
            Case saved = save(ctx, d, "system", false);
            ctx.emit(new CaseReminderDue(
                    ctx.newEventId(), tenant, ctx.now(), id, c.customerId(), saved.version(), since));
            log.debug("case {} of tenant {}: reminder due", id, tenant);
        } else if (c.status() == CaseStatus.SOLVED && settings.autoClose() != null) {
            Draft d = new Draft(c);
            move(d, CaseStatus.CLOSED, ctx.now(), settings);
            save(ctx, d, "system", false);
            log.debug("case {} of tenant {}: closed automatically", id, tenant);
        }
    }

    /** The kind of the timer that notices a clock becoming at risk. */
    public static final String AT_RISK_KIND = "case.sla.at-risk";

    /** The kind of the timer that notices a clock's breach. */
    public static final String BREACH_KIND = "case.sla.breach";

    private static String reminderKey(CaseId id) {
        return "case:" + id + ":reminder";
    }

    private static String autoCloseKey(CaseId id) {
        return "case:" + id + ":auto-close";
    }

    private static String timerKey(CaseId id, SlaMetric metric, boolean breach) {
        return "case:" + id + ":sla:" + metric.name().toLowerCase(Locale.ROOT) + (breach ? ":breach" : ":at-risk");
    }

    private static boolean storesTimers(StorageSession s) {
        try {
            s.timers();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Keeps one at-risk and one breach timer per running clock that has not yet notified, due when
     * the clock is; cancels them when the clock stops, pauses or goes.
     */
    private static void syncTimers(Engine.Context ctx, Case c, List<SlaClock> previous) {
        StorageSession s = ctx.session();
        Set<SlaMetric> metrics = EnumSet.noneOf(SlaMetric.class);
        c.sla().forEach(k -> metrics.add(k.metric()));
        previous.forEach(k -> metrics.add(k.metric()));
        if (metrics.isEmpty() || !storesTimers(s)) {
            return;
        }
        for (SlaMetric m : metrics) {
            SlaClock clock = c.sla(m).orElse(null);
            boolean running = clock != null && clock.running() && c.status().isActive();
            timer(
                    ctx,
                    timerKey(c.id(), m, false),
                    AT_RISK_KIND,
                    running && !clock.atRiskNotified() ? clock.atRiskAt() : null,
                    c.id(),
                    m);
            timer(
                    ctx,
                    timerKey(c.id(), m, true),
                    BREACH_KIND,
                    running && !clock.breachNotified() ? clock.dueAt() : null,
                    c.id(),
                    m);
        }
    }

    private static void timer(
            Engine.Context ctx, String key, String kind, @Nullable Instant at, CaseId id, SlaMetric metric) {
        TimerStore timers = ctx.session().timers();
        Optional<Timer> held = timers.get(key);
        if (at == null) {
            if (held.isPresent()) {
                ctx.cancelTimer(key);
            }
            return;
        }
        Instant due = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        if (held.isPresent() && held.get().dueAt().equals(due) && !held.get().isParked()) {
            return;
        }
        ctx.scheduleTimer(kind, key, due, id + ":" + metric.name());
    }

    /**
     * Fires an at-risk or breach timer of this tenant: if the clock still runs, has reached the
     * instant and has not notified yet, marks it, applies the policy's escalations and emits the
     * event, in the timer's transaction.
     *
     * @param ctx the timer's command context
     * @param timer the timer
     */
    public void onSlaTimer(Engine.Context ctx, Timer timer) {
        String[] parts = timer.payload().split(":", 2);
        if (parts.length != 2) {
            log.warn("SLA timer {} of tenant {} has a payload of another shape; ignored", timer.id(), tenant);
            return;
        }
        CaseId id;
        SlaMetric metric;
        try {
            id = CaseId.parse(parts[0]);
            metric = SlaMetric.valueOf(parts[1]);
        } catch (IllegalArgumentException e) {
            log.warn("SLA timer {} of tenant {} has a payload of another shape; ignored", timer.id(), tenant);
            return;
        }
        boolean breach = BREACH_KIND.equals(timer.kind());
        StorageSession s = ctx.session();
        Case c = s.cases().get(id).orElse(null);
        if (c == null || !c.status().isActive()) {
            return;
        }
        SlaClock clock = c.sla(metric).orElse(null);
        if (clock == null || !clock.running() || (breach ? clock.breachNotified() : clock.atRiskNotified())) {
            return;
        }
        Instant at = breach ? clock.dueAt() : clock.atRiskAt();
        if (at == null) {
            return;
        }
        if (ctx.now().isBefore(at)) {
            ctx.scheduleTimer(timer.kind(), timer.key(), at, timer.payload());
            return;
        }
        // Both events carry the clock's due time (for at-risk: when it will be breached).
        Instant due = Objects.requireNonNull(clock.dueAt(), "a running clock has a due time");
        Draft d = new Draft(c);
        Fields f = new Fields(c);
        List<SlaClock> clocks = new ArrayList<>();
        for (SlaClock k : c.sla()) {
            clocks.add(
                    k.metric() != metric
                            ? k
                            : new SlaClock(
                                    k.metric(),
                                    k.target(),
                                    k.businessTime(),
                                    k.startedAt(),
                                    k.pauses(),
                                    k.dueAt(),
                                    k.stoppedAt(),
                                    k.breached(),
                                    k.atRiskAt(),
                                    k.atRiskNotified() || !breach,
                                    k.breachNotified() || breach));
        }
        f.sla = clocks;
        d.current = f.build();
        d.change(breach ? "sla.breach" : "sla.at-risk", null, metric.name());
        List<String> applied = new ArrayList<>();
        SlaPolicy policy = c.slaPolicy() == null
                ? null
                : s.slaPolicies().get(c.slaPolicy()).orElse(null);
        Escalation.Trigger trigger = breach ? Escalation.Trigger.BREACH : Escalation.Trigger.AT_RISK;
        if (policy != null) {
            for (Escalation e : policy.escalations()) {
                if (e.trigger() != trigger || (e.metric() != null && e.metric() != metric)) {
                    continue;
                }
                Fields g = new Fields(d.current);
                if (e.raiseTo() != null && e.raiseTo().compareTo(g.priority) > 0) {
                    d.change("priority", g.priority, e.raiseTo());
                    g.priority = e.raiseTo();
                    applied.add("priority");
                }
                if (e.addTag() != null && !g.tags.contains(e.addTag())) {
                    Set<String> tags = new TreeSet<>(g.tags);
                    tags.add(e.addTag());
                    g.tags = tags;
                    d.change("tags", null, e.addTag());
                    applied.add("tags");
                }
                d.current = g.build();
                if (e.routeTo() != null && !e.routeTo().equals(d.current.team())) {
                    Team team = s.agents().getTeam(e.routeTo()).orElse(null);
                    if (team != null) {
                        reroute(ctx, d, team);
                        applied.add("team");
                    }
                }
            }
        }
        Case saved = save(ctx, d, "sla", false);
        ctx.emit(
                breach
                        ? new CaseSlaBreached(
                                ctx.newEventId(),
                                tenant,
                                ctx.now(),
                                id,
                                c.customerId(),
                                saved.version(),
                                metric,
                                due,
                                applied)
                        : new CaseSlaAtRisk(
                                ctx.newEventId(),
                                tenant,
                                ctx.now(),
                                id,
                                c.customerId(),
                                saved.version(),
                                metric,
                                due,
                                applied));
        log.debug(
                "case {} of tenant {}: {} {} ({} escalations)",
                id,
                tenant,
                metric,
                breach ? "breached" : "at risk",
                applied.size());
    }

    /**
     * Recomputes a case's policy and clocks (after its policy changed) and saves it if they
     * changed.
     *
     * @param ctx the command's context
     * @param c the case
     * @return the case after the recomputation
     */
    Case refreshSla(Engine.Context ctx, Case c) {
        return save(ctx, new Draft(c), "system", false);
    }

    // ---------------------------------------------------------------- agents' load and routing

    /**
     * Keeps agents' open-case counts true: a case counts for its assignee while it is active.
     *
     * @return the agent whose count went down, if one did
     */
    private static @Nullable AgentId account(Engine.Context ctx, @Nullable Case before, Case after) {
        AgentId was = before != null && before.status().isActive() ? before.assignee() : null;
        AgentId now = after.status().isActive() ? after.assignee() : null;
        if (Objects.equals(was, now)) {
            return null;
        }
        if (was != null) {
            adjustLoad(ctx, was, -1);
        }
        if (now != null) {
            adjustLoad(ctx, now, +1);
        }
        return was;
    }

    private static void adjustLoad(Engine.Context ctx, AgentId id, int delta) {
        StorageSession s = ctx.session();
        Optional<Agent> found = s.agents().get(id);
        if (found.isEmpty()) {
            return;
        }
        Agent a = found.get();
        s.agents().update(a, a.withOpenCases(Math.max(0, a.openCases() + delta), ctx.now()));
    }

    /** Takes a draft from its assignee, if any, and routes it by the team's policy. */
    private void reroute(Engine.Context ctx, Draft d, Team team) {
        if (d.current.assignee() != null) {
            Fields f = new Fields(d.current);
            d.change("assignee", f.assignee, null);
            f.assignee = null;
            d.current = f.build();
        }
        routeDraft(ctx, d, team);
    }

    private static Team loadTeam(StorageSession s, TeamId id) {
        return s.agents().getTeam(id).orElseThrow(() -> new NotFoundException("team", id));
    }

    /** How many waiting cases of one team a single freeing command routes at most. */
    static final int DRAIN_LIMIT = 50;

    /**
     * Routes the waiting cases of an agent's teams, in queue order, while the teams' policies
     * find agents for them; called in the command that let the agent take more.
     *
     * @param ctx the command's context
     * @param agentId the agent
     */
    public void drain(Engine.Context ctx, AgentId agentId) {
        StorageSession s = ctx.session();
        Optional<Agent> agent = s.agents().get(agentId);
        if (agent.isEmpty() || !agent.get().canTakeMore()) {
            return;
        }
        for (TeamId teamId : agent.get().teams()) {
            for (Case waiting : s.cases().waiting(teamId, DRAIN_LIMIT)) {
                Team team = s.agents().getTeam(teamId).orElse(null);
                if (team == null) {
                    break;
                }
                Draft d = new Draft(waiting);
                if (routeDraft(ctx, d, team)) {
                    save(ctx, d, "system", false);
                    log.debug(
                            "routed waiting case {} to agent {} in tenant {}",
                            waiting.id(),
                            d.current.assignee(),
                            tenant);
                }
                Agent now = s.agents().get(agentId).orElse(null);
                if (now == null || !now.canTakeMore()) {
                    return;
                }
            }
        }
    }

    /**
     * Puts a draft in a team and asks the team's policy for an agent among the members that can
     * take more.
     *
     * @return whether it was assigned
     */
    private boolean routeDraft(Engine.Context ctx, Draft d, Team team) {
        StorageSession s = ctx.session();
        RoutingPolicy policy = engine.routing().get(team.routing());
        if (policy == null) {
            throw new IllegalStateException(
                    "team " + team.id() + " names routing policy '" + team.routing() + "', which this engine lacks");
        }
        List<Agent> candidates = new ArrayList<>();
        for (Agent a : s.agents().members(team.id())) {
            if (a.canTakeMore()) {
                candidates.add(a);
            }
        }
        candidates.sort(Comparator.comparing(Agent::id));
        Case c = d.current;
        Fields f = new Fields(c);
        if (!team.id().equals(c.team())) {
            d.change("team", c.team(), team.id());
            f.team = team.id();
        }
        Optional<Agent> pick = policy.choose(f.build(), team, List.copyOf(candidates));
        if (pick.isPresent()
                && candidates.stream().noneMatch(a -> a.id().equals(pick.get().id()))) {
            throw new IllegalStateException("routing policy '" + team.routing() + "' chose agent "
                    + pick.get().id() + ", who is not a member of team " + team.id() + " able to take a case");
        }
        AgentId next = pick.map(Agent::id).orElse(null);
        if (!Objects.equals(next, c.assignee())) {
            d.change("assignee", c.assignee(), next);
            f.assignee = next;
        }
        d.current = f.build();
        if (next != null) {
            s.agents()
                    .updateTeam(
                            team,
                            new Team(
                                    team.id(),
                                    team.version() + 1,
                                    team.name(),
                                    team.routing(),
                                    next,
                                    team.createdAt(),
                                    ctx.now()));
        }
        return next != null;
    }

    /**
     * @param s a session
     * @return whether its adapter stores cases (adapters written before 0.3 do not; recording
     *     interactions and deleting customers then simply have no cases to touch)
     */
    public static boolean storesCases(StorageSession s) {
        try {
            s.cases();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Keeps agents' counts true when a customer's cases are deleted with the customer, and routes
     * what the freed agents can take.
     *
     * @param ctx the deleting command's context
     * @param deleted the cases deleted
     */
    public void deleted(Engine.Context ctx, List<Case> deleted) {
        Set<AgentId> freed = new TreeSet<>();
        boolean timers = storesTimers(ctx.session());
        for (Case c : deleted) {
            if (c.status().isActive() && c.assignee() != null) {
                adjustLoad(ctx, c.assignee(), -1);
                freed.add(c.assignee());
            }
            if (timers) {
                // The case's timers go with it, instead of firing later for nothing.
                for (SlaClock k : c.sla()) {
                    ctx.cancelTimer(timerKey(c.id(), k.metric(), false));
                    ctx.cancelTimer(timerKey(c.id(), k.metric(), true));
                }
                if (c.status() == CaseStatus.PENDING) {
                    ctx.cancelTimer(reminderKey(c.id()));
                }
                if (c.status() == CaseStatus.SOLVED) {
                    ctx.cancelTimer(autoCloseKey(c.id()));
                }
            }
        }
        freed.forEach(a -> drain(ctx, a));
    }

    @Override
    public Case assign(CaseId id, AgentId agent, @Nullable String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        String who = checkedActor(actor);
        return engine.executeRetrying(tenant, ctx -> {
            StorageSession s = ctx.session();
            Case before = load(s, id);
            if (agent.equals(before.assignee())) {
                return before;
            }
            if (!before.status().isActive()) {
                throw new ConflictException("case " + id + " is " + before.status() + " and cannot be assigned");
            }
            if (s.agents().get(agent).isEmpty()) {
                throw new NotFoundException("agent", agent);
            }
            Draft d = new Draft(before);
            Fields f = new Fields(before);
            f.assignee = agent;
            d.current = f.build();
            d.change("assignee", before.assignee(), agent);
            return save(ctx, d, who, false);
        });
    }

    @Override
    public Case route(CaseId id, TeamId team, @Nullable String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(team, "team");
        String who = checkedActor(actor);
        return engine.executeRetrying(tenant, ctx -> {
            StorageSession s = ctx.session();
            Case before = load(s, id);
            if (!before.status().isActive()) {
                throw new ConflictException("case " + id + " is " + before.status() + " and cannot be routed");
            }
            Team t = loadTeam(s, team);
            Draft d = new Draft(before);
            reroute(ctx, d, t);
            if (d.changes.isEmpty()) {
                return before;
            }
            return save(ctx, d, who, false);
        });
    }

    @Override
    public List<Case> waiting(TeamId team, int limit) {
        Objects.requireNonNull(team, "team");
        Violations v = new Violations();
        ActivityRules.limit(limit, 1000, v);
        v.throwIfAny();
        return engine.read(tenant, s -> s.cases().waiting(team, limit));
    }

    private static Case load(StorageSession s, CaseId id) {
        return s.cases().get(id).orElseThrow(() -> new NotFoundException("case", id));
    }

    private static Interaction linkable(StorageSession s, Case c, InteractionId id) {
        Interaction i = s.interactions().get(id).orElseThrow(() -> new NotFoundException("interaction", id));
        if (!c.customerId().equals(i.customerId())) {
            throw new ConflictException(
                    "interaction " + id + " does not belong to case " + c.id() + "'s customer " + c.customerId());
        }
        Optional<Case> holder = s.cases().findByInteraction(id);
        if (holder.isPresent() && !holder.get().id().equals(c.id())) {
            throw new ConflictException(
                    "interaction " + id + " is linked to case " + holder.get().id());
        }
        return i;
    }

    // ---------------------------------------------------------------- commands

    @Override
    public Case open(NewCase command) {
        Objects.requireNonNull(command, "command");
        return open(command, null);
    }

    private Case open(NewCase command, @Nullable CaseId earlier) {
        Violations v = new Violations();
        Checked c = check(command, v);
        v.throwIfAny();
        Case opened = engine.executeRetrying(tenant, ctx -> {
            StorageSession s = ctx.session();
            if (s.customers().get(command.customer()).isEmpty()) {
                throw new NotFoundException("customer", command.customer());
            }
            Map<String, AttributeValue> attributes = attributes(s, command.attributes());
            CaseId id = new CaseId(engine.ids().next());
            Case earlierCase = null;
            if (earlier != null) {
                earlierCase = load(s, earlier);
                if (earlierCase.status().isActive()) {
                    throw new ConflictException("case " + earlier + " is " + earlierCase.status()
                            + ": a follow-up needs a solved or closed case");
                }
                if (!earlierCase.customerId().equals(command.customer())) {
                    throw new ConflictException(
                            "case " + earlier + " belongs to another customer than the follow-up's");
                }
            }
            Case fresh = new Case(
                    id,
                    1,
                    command.customer(),
                    c.subject(),
                    c.description(),
                    command.origin(),
                    command.priority(),
                    c.category(),
                    c.tags(),
                    attributes,
                    CaseStatus.NEW,
                    null,
                    null,
                    c.requiredSkills(),
                    c.language(),
                    null,
                    List.of(),
                    List.of(),
                    Set.of(),
                    earlier == null ? Set.of() : Set.of(earlier),
                    null,
                    CaseFacts.NONE,
                    ctx.now(),
                    ctx.now());
            Draft d = new Draft(fresh);
            d.change("opened", null, c.subject());
            if (earlier != null) {
                d.change("related", null, earlier);
            }
            TenantSettings settings = settings();
            for (InteractionId iid : command.interactions()) {
                link(d, linkable(s, fresh, iid), ctx.now(), settings);
            }
            if (command.team() != null) {
                routeDraft(ctx, d, loadTeam(s, command.team()));
            }
            Case saved = save(ctx, d, c.actor(), true);
            ctx.emit(new CaseOpened(
                    ctx.newEventId(), tenant, ctx.now(), id, command.customer(), 1, command.priority(), earlier));
            if (earlierCase != null) {
                Draft e = new Draft(earlierCase);
                Set<CaseId> related = new TreeSet<>(earlierCase.related());
                related.add(id);
                e.current = withRelated(earlierCase, related, earlierCase.mergedInto());
                e.change("related", null, id);
                save(ctx, e, c.actor(), false);
            }
            return saved;
        });
        log.debug("opened case {} in tenant {}", opened.id(), tenant);
        return opened;
    }

    @Override
    public Case followUp(CaseId earlier, NewCase command) {
        Objects.requireNonNull(earlier, "earlier");
        Objects.requireNonNull(command, "command");
        return open(command, earlier);
    }

    @Override
    public Case get(CaseId id) {
        return find(id).orElseThrow(() -> new NotFoundException("case", id));
    }

    @Override
    public Optional<Case> find(CaseId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(tenant, s -> s.cases().get(id));
    }

    @Override
    public Case update(CaseId id, long expectedVersion, CasePatch patch) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patch, "patch");
        Violations v = new Violations();
        Optional<String> subject = patch.subject().map(x -> subject(x, "subject", v));
        Optional<String> description =
                patch.description().map(x -> ActivityRules.text(x, "description", MAX_DESCRIPTION, true, v));
        Optional<Optional<String>> category =
                patch.category().map(o -> o.map(x -> ActivityRules.line(x, "category", MAX_CATEGORY, v)));
        Set<String> add = tags(patch.addTags(), "addTags", v);
        Set<String> remove = tags(patch.removeTags(), "removeTags", v);
        String actor = actor(patch.actor().orElse(null), v);
        if (expectedVersion < 1) {
            v.add("expectedVersion", "must be at least 1");
        }
        for (String key : patch.clearAttributes()) {
            if (patch.attributes().containsKey(key)) {
                v.add("attributes." + key, "cannot be set and cleared at once");
            }
        }
        v.throwIfAny();
        return engine.execute(tenant, ctx -> {
            StorageSession s = ctx.session();
            Case before = load(s, id);
            if (before.version() != expectedVersion) {
                throw new ConcurrencyException("case", id, expectedVersion);
            }
            if (before.status() == CaseStatus.CLOSED) {
                throw new ConflictException("case " + id + " is CLOSED and cannot change");
            }
            Draft d = new Draft(before);
            String newSubject = subject.orElse(before.subject());
            if (newSubject != null && !newSubject.equals(before.subject())) {
                d.change("subject", before.subject(), newSubject);
            }
            String newDescription = description.orElse(before.description());
            if (newDescription != null && !newDescription.equals(before.description())) {
                d.change("description", null, null);
            }
            var newPriority = patch.priority().orElse(before.priority());
            if (newPriority != before.priority()) {
                d.change("priority", before.priority(), newPriority);
            }
            String newCategory = category.isPresent() ? category.get().orElse(null) : before.category();
            if (!Objects.equals(newCategory, before.category())) {
                d.change("category", before.category(), newCategory);
            }
            Set<String> tags = new TreeSet<>(before.tags());
            for (String t : remove) {
                if (tags.remove(t)) {
                    d.change("tags", t, null);
                }
            }
            for (String t : add) {
                if (tags.add(t)) {
                    d.change("tags", null, t);
                }
            }
            if (tags.size() > MAX_TAGS) {
                throw ValidationException.of("addTags", "a case has at most " + MAX_TAGS + " tags");
            }
            Map<String, AttributeValue> attrs = new TreeMap<>(before.attributes());
            Map<String, AttributeValue> set = attributes(s, patch.attributes());
            set.forEach((k, val) -> {
                if (!val.equals(attrs.put(k, val))) {
                    d.change("attributes." + k, null, null);
                }
            });
            for (String k : patch.clearAttributes()) {
                if (attrs.remove(k) != null) {
                    d.change("attributes." + k, null, null);
                }
            }
            if (d.changes.isEmpty()) {
                return before;
            }
            Fields f = new Fields(before);
            f.subject = Objects.requireNonNull(newSubject);
            f.description = Objects.requireNonNull(newDescription);
            f.priority = newPriority;
            f.category = newCategory;
            f.tags = tags;
            f.attributes = attrs;
            d.current = f.build();
            return save(ctx, d, actor, false);
        });
    }

    @Override
    public Case moveTo(CaseId id, CaseStatus target, @Nullable String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        String who = checkedActor(actor);
        return engine.executeRetrying(tenant, ctx -> {
            Case before = load(ctx.session(), id);
            if (before.status() == target) {
                return before;
            }
            Draft d = new Draft(before);
            move(d, target, ctx.now(), settings());
            return save(ctx, d, who, false);
        });
    }

    @Override
    public Case linkInteraction(CaseId id, InteractionId interaction, @Nullable String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(interaction, "interaction");
        String who = checkedActor(actor);
        return engine.executeRetrying(tenant, ctx -> {
            StorageSession s = ctx.session();
            Case before = load(s, id);
            if (before.interactions().contains(interaction)) {
                return before;
            }
            if (before.status() == CaseStatus.CLOSED) {
                throw new ConflictException("case " + id + " is CLOSED: link the interaction to a follow-up case");
            }
            Draft d = new Draft(before);
            link(d, linkable(s, before, interaction), ctx.now(), settings());
            return save(ctx, d, who, false);
        });
    }

    /**
     * Attaches a just-recorded interaction to the case holding its thread, inside the recording
     * command: the newest case of the interaction's customer holding the thread that is active, or
     * solved within the reopen window. Does nothing when there is none.
     *
     * @param ctx the recording command's context
     * @param interaction the interaction, already stored
     * @return the case it was attached to, if any
     */
    public Optional<Case> attachToThread(Engine.Context ctx, Interaction interaction) {
        String thread = interaction.threadId();
        if (thread == null || interaction.customerId() == null) {
            return Optional.empty();
        }
        StorageSession s = ctx.session();
        if (!storesCases(s)) {
            return Optional.empty();
        }
        TenantSettings settings = settings();
        for (Case c : s.cases().findByThread(thread)) {
            if (!c.customerId().equals(interaction.customerId())) {
                continue;
            }
            if (c.status().isActive()
                    || (c.status() == CaseStatus.SOLVED && withinReopenWindow(c, ctx.now(), settings))) {
                if (s.cases().findByInteraction(interaction.id()).isPresent()) {
                    return Optional.empty();
                }
                Draft d = new Draft(c);
                link(d, interaction, ctx.now(), settings);
                Case saved = save(ctx, d, "system", false);
                log.debug("attached interaction {} to case {} in tenant {}", interaction.id(), c.id(), tenant);
                return Optional.of(saved);
            }
        }
        return Optional.empty();
    }

    @Override
    public Case relate(CaseId id, CaseId other, @Nullable String actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(other, "other");
        String who = checkedActor(actor);
        if (id.equals(other)) {
            throw new ConflictException("case " + id + " cannot be related to itself");
        }
        return engine.executeRetrying(tenant, ctx -> {
            StorageSession s = ctx.session();
            Case a = load(s, id);
            Case b = load(s, other);
            if (!a.customerId().equals(b.customerId())) {
                throw new ConflictException("cases " + id + " and " + other + " belong to different customers");
            }
            if (a.related().contains(other) && b.related().contains(id)) {
                return a;
            }
            Case saved = addRelated(ctx, a, other, who);
            addRelated(ctx, b, id, who);
            return saved;
        });
    }

    private Case addRelated(Engine.Context ctx, Case c, CaseId other, @Nullable String actor) {
        if (c.related().contains(other)) {
            return c;
        }
        Draft d = new Draft(c);
        Set<CaseId> related = new TreeSet<>(c.related());
        related.add(other);
        d.current = withRelated(c, related, c.mergedInto());
        d.change("related", null, other);
        return save(ctx, d, actor, false);
    }

    @Override
    public Case merge(CaseId duplicate, CaseId survivor, @Nullable String actor) {
        Objects.requireNonNull(duplicate, "duplicate");
        Objects.requireNonNull(survivor, "survivor");
        String who = checkedActor(actor);
        if (duplicate.equals(survivor)) {
            throw new ConflictException("case " + duplicate + " cannot be merged into itself");
        }
        Case merged = engine.executeRetrying(tenant, ctx -> {
            StorageSession s = ctx.session();
            Case dup = load(s, duplicate);
            Case keep = load(s, survivor);
            if (!dup.customerId().equals(keep.customerId())) {
                throw new ConflictException(
                        "cases " + duplicate + " and " + survivor + " belong to different customers");
            }
            for (Case c : List.of(dup, keep)) {
                if (c.status() == CaseStatus.CLOSED) {
                    throw new ConflictException("case " + c.id() + " is CLOSED and cannot take part in a merge");
                }
            }
            // The duplicate first: its interactions leave it before the survivor takes them.
            Draft d = new Draft(dup);
            for (InteractionId i : dup.interactions()) {
                d.change("interactions", i, null);
            }
            Case emptied = with(dup, List.of(), Set.of(), dup.facts());
            d.current = withRelated(emptied, emptied.related(), survivor);
            d.change("mergedInto", null, survivor);
            Instant now = ctx.now();
            CaseFacts f = dup.facts();
            d.current = withStatus(
                    d.current,
                    CaseStatus.CLOSED,
                    new CaseFacts(
                            f.firstResponseAt(),
                            f.lastAgentReplyAt(),
                            f.agentReplies(),
                            f.awaitingReplySince(),
                            f.nextResponseTimes(),
                            f.reopenCount(),
                            f.firstSolvedAt(),
                            f.solvedAt(),
                            now,
                            f.firstContactResolution()));
            d.change("status", dup.status(), CaseStatus.CLOSED);
            Case closed = save(ctx, d, who, false);
            ctx.emit(new CaseMerged(
                    ctx.newEventId(), tenant, now, duplicate, dup.customerId(), closed.version(), survivor));

            // Closing the duplicate may have freed its assignee, and routing what that agent can
            // take may have assigned the survivor itself: read it again.
            keep = load(s, survivor);
            Draft k = new Draft(keep);
            List<InteractionId> interactions = new ArrayList<>(keep.interactions());
            for (InteractionId i : dup.interactions()) {
                if (!interactions.contains(i)) {
                    interactions.add(i);
                    k.change("interactions", null, i);
                }
            }
            Set<String> threads = new TreeSet<>(keep.threads());
            threads.addAll(dup.threads());
            k.current = with(keep, interactions, threads, keep.facts());
            k.change("mergedFrom", null, duplicate);
            return save(ctx, k, who, false);
        });
        log.debug("merged case {} into {} in tenant {}", duplicate, survivor, tenant);
        return merged;
    }

    @Override
    public Page<CaseChange> history(CaseId id, int limit, @Nullable String cursor) {
        Objects.requireNonNull(id, "id");
        Violations v = new Violations();
        ActivityRules.limit(limit, 1000, v);
        long afterVersion = 0;
        int afterIndex = 0;
        if (cursor != null) {
            Matcher m = CURSOR.matcher(cursor);
            if (!m.matches()) {
                v.add("cursor", "is not a cursor of this listing");
            } else {
                afterVersion = Long.parseLong(m.group(1));
                afterIndex = Integer.parseInt(m.group(2));
            }
        }
        v.throwIfAny();
        long fromVersion = afterVersion;
        int fromIndex = afterIndex;
        List<CaseChange> rows = engine.read(tenant, s -> {
            if (s.cases().get(id).isEmpty()) {
                throw new NotFoundException("case", id);
            }
            return s.cases().history(id, fromVersion, fromIndex, limit + 1);
        });
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<CaseChange> page = rows.subList(0, limit);
        CaseChange last = page.get(limit - 1);
        return new Page<>(page, "h1:" + last.version() + ":" + last.index());
    }

    private static final Pattern QUEUE_CURSOR =
            Pattern.compile("q1:([0-9a-f-]{36}):(-?\\d{1,19}):(\\d):(-?\\d{1,19}):(-?\\d{1,19}):(\\d{1,9}):(\\d{1,9})");

    private static CaseFilter filter(CaseQuery q, Violations v) {
        if (q.statuses().isEmpty()) {
            v.add("statuses", "at least one status");
        }
        if (q.assignee() != null && q.isUnassigned()) {
            v.add("assignee", "cannot be asked for together with unassigned");
        }
        if (!v.isEmpty()) {
            return null;
        }
        return new CaseFilter(q.team(), q.assignee(), q.isUnassigned(), q.statuses(), q.priorities());
    }

    private static String cursor(CaseQueueKey k) {
        return "q1:" + k.id() + ":" + k.due().getEpochSecond() + ":" + k.urgency() + ":"
                + k.createdAt().getEpochSecond() + ":" + k.due().getNano() + ":"
                + k.createdAt().getNano() + ":0";
    }

    private static @Nullable CaseQueueKey key(@Nullable String cursor, Violations v) {
        if (cursor == null) {
            return null;
        }
        Matcher m = QUEUE_CURSOR.matcher(cursor);
        if (!m.matches()) {
            v.add("cursor", "is not a cursor of this listing");
            return null;
        }
        try {
            return new CaseQueueKey(
                    Instant.ofEpochSecond(Long.parseLong(m.group(2)), Long.parseLong(m.group(5))),
                    Integer.parseInt(m.group(3)),
                    Instant.ofEpochSecond(Long.parseLong(m.group(4)), Long.parseLong(m.group(6))),
                    CaseId.parse(m.group(1)));
        } catch (RuntimeException e) {
            v.add("cursor", "is not a cursor of this listing");
            return null;
        }
    }

    @Override
    public Page<Case> list(CaseQuery query) {
        Objects.requireNonNull(query, "query");
        Violations v = new Violations();
        ActivityRules.limit(query.limit(), 1000, v);
        CaseFilter f = filter(query, v);
        CaseQueueKey after = key(query.cursor(), v);
        v.throwIfAny();
        int limit = query.limit();
        List<Case> rows = engine.read(tenant, s -> s.cases().queue(Objects.requireNonNull(f), after, limit + 1));
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<Case> page = rows.subList(0, limit);
        return new Page<>(page, cursor(CaseQueueKey.of(page.get(limit - 1))));
    }

    @Override
    public long count(CaseQuery query) {
        Objects.requireNonNull(query, "query");
        Violations v = new Violations();
        CaseFilter f = filter(query, v);
        v.throwIfAny();
        return engine.read(tenant, s -> s.cases().count(Objects.requireNonNull(f)));
    }
}
