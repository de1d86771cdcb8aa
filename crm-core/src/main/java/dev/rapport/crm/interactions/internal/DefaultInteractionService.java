package dev.rapport.crm.interactions.internal;

import dev.rapport.crm.cases.internal.DefaultCaseService;
import dev.rapport.crm.customers.internal.CustomerRules;
import dev.rapport.crm.customers.internal.DefaultCustomerService;
import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.IngestResult;
import dev.rapport.crm.interactions.InteractionService;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.interactions.UnmatchedPolicy;
import dev.rapport.crm.internal.ActivityRules;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Participant;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.ThreadSummary;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.InteractionLinked;
import dev.rapport.crm.model.event.InteractionRecorded;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.spi.StorageSession;
import dev.rapport.crm.spi.TimelineRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The interaction commands and queries of one tenant. */
public final class DefaultInteractionService implements InteractionService {
    private static final Logger log = LoggerFactory.getLogger(DefaultInteractionService.class);

    static final int MAX_SUBJECT = 1000;
    static final int MAX_SHORT = 200;
    static final int MAX_PARTICIPANTS = 100;
    static final int MAX_ADDRESS = 320;
    static final int MAX_ATTACHMENTS = 100;
    static final int MAX_THREAD = 512;
    static final int MAX_REPLY_TO = 100;
    static final int MAX_PAGE = 1000;
    /** How many recent interactions subject threading compares, at most. */
    static final int SUBJECT_SCAN = 200;

    static final Duration MAX_SUBJECT_WINDOW = Duration.ofDays(3660);
    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|antw|rif|tr|odp|r)\\s*(?:\\[\\d+\\])?\\s*[:：]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Engine engine;
    private final TenantId tenant;
    private final DefaultCaseService cases;

    /**
     * @param engine the engine
     * @param tenant the tenant every call is scoped to
     */
    public DefaultInteractionService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
        this.cases = new DefaultCaseService(engine, tenant);
    }

    /**
     * A command's fields after the checks that need no stored state.
     *
     * @param command the command
     * @param occurredAt the checked time, or null for the command's own
     * @param subject the checked subject
     * @param author the checked author
     * @param threadId the checked thread id
     * @param outcome the checked outcome
     * @param source the checked source
     */
    public record Checked(
            NewInteraction command,
            @Nullable Instant occurredAt,
            @Nullable String subject,
            @Nullable String author,
            @Nullable String threadId,
            @Nullable String outcome,
            @Nullable SourceRef source) {}

    /** Thrown inside a transaction to roll it back when a concurrent command recorded the same source. */
    private static final class Duplicate extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Interaction holder;

        Duplicate(Interaction holder) {
            super(null, null, false, false);
            this.holder = holder;
        }
    }

    /**
     * Checks everything of an interaction command that needs no stored state.
     *
     * @param c the command
     * @param prefix the path prefix of violations
     * @param v where violations go
     * @return the checked command (meaningful only if {@code v} stayed empty)
     */
    public Checked check(NewInteraction c, String prefix, Violations v) {
        int maxBody = engine.maxBodyLength();
        ActivityRules.text(c.body(), prefix + "body", maxBody, true, v);
        ActivityRules.text(c.html(), prefix + "html", maxBody, true, v);
        String subject = ActivityRules.line(c.subject(), prefix + "subject", MAX_SUBJECT, v);
        String author = ActivityRules.line(c.author(), prefix + "author", MAX_SHORT, v);
        String outcome = ActivityRules.line(c.outcome(), prefix + "outcome", MAX_SHORT, v);
        String thread = c.threadId() == null
                ? null
                : ActivityRules.text(c.threadId(), prefix + "threadId", MAX_THREAD, false, v);
        if (thread != null && thread.isBlank()) {
            v.add(prefix + "threadId", "must not be blank");
        }
        if (c.participants().size() > MAX_PARTICIPANTS) {
            v.add(prefix + "participants", "at most " + MAX_PARTICIPANTS + " participants");
        }
        for (int i = 0; i < c.participants().size(); i++) {
            Participant p = c.participants().get(i);
            String path = prefix + "participants[" + i + "]";
            if (p == null) {
                v.add(path, "must not be null");
            } else if (p.address().isEmpty()) {
                v.add(path + ".address", "must not be blank");
            } else {
                ActivityRules.text(p.address(), path + ".address", MAX_ADDRESS, false, v);
            }
        }
        if (c.attachments().size() > MAX_ATTACHMENTS) {
            v.add(prefix + "attachments", "at most " + MAX_ATTACHMENTS + " attachments");
        }
        for (int i = 0; i < c.attachments().size(); i++) {
            Attachment a = c.attachments().get(i);
            String path = prefix + "attachments[" + i + "]";
            if (a == null) {
                v.add(path, "must not be null");
                continue;
            }
            ActivityRules.text(a.fileName(), path + ".fileName", 500, false, v);
            if (a.contentType().isBlank()) {
                v.add(path + ".contentType", "must not be blank");
            }
            ActivityRules.text(a.contentType(), path + ".contentType", 200, false, v);
            ActivityRules.text(a.reference(), path + ".reference", 2000, false, v);
        }
        if (c.duration() != null && c.duration().isNegative()) {
            v.add(prefix + "duration", "must not be negative");
        }
        SourceRef source = ActivityRules.source(c.source(), prefix + "source", v);
        Instant at = c.occurredAt() == null
                ? null
                : ActivityRules.occurredAt(c.occurredAt(), Instant.EPOCH, prefix + "occurredAt", v);
        return new Checked(c, at, subject, author, thread, outcome, source);
    }

    /**
     * Converts attribute values against the tenant's definitions.
     *
     * @param s the session
     * @param raw the values as given
     * @param prefix the path prefix of violations
     * @return the values
     * @throws dev.rapport.crm.model.ValidationException if any is refused
     */
    public Map<String, AttributeValue> attributes(StorageSession s, Map<String, Object> raw, String prefix) {
        if (raw.isEmpty()) {
            return Map.of();
        }
        Violations v = new Violations();
        Map<String, AttributeDefinition> defs = DefaultCustomerService.definitions(s);
        Map<String, AttributeValue> out = DefaultCustomerService.attributes(defs, raw, v);
        if (!prefix.isEmpty() && !v.isEmpty()) {
            Violations prefixed = new Violations();
            v.list().forEach(x -> prefixed.add(prefix + x.path(), x.reason()));
            prefixed.throwIfAny();
        }
        v.throwIfAny();
        return out;
    }

    /**
     * Builds an interaction, version 1, not yet stored.
     *
     * @param ctx the command's context
     * @param c the checked command
     * @param customer its customer, or null
     * @param threadId its thread
     * @param attributes its converted attributes
     * @param id its id
     * @return the interaction
     */
    public Interaction build(
            Engine.Context ctx,
            Checked c,
            @Nullable CustomerId customer,
            @Nullable String threadId,
            Map<String, AttributeValue> attributes,
            InteractionId id) {
        NewInteraction n = c.command();
        return new Interaction(
                id,
                1,
                customer,
                n.channel(),
                n.direction(),
                c.occurredAt() == null ? ctx.now() : c.occurredAt(),
                ctx.now(),
                c.subject(),
                n.body(),
                n.html(),
                c.author(),
                n.participants(),
                threadId,
                n.duration(),
                c.outcome(),
                n.attachments(),
                attributes,
                c.source());
    }

    @Override
    public Interaction record(NewInteraction command) {
        Objects.requireNonNull(command, "command");
        Violations v = new Violations();
        Checked c = check(command, "", v);
        if (command.customer() == null) {
            v.add("customer", "is required");
        }
        v.throwIfAny();
        CustomerId customer = Objects.requireNonNull(command.customer());
        try {
            return engine.execute(tenant, ctx -> {
                StorageSession s = ctx.session();
                Map<String, AttributeValue> attributes = attributes(s, command.attributes(), "");
                InteractionId id = new InteractionId(engine.ids().next());
                Interaction interaction = build(ctx, c, customer, c.threadId(), attributes, id);
                // Insert first: a repeated source answers with the first record in the same
                // round trip, and a missing customer rolls the insert back. A store that checks the
                // customer in its insert saves the look-up.
                Optional<Interaction> holder = s.interactions().insertIfAbsent(interaction);
                if (holder.isPresent()) {
                    throw new Duplicate(holder.get());
                }
                if (!s.interactions().refusesUnknownCustomers()
                        && s.customers().existing(List.of(customer)).isEmpty()) {
                    throw new NotFoundException("customer", customer);
                }
                recorded(ctx, interaction);
                log.debug("tenant {}: recorded interaction {} for customer {}", tenant, id, customer);
                return interaction;
            });
        } catch (Duplicate d) {
            return d.holder;
        }
    }

    /**
     * Emits the event of an interaction just stored, and attaches it to the case holding its thread,
     * if any ({@link DefaultCaseService#attachToThread}).
     *
     * @param ctx the command's context
     * @param interaction the interaction
     */
    public void recorded(Engine.Context ctx, Interaction interaction) {
        ctx.emit(new InteractionRecorded(
                ctx.newEventId(),
                tenant,
                ctx.now(),
                interaction.id(),
                interaction.customerId(),
                interaction.channel(),
                interaction.direction()));
        cases.attachToThread(ctx, interaction);
    }

    private void insert(Engine.Context ctx, Interaction interaction) {
        Optional<Interaction> holder = ctx.session().interactions().insertIfAbsent(interaction);
        if (holder.isPresent()) {
            log.debug(
                    "tenant {}: interaction source already recorded as {}",
                    tenant,
                    holder.get().id());
            throw new Duplicate(holder.get());
        }
        recorded(ctx, interaction);
        log.debug(
                "tenant {}: recorded interaction {} for customer {}",
                tenant,
                interaction.id(),
                interaction.customerId());
    }

    @Override
    public IngestResult ingest(InboundMessage message) {
        Objects.requireNonNull(message, "message");
        NewInteraction command = message.interaction();
        Violations v = new Violations();
        if (command.direction() == Direction.INTERNAL) {
            v.add(
                    "interaction.direction",
                    "must be INBOUND or OUTBOUND: an internal note has no counterpart to resolve");
        }
        if (command.customer() != null) {
            v.add("interaction.customer", "must not be set: the sender identifies the customer");
        }
        String region = engine.settings(tenant).defaultPhoneRegion();
        Optional<Identity> sender = CustomerRules.identity(message.sender(), region, "sender", v);
        String senderName = CustomerRules.optionalName(
                        message.senderName(), "senderName", CustomerRules.MAX_DISPLAY_NAME, v)
                .orElse(null);
        Checked c = check(command, "interaction.", v);
        List<String> replyTo = replyTo(message.replyTo(), c.source(), command.source() != null, v);
        Duration window = message.subjectWindow();
        if (window != null && (window.isNegative() || window.isZero() || window.compareTo(MAX_SUBJECT_WINDOW) > 0)) {
            v.add("subjectWindow", "must be positive and at most " + MAX_SUBJECT_WINDOW.toDays() + " days");
        }
        v.throwIfAny();
        Identity identity = sender.orElseThrow();
        UnmatchedPolicy policy = engine.settings(tenant).unmatchedInbound();
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.execute(tenant, ctx -> ingest(ctx, c, identity, senderName, replyTo, window, policy));
            } catch (Duplicate d) {
                return new IngestResult(d.holder, IngestResult.Outcome.DUPLICATE);
            } catch (IdentityConflictException e) {
                // A concurrent command gave the sender's identity to a customer first: run again to match it.
                if (attempt >= 3) {
                    throw e;
                }
                log.debug("tenant {}: sender identity taken concurrently, ingesting again", tenant);
            }
        }
    }

    private IngestResult ingest(
            Engine.Context ctx,
            Checked c,
            Identity sender,
            @Nullable String senderName,
            List<String> replyTo,
            @Nullable Duration window,
            UnmatchedPolicy policy) {
        StorageSession s = ctx.session();
        if (c.source() != null) {
            Optional<Interaction> earlier = s.interactions().findBySource(c.source());
            if (earlier.isPresent()) {
                return new IngestResult(earlier.get(), IngestResult.Outcome.DUPLICATE);
            }
        }
        Map<String, AttributeValue> attributes = attributes(s, c.command().attributes(), "interaction.");
        Optional<Customer> holder = s.customers().findByIdentity(sender);
        CustomerId customer = holder.map(Customer::id).orElse(null);
        IngestResult.Outcome outcome = IngestResult.Outcome.MATCHED;
        if (customer == null) {
            outcome = IngestResult.Outcome.PARKED;
            if (policy == UnmatchedPolicy.CREATE_LEAD) {
                Map<String, AttributeDefinition> defs = DefaultCustomerService.definitions(s);
                boolean requiresAttributes = defs.values().stream().anyMatch(AttributeDefinition::required);
                if (requiresAttributes) {
                    log.debug("tenant {}: required attributes prevent creating a lead; parking the message", tenant);
                } else {
                    customer = createLead(ctx, sender, senderName);
                    outcome = IngestResult.Outcome.LEAD_CREATED;
                }
            }
        }
        InteractionId id = new InteractionId(engine.ids().next());
        Instant at = c.occurredAt() == null ? ctx.now() : c.occurredAt();
        String thread = thread(s, c, replyTo, customer, window, at);
        Interaction interaction = build(ctx, c, customer, thread == null ? id.toString() : thread, attributes, id);
        insert(ctx, interaction);
        return new IngestResult(interaction, outcome);
    }

    private CustomerId createLead(Engine.Context ctx, Identity sender, @Nullable String senderName) {
        String name = senderName != null ? senderName : sender.value();
        if (name.codePointCount(0, name.length()) > CustomerRules.MAX_DISPLAY_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, CustomerRules.MAX_DISPLAY_NAME));
        }
        Customer lead = new Customer(
                new CustomerId(engine.ids().next()),
                1,
                ctx.now(),
                ctx.now(),
                name,
                null,
                null,
                List.of(sender),
                new Preferences(null, null, null, Map.of()),
                LifecycleStage.LEAD,
                List.of(),
                Map.of());
        ctx.session().customers().insert(lead);
        ctx.emit(new CustomerCreated(ctx.newEventId(), tenant, ctx.now(), lead.id(), 1));
        log.debug("tenant {}: created lead customer {} from an inbound message", tenant, lead.id());
        return lead.id();
    }

    /** The thread a message joins: a replied-to message's, the given one, a same-subject one's, or none. */
    private @Nullable String thread(
            StorageSession s,
            Checked c,
            List<String> replyTo,
            @Nullable CustomerId customer,
            @Nullable Duration window,
            Instant at) {
        SourceRef source = c.source();
        if (source != null) {
            for (String ref : replyTo) {
                Optional<Interaction> earlier = s.interactions().findBySource(new SourceRef(source.source(), ref));
                if (earlier.isPresent() && earlier.get().threadId() != null) {
                    return earlier.get().threadId();
                }
            }
        }
        if (c.threadId() != null) {
            return c.threadId();
        }
        String subject = c.subject() == null ? "" : normalizedSubject(c.subject());
        if (window != null && customer != null && !subject.isEmpty()) {
            Instant from =
                    at.minus(window).isBefore(ActivityRules.MIN_INSTANT) ? ActivityRules.MIN_INSTANT : at.minus(window);
            List<Activity> recent = s.activity()
                    .timeline(new TimelineRequest(
                            customer,
                            Set.of(ActivityKind.INTERACTION),
                            Set.of(c.command().channel()),
                            from,
                            // Up to and including the message's own instant: mail clocks tick in seconds.
                            at.plusNanos(1000),
                            SUBJECT_SCAN,
                            null));
            for (Activity a : recent) {
                Interaction earlier = (Interaction) a;
                if (earlier.threadId() != null
                        && earlier.subject() != null
                        && normalizedSubject(earlier.subject()).equals(subject)) {
                    return earlier.threadId();
                }
            }
        }
        return null;
    }

    /**
     * The subject as threading compares it: reply and forward prefixes ({@code Re:}, {@code Fwd:},
     * {@code AW:}, {@code Re[2]:}, ...) removed, spaces collapsed, lower-cased.
     *
     * @param subject a subject line
     * @return its normalised form
     */
    public static String normalizedSubject(String subject) {
        String s = REPLY_PREFIX.matcher(subject).replaceFirst("");
        return SPACES.matcher(s).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
    }

    private static List<String> replyTo(
            List<String> given, @Nullable SourceRef source, boolean sourceGiven, Violations v) {
        if (given.isEmpty()) {
            return List.of();
        }
        if (!sourceGiven) {
            v.add("replyTo", "needs interaction.source, which names the system the ids belong to");
        }
        if (given.size() > MAX_REPLY_TO) {
            v.add("replyTo", "at most " + MAX_REPLY_TO + " ids");
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String ref = given.get(i);
            String path = "replyTo[" + i + "]";
            if (ref == null || ref.isEmpty()) {
                v.add(path, "must not be empty");
            } else if (ActivityRules.text(ref, path, ActivityRules.MAX_EXTERNAL_ID, false, v) != null) {
                out.add(ref);
            }
        }
        return source == null ? List.of() : new ArrayList<>(out);
    }

    @Override
    public Interaction get(InteractionId id) {
        return find(id).orElseThrow(() -> new NotFoundException("interaction", id));
    }

    @Override
    public Optional<Interaction> find(InteractionId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(tenant, s -> s.interactions().get(id));
    }

    @Override
    public Optional<Interaction> findBySource(SourceRef source) {
        Objects.requireNonNull(source, "source");
        Violations v = new Violations();
        SourceRef checked = ActivityRules.source(source, "source", v);
        v.throwIfAny();
        return engine.read(tenant, s -> s.interactions().findBySource(Objects.requireNonNull(checked)));
    }

    @Override
    public Interaction link(InteractionId id, CustomerId customer) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        return engine.executeRetrying(tenant, ctx -> {
            StorageSession s = ctx.session();
            Interaction before = s.interactions().get(id).orElseThrow(() -> new NotFoundException("interaction", id));
            if (customer.equals(before.customerId())) {
                return before;
            }
            if (before.customerId() != null) {
                throw new ConflictException("interaction " + id + " is linked to another customer");
            }
            if (s.customers().get(customer).isEmpty()) {
                throw new NotFoundException("customer", customer);
            }
            Interaction after = before.linkedTo(customer);
            s.interactions().update(before, after);
            ctx.emit(new InteractionLinked(ctx.newEventId(), tenant, ctx.now(), id, customer));
            cases.attachToThread(ctx, after);
            log.debug("tenant {}: linked interaction {} to customer {}", tenant, id, customer);
            return after;
        });
    }

    @Override
    public Page<Interaction> thread(String threadId, int limit, @Nullable String cursor) {
        Violations v = new Violations();
        if (threadId == null || threadId.isEmpty()) {
            v.add("threadId", "is required");
        } else {
            ActivityRules.text(threadId, "threadId", MAX_THREAD, false, v);
        }
        return page(
                v,
                limit,
                cursor,
                (s, after) -> s.interactions().thread(threadId, limit + 1, after),
                Interaction::timelineKey);
    }

    @Override
    public Page<ThreadSummary> threads(CustomerId customer, int limit, @Nullable String cursor) {
        Objects.requireNonNull(customer, "customer");
        return page(
                new Violations(),
                limit,
                cursor,
                (s, after) -> s.interactions().threads(customer, limit + 1, after),
                ThreadSummary::position);
    }

    @Override
    public Page<Interaction> unmatched(int limit, @Nullable String cursor) {
        return page(
                new Violations(),
                limit,
                cursor,
                (s, after) -> s.interactions().unmatched(limit + 1, after),
                Interaction::timelineKey);
    }

    @FunctionalInterface
    private interface PageRead<T> {
        List<T> read(StorageSession s, @Nullable TimelineKey after);
    }

    private <T> Page<T> page(
            Violations v, int limit, @Nullable String cursor, PageRead<T> read, Function<T, TimelineKey> position) {
        ActivityRules.limit(limit, MAX_PAGE, v);
        TimelineKey after = null;
        try {
            after = ActivityRules.decodeCursor(cursor);
        } catch (dev.rapport.crm.model.ValidationException e) {
            v.addAll(e);
        }
        v.throwIfAny();
        TimelineKey start = after;
        Function<StorageSession, Page<T>> query = s -> {
            List<T> rows = read.read(s, start);
            if (rows.size() <= limit) {
                return new Page<>(rows, null);
            }
            List<T> page = rows.subList(0, limit);
            return new Page<>(page, ActivityRules.encodeCursor(position.apply(page.get(limit - 1))));
        };
        return engine.read(tenant, query);
    }
}
