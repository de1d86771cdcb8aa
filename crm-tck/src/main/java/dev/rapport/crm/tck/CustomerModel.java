package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.events.EventCursor;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.IdentityConflictException;
import dev.rapport.crm.model.LifecycleStage;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.Preferences;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerDeleted;
import dev.rapport.crm.model.event.CustomerEvent;
import dev.rapport.crm.model.event.CustomerIdentityAdded;
import dev.rapport.crm.model.event.CustomerIdentityRemoved;
import dev.rapport.crm.model.event.CustomerStageChanged;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.CrmStorage;
import dev.rapport.crm.spi.StoredEvent;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The model-based test of customers: the commands drawn from a seed, and a trial that applies each
 * to the {@link Crm} under test and to a plain reference model (maps and lists), comparing returned
 * values, exception types, the stored state and the new events after every command.
 */
final class CustomerModel {
    private CustomerModel() {}

    /** The schema of the model: one attribute of every type, {@code tier} required. */
    static final List<AttributeDefinition> SCHEMA = Generators.SCHEMA.stream()
            .map(d -> d.key().equals("tier") ? d.asRequired() : d)
            .toList();

    static final Map<String, AttributeDefinition> DEFINITIONS =
            SCHEMA.stream().collect(Collectors.toMap(AttributeDefinition::key, d -> d));

    /** An identity as a command gives it, its matching key, and the form stored. */
    record PoolIdentity(Identity given, String key, Identity stored) {
        @Override
        public String toString() {
            return given.kind().label() + ":" + given.scope() + ":" + given.value();
        }
    }

    /** Identities that clash in every way the rules allow: case, format, leading @. */
    static final List<PoolIdentity> IDENTITIES = List.of(
            new PoolIdentity(
                    Identity.email("ana@example.com"), "email:ana@example.com", Identity.email("ana@example.com")),
            new PoolIdentity(
                    Identity.email("ANA@Example.com"), "email:ana@example.com", Identity.email("ANA@Example.com")),
            new PoolIdentity(
                    Identity.email("bo@example.com"), "email:bo@example.com", Identity.email("bo@example.com")),
            new PoolIdentity(
                    Identity.email("cy@example.com"), "email:cy@example.com", Identity.email("cy@example.com")),
            new PoolIdentity(Identity.phone("020 7946 0001"), "phone:+442079460001", Identity.phone("+442079460001")),
            new PoolIdentity(
                    Identity.phone("+44 20 7946 0001"), "phone:+442079460001", Identity.phone("+442079460001")),
            new PoolIdentity(Identity.phone("020 7946 0002"), "phone:+442079460002", Identity.phone("+442079460002")),
            new PoolIdentity(Identity.social("x", "@Ana"), "social:x:ana", Identity.social("x", "@Ana")),
            new PoolIdentity(Identity.social("X", "ana"), "social:x:ana", Identity.social("x", "ana")),
            new PoolIdentity(Identity.social("reddit", "ana"), "social:reddit:ana", Identity.social("reddit", "ana")),
            new PoolIdentity(Identity.external("crm", "A-1"), "external:crm:A-1", Identity.external("crm", "A-1")),
            new PoolIdentity(Identity.external("CRM", "a-1"), "external:crm:a-1", Identity.external("crm", "a-1")));

    static final List<String> TAGS = List.of("vip", " VIP ", "newsletter", "b2b", "Churn Risk", "été", "#bad");

    /** A custom attribute value as a command gives it. */
    record Attr(String key, Object raw) {
        @Override
        public String toString() {
            return key + "=" + raw + " (" + raw.getClass().getSimpleName() + ")";
        }
    }

    /** One command of the model, with how far the clock moves before it. */
    sealed interface Step {
        long advanceMicros();
    }

    record Create(
            long advanceMicros,
            String name,
            List<Integer> identities,
            List<String> tags,
            List<Attr> attributes,
            LifecycleStage stage)
            implements Step {}

    /** {@code givenMode}: 0 leaves the given name, 1 sets it, 2 clears it. */
    record Update(
            long advanceMicros,
            int target,
            boolean stale,
            @Nullable String displayName,
            int givenMode,
            String givenName)
            implements Step {}

    record AddIdentity(long advanceMicros, int target, int identity) implements Step {}

    record RemoveIdentity(long advanceMicros, int target, int identity) implements Step {}

    record Tag(long advanceMicros, int target, boolean add, List<String> tags) implements Step {}

    record SetAttributes(long advanceMicros, int target, List<Attr> values) implements Step {}

    record ClearAttributes(long advanceMicros, int target, List<String> keys) implements Step {}

    record ChangeStage(long advanceMicros, int target, LifecycleStage stage) implements Step {}

    record Delete(long advanceMicros, int target) implements Step {}

    record Get(long advanceMicros, int target) implements Step {}

    record FindByIdentity(long advanceMicros, int identity) implements Step {}

    record ListPages(long advanceMicros, CustomerCriteria criteria, CustomerSort sort, int limit) implements Step {}

    record Count(long advanceMicros, CustomerCriteria criteria) implements Step {}

    // ---------------------------------------------------------------- drawing

    static Step draw(SplittableRandom r) {
        long micros = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 2000);
        int target = r.nextInt(1000);
        int roll = r.nextInt(100);
        if (roll < 22) {
            String name = r.nextInt(14) == 0 ? "   " : Generators.name(r);
            if (r.nextInt(6) == 0) {
                name = "  " + name + " ";
            }
            List<Integer> ids = new ArrayList<>();
            for (int i = r.nextInt(3); i > 0; i--) {
                ids.add(r.nextInt(IDENTITIES.size()));
            }
            return new Create(
                    micros,
                    name,
                    ids,
                    tags(r),
                    attributes(r, true),
                    Generators.pick(r, List.of(LifecycleStage.values())));
        }
        if (roll < 32) {
            String name =
                    switch (r.nextInt(6)) {
                        case 0 -> null;
                        case 1 -> " ";
                        default -> Generators.name(r);
                    };
            int mode = r.nextInt(3);
            return new Update(
                    micros,
                    target,
                    r.nextInt(4) == 0,
                    name,
                    mode,
                    r.nextInt(5) == 0 ? "  " : Generators.pick(r, Generators.NAMES));
        }
        if (roll < 40) {
            return new AddIdentity(micros, target, r.nextInt(IDENTITIES.size()));
        }
        if (roll < 45) {
            return new RemoveIdentity(micros, target, r.nextInt(IDENTITIES.size()));
        }
        if (roll < 55) {
            return new Tag(micros, target, r.nextInt(3) != 0, tags(r));
        }
        if (roll < 63) {
            return new SetAttributes(micros, target, attributes(r, false));
        }
        if (roll < 67) {
            List<String> keys = new ArrayList<>();
            for (int i = r.nextInt(1, 3); i > 0; i--) {
                keys.add(
                        r.nextInt(10) == 0 ? "nope" : Generators.pick(r, SCHEMA).key());
            }
            return new ClearAttributes(micros, target, keys);
        }
        if (roll < 73) {
            return new ChangeStage(micros, target, Generators.pick(r, List.of(LifecycleStage.values())));
        }
        if (roll < 79) {
            return new Delete(micros, target);
        }
        if (roll < 84) {
            return new Get(micros, target);
        }
        if (roll < 90) {
            return new FindByIdentity(micros, r.nextInt(IDENTITIES.size()));
        }
        if (roll < 96) {
            return new ListPages(
                    micros,
                    Generators.criteria(r, List.of(), 2),
                    r.nextBoolean() ? CustomerSort.CREATED : CustomerSort.NAME,
                    r.nextInt(1, 8));
        }
        return new Count(micros, Generators.criteria(r, List.of(), 2));
    }

    private static List<String> tags(SplittableRandom r) {
        List<String> tags = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            String t = Generators.pick(r, TAGS);
            tags.add(t.equals("#bad") && r.nextInt(3) != 0 ? "vip" : t);
        }
        return tags;
    }

    private static List<Attr> attributes(SplittableRandom r, boolean create) {
        Map<String, Attr> out = new LinkedHashMap<>();
        for (AttributeDefinition d : SCHEMA) {
            boolean wanted = d.key().equals("tier") && create ? r.nextInt(12) != 0 : r.nextInt(10) < 3;
            if (wanted) {
                out.put(d.key(), new Attr(d.key(), Generators.value(r, d.type())));
            }
        }
        if (r.nextInt(12) == 0) {
            Attr bad = Generators.pick(
                    r,
                    List.of(
                            new Attr("note", "x".repeat(41)),
                            new Attr("visits", -1),
                            new Attr("visits", 100_001L),
                            new Attr("score", new BigDecimal("1000.5")),
                            new Attr("vip", "yes"),
                            new Attr("since", "2024-02-30"),
                            new Attr("seen", "later"),
                            new Attr("tier", "platinum"),
                            new Attr("langs", List.of("x".repeat(11))),
                            new Attr("nope", 1)));
            out.put(bad.key(), bad);
        }
        return new ArrayList<>(out.values());
    }

    // ---------------------------------------------------------------- the reference's own rules

    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.:-]*");

    static boolean validTag(String tag) {
        String n = Reference.normalizeTag(tag);
        return !tag.isBlank() && n.length() <= 64 && TAG.matcher(n).matches();
    }

    /** The value stored for a raw value, or empty if the definition refuses it. */
    static Optional<AttributeValue> expectedValue(String key, Object raw) {
        AttributeDefinition d = DEFINITIONS.get(key);
        if (d == null) {
            return Optional.empty();
        }
        int maxLength = d.maxLength() == null ? 4000 : d.maxLength();
        try {
            return switch (d.type()) {
                case TEXT ->
                    raw instanceof String s && s.codePointCount(0, s.length()) <= maxLength
                            ? Optional.of(new AttributeValue.Text(s))
                            : Optional.empty();
                case INTEGER ->
                    raw instanceof Integer || raw instanceof Long
                            ? inRange(d, BigDecimal.valueOf(((Number) raw).longValue()))
                                    .map(n -> new AttributeValue.Int(n.longValueExact()))
                            : Optional.empty();
                case DECIMAL ->
                    raw instanceof BigDecimal bd
                            ? inRange(d, bd).map(AttributeValue.Decimal::new)
                            : raw instanceof Integer || raw instanceof Long
                                    ? inRange(d, BigDecimal.valueOf(((Number) raw).longValue()))
                                            .map(AttributeValue.Decimal::new)
                                    : Optional.empty();
                case BOOLEAN -> raw instanceof Boolean b ? Optional.of(new AttributeValue.Bool(b)) : Optional.empty();
                case DATE ->
                    raw instanceof LocalDate ld
                            ? Optional.of(new AttributeValue.Date(ld))
                            : raw instanceof String s
                                    ? Optional.of(new AttributeValue.Date(LocalDate.parse(s)))
                                    : Optional.empty();
                case TIMESTAMP ->
                    raw instanceof Instant i
                            ? Optional.of(new AttributeValue.Timestamp(i))
                            : raw instanceof String s
                                    ? Optional.of(new AttributeValue.Timestamp(Instant.parse(s)))
                                    : Optional.empty();
                case CHOICE ->
                    raw instanceof String s && d.choices().contains(s)
                            ? Optional.of(new AttributeValue.Choice(s))
                            : Optional.empty();
                case TEXT_LIST -> {
                    if (!(raw instanceof List<?> l) || l.size() > 100) {
                        yield Optional.empty();
                    }
                    List<String> texts = new ArrayList<>();
                    for (Object o : l) {
                        if (!(o instanceof String s) || s.codePointCount(0, s.length()) > maxLength) {
                            yield Optional.empty();
                        }
                        texts.add(s);
                    }
                    yield Optional.of(new AttributeValue.TextList(texts));
                }
            };
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> inRange(AttributeDefinition d, BigDecimal n) {
        boolean ok = (d.min() == null || n.compareTo(d.min()) >= 0) && (d.max() == null || n.compareTo(d.max()) <= 0);
        return ok ? Optional.of(n) : Optional.empty();
    }

    // ---------------------------------------------------------------- the trial

    /** A customer as the reference model holds it. */
    static final class Ref {
        final CustomerId id;
        final Instant createdAt;
        long version = 1;
        Instant updatedAt;
        String displayName;

        @Nullable
        String givenName;

        final List<PoolIdentity> identities = new ArrayList<>();
        LifecycleStage stage;
        final TreeSet<String> tags = new TreeSet<>();
        final TreeMap<String, AttributeValue> attributes = new TreeMap<>();

        Ref(CustomerId id, Instant at, String displayName, LifecycleStage stage) {
            this.id = id;
            this.createdAt = at;
            this.updatedAt = at;
            this.displayName = displayName;
            this.stage = stage;
        }

        Customer snapshot() {
            return new Customer(
                    id,
                    version,
                    createdAt,
                    updatedAt,
                    displayName,
                    givenName,
                    null,
                    identities.stream().map(PoolIdentity::stored).toList(),
                    Preferences.NONE,
                    stage,
                    new ArrayList<>(tags),
                    attributes);
        }

        boolean holds(String key) {
            return identities.stream().anyMatch(i -> i.key().equals(key));
        }
    }

    /** An event the reference expects, compared field by field with the logged one. */
    record Expected(String type, CustomerId customerId, long version, Instant at, Consumer<CrmEvent> details) {}

    /** Applies steps to a {@link Crm} over fresh storage and to the reference model. */
    static final class Trial implements ModelBasedRunner.Trial<Step> {
        private final CrmStorage storage;
        private final Consumer<CrmStorage> release;
        private final MutableClock clock = MutableClock.at(ContractSupport.START);
        private final Crm crm;
        private final Map<CustomerId, Ref> live = new LinkedHashMap<>();
        private final List<CustomerId> known = new ArrayList<>();
        private final List<Expected> expected = new ArrayList<>();
        private EventCursor cursor = EventCursor.beginning();
        private Instant now = ContractSupport.START;

        Trial(CrmStorage storage, Consumer<CrmStorage> release) {
            this.storage = storage;
            this.release = release;
            this.crm = Crm.builder()
                    .storage(storage)
                    .clock(clock)
                    .defaultPhoneRegion("GB")
                    .build()
                    .forTenant(TenantId.of(UUID.randomUUID()));
            SCHEMA.forEach(crm.attributes()::define);
        }

        @Override
        public void close() {
            release.accept(storage);
        }

        @Override
        public void apply(Step step) {
            now = clock.advanceMicros(step.advanceMicros()).truncatedTo(ChronoUnit.MICROS);
            if (step instanceof Create s) {
                create(s);
            } else if (step instanceof Update s) {
                update(s);
            } else if (step instanceof AddIdentity s) {
                addIdentity(s);
            } else if (step instanceof RemoveIdentity s) {
                removeIdentity(s);
            } else if (step instanceof Tag s) {
                tag(s);
            } else if (step instanceof SetAttributes s) {
                setAttributes(s);
            } else if (step instanceof ClearAttributes s) {
                clearAttributes(s);
            } else if (step instanceof ChangeStage s) {
                changeStage(s);
            } else if (step instanceof Delete s) {
                delete(s);
            } else if (step instanceof Get s) {
                get(s);
            } else if (step instanceof FindByIdentity s) {
                findByIdentity(s);
            } else if (step instanceof ListPages s) {
                listPages(s);
            } else if (step instanceof Count s) {
                count(s);
            }
            checkState();
            checkEvents();
        }

        // ---- helpers

        private CustomerId resolve(int target) {
            return known.isEmpty()
                    ? new CustomerId(new UUID(0x0000_0000_0000_7000L, 0x8000_0000_0000_0000L | target))
                    : known.get(target % known.size());
        }

        private @Nullable Ref holder(String key) {
            return live.values().stream().filter(r -> r.holds(key)).findFirst().orElse(null);
        }

        private interface Call {
            Object run();
        }

        private static Object call(Call call) {
            try {
                return call.run();
            } catch (RuntimeException e) {
                return e;
            }
        }

        private static void expectThrown(Object actual, Class<? extends RuntimeException> type) {
            if (actual instanceof RuntimeException e && e.getClass() == type) {
                return;
            }
            throw new AssertionError(
                    "expected " + type.getSimpleName() + " but got "
                            + (actual instanceof Throwable t ? t.toString() : "a result: " + actual),
                    actual instanceof Throwable t ? t : null);
        }

        private static Customer expectCustomer(Object actual) {
            if (actual instanceof Customer c) {
                return c;
            }
            throw new AssertionError("expected a customer but got " + actual, actual instanceof Throwable t ? t : null);
        }

        private void expectReturned(Object actual, Ref ref) {
            assertThat(expectCustomer(actual)).as("returned customer").isEqualTo(ref.snapshot());
        }

        private void changed(Ref ref) {
            ref.version++;
            ref.updatedAt = now;
        }

        private void event(String type, Ref ref, Consumer<CrmEvent> details) {
            expected.add(new Expected(type, ref.id, ref.version, now, details));
        }

        private void updatedEvent(Ref ref, Collection<String> fields) {
            List<String> sorted = new ArrayList<>(new TreeSet<>(fields));
            event(CustomerUpdated.TYPE, ref, e -> assertThat(((CustomerUpdated) e).changedFields())
                    .as("changed fields")
                    .isEqualTo(sorted));
        }

        // ---- commands

        private void create(Create s) {
            NewCustomer cmd = NewCustomer.named(s.name()).stage(s.stage());
            for (int i : s.identities()) {
                cmd = cmd.identity(IDENTITIES.get(i).given());
            }
            cmd = cmd.tags(s.tags().toArray(String[]::new));
            for (Attr a : s.attributes()) {
                cmd = cmd.attribute(a.key(), a.raw());
            }
            NewCustomer command = cmd;
            Object actual = call(() -> crm.customers().create(command));

            Map<String, AttributeValue> values = new TreeMap<>();
            boolean invalid = s.name().isBlank() || !s.tags().stream().allMatch(CustomerModel::validTag);
            for (Attr a : s.attributes()) {
                Optional<AttributeValue> v = expectedValue(a.key(), a.raw());
                invalid |= v.isEmpty();
                v.ifPresent(val -> values.put(a.key(), val));
            }
            invalid |= !values.containsKey("tier");
            if (invalid) {
                expectThrown(actual, ValidationException.class);
                return;
            }
            Map<String, PoolIdentity> byKey = new LinkedHashMap<>();
            for (int i : s.identities()) {
                byKey.putIfAbsent(IDENTITIES.get(i).key(), IDENTITIES.get(i));
            }
            Set<CustomerId> holders = new LinkedHashSet<>();
            for (String key : byKey.keySet()) {
                Ref h = holder(key);
                if (h != null) {
                    holders.add(h.id);
                }
            }
            if (!holders.isEmpty()) {
                expectThrown(actual, IdentityConflictException.class);
                assertThat(holders)
                        .as("holder named by the conflict")
                        .contains(((IdentityConflictException) actual).existingCustomerId());
                return;
            }
            Customer c = expectCustomer(actual);
            Ref ref = new Ref(c.id(), now, s.name().strip(), s.stage());
            ref.identities.addAll(byKey.values());
            s.tags().forEach(t -> ref.tags.add(Reference.normalizeTag(t)));
            ref.attributes.putAll(values);
            assertThat(known).as("new id is fresh").doesNotContain(c.id());
            live.put(ref.id, ref);
            known.add(ref.id);
            expectReturned(actual, ref);
            event(CustomerCreated.TYPE, ref, e -> {});
        }

        private void update(Update s) {
            CustomerId id = resolve(s.target());
            Ref ref = live.get(id);
            long version = ref == null
                    ? 1
                    : s.stale()
                            ? (ref.version > 1 && s.target() % 2 == 0 ? ref.version - 1 : ref.version + 1)
                            : ref.version;
            CustomerPatch.Builder patch = CustomerPatch.builder();
            if (s.displayName() != null) {
                patch.displayName(s.displayName());
            }
            if (s.givenMode() == 1) {
                patch.givenName(s.givenName());
            } else if (s.givenMode() == 2) {
                patch.clearGivenName();
            }
            Object actual = call(() -> crm.customers().update(id, version, patch.build()));
            if (s.displayName() != null && s.displayName().isBlank()) {
                expectThrown(actual, ValidationException.class);
                return;
            }
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                return;
            }
            if (version != ref.version) {
                expectThrown(actual, ConcurrencyException.class);
                return;
            }
            List<String> fields = new ArrayList<>();
            if (s.displayName() != null && !s.displayName().strip().equals(ref.displayName)) {
                ref.displayName = s.displayName().strip();
                fields.add("displayName");
            }
            if (s.givenMode() != 0) {
                String given = s.givenMode() == 2 || s.givenName().isBlank()
                        ? null
                        : s.givenName().strip();
                if (!Objects.equals(given, ref.givenName)) {
                    ref.givenName = given;
                    fields.add("givenName");
                }
            }
            if (!fields.isEmpty()) {
                changed(ref);
                updatedEvent(ref, fields);
            }
            expectReturned(actual, ref);
        }

        private void addIdentity(AddIdentity s) {
            CustomerId id = resolve(s.target());
            PoolIdentity identity = IDENTITIES.get(s.identity());
            Object actual = call(() -> crm.customers().addIdentity(id, identity.given()));
            Ref ref = live.get(id);
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                return;
            }
            if (!ref.holds(identity.key())) {
                Ref h = holder(identity.key());
                if (h != null) {
                    expectThrown(actual, IdentityConflictException.class);
                    assertThat(((IdentityConflictException) actual).existingCustomerId())
                            .isEqualTo(h.id);
                    return;
                }
                ref.identities.add(identity);
                changed(ref);
                event(CustomerIdentityAdded.TYPE, ref, e -> assertThat(((CustomerIdentityAdded) e).identity())
                        .isEqualTo(identity.stored()));
            }
            expectReturned(actual, ref);
        }

        private void removeIdentity(RemoveIdentity s) {
            CustomerId id = resolve(s.target());
            PoolIdentity identity = IDENTITIES.get(s.identity());
            Object actual = call(() -> crm.customers().removeIdentity(id, identity.given()));
            Ref ref = live.get(id);
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                return;
            }
            Optional<PoolIdentity> held = ref.identities.stream()
                    .filter(i -> i.key().equals(identity.key()))
                    .findFirst();
            if (held.isPresent()) {
                ref.identities.remove(held.get());
                changed(ref);
                event(CustomerIdentityRemoved.TYPE, ref, e -> assertThat(((CustomerIdentityRemoved) e).identity())
                        .isEqualTo(held.get().stored()));
            }
            expectReturned(actual, ref);
        }

        private void tag(Tag s) {
            CustomerId id = resolve(s.target());
            String[] tags = s.tags().toArray(String[]::new);
            Object actual = call(() ->
                    s.add() ? crm.customers().tag(id, tags) : crm.customers().untag(id, tags));
            if (!s.tags().stream().allMatch(CustomerModel::validTag)) {
                expectThrown(actual, ValidationException.class);
                return;
            }
            Ref ref = live.get(id);
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                return;
            }
            List<String> normal = s.tags().stream().map(Reference::normalizeTag).toList();
            boolean changed = s.add() ? ref.tags.addAll(normal) : ref.tags.removeAll(normal);
            if (changed) {
                changed(ref);
                updatedEvent(ref, List.of("tags"));
            }
            expectReturned(actual, ref);
        }

        private void setAttributes(SetAttributes s) {
            CustomerId id = resolve(s.target());
            Map<String, Object> raw = new LinkedHashMap<>();
            s.values().forEach(a -> raw.put(a.key(), a.raw()));
            Object actual = call(() -> crm.customers().setAttributes(id, raw));
            Ref ref = live.get(id);
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                return;
            }
            Map<String, AttributeValue> values = new TreeMap<>();
            for (Attr a : s.values()) {
                Optional<AttributeValue> v = expectedValue(a.key(), a.raw());
                if (v.isEmpty()) {
                    expectThrown(actual, ValidationException.class);
                    return;
                }
                values.put(a.key(), v.get());
            }
            List<String> fields = new ArrayList<>();
            values.forEach((k, v) -> {
                if (!v.equals(ref.attributes.put(k, v))) {
                    fields.add("attributes." + k);
                }
            });
            if (!fields.isEmpty()) {
                changed(ref);
                updatedEvent(ref, fields);
            }
            expectReturned(actual, ref);
        }

        private void clearAttributes(ClearAttributes s) {
            CustomerId id = resolve(s.target());
            Object actual =
                    call(() -> crm.customers().clearAttributes(id, s.keys().toArray(String[]::new)));
            Ref ref = live.get(id);
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                return;
            }
            if (s.keys().stream()
                    .anyMatch(k ->
                            !DEFINITIONS.containsKey(k) || DEFINITIONS.get(k).required())) {
                expectThrown(actual, ValidationException.class);
                return;
            }
            List<String> fields = new ArrayList<>();
            for (String k : s.keys()) {
                if (ref.attributes.remove(k) != null) {
                    fields.add("attributes." + k);
                }
            }
            if (!fields.isEmpty()) {
                changed(ref);
                updatedEvent(ref, fields);
            }
            expectReturned(actual, ref);
        }

        private void changeStage(ChangeStage s) {
            CustomerId id = resolve(s.target());
            Object actual = call(() -> crm.customers().changeStage(id, s.stage()));
            Ref ref = live.get(id);
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                return;
            }
            LifecycleStage from = ref.stage;
            if (from != s.stage()) {
                ref.stage = s.stage();
                changed(ref);
                event(CustomerStageChanged.TYPE, ref, e -> {
                    assertThat(((CustomerStageChanged) e).from()).isEqualTo(from);
                    assertThat(((CustomerStageChanged) e).to()).isEqualTo(s.stage());
                });
            }
            expectReturned(actual, ref);
        }

        private void delete(Delete s) {
            CustomerId id = resolve(s.target());
            Object actual = call(() -> {
                crm.customers().delete(id);
                return "deleted";
            });
            Ref ref = live.remove(id);
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                return;
            }
            assertThat(actual).as("delete").isEqualTo("deleted");
            event(CustomerDeleted.TYPE, ref, e -> {});
        }

        private void get(Get s) {
            CustomerId id = resolve(s.target());
            Object actual = call(() -> crm.customers().get(id));
            Ref ref = live.get(id);
            if (ref == null) {
                expectThrown(actual, NotFoundException.class);
                assertThat(crm.customers().find(id)).isEmpty();
                return;
            }
            expectReturned(actual, ref);
        }

        private void findByIdentity(FindByIdentity s) {
            PoolIdentity identity = IDENTITIES.get(s.identity());
            Ref h = holder(identity.key());
            assertThat(crm.customers().findByIdentity(identity.given()))
                    .as("find by %s", identity)
                    .isEqualTo(Optional.ofNullable(h).map(Ref::snapshot));
        }

        private List<Customer> matching(CustomerCriteria criteria) {
            return live.values().stream()
                    .map(Ref::snapshot)
                    .filter(c -> Reference.matches(criteria, c, DEFINITIONS))
                    .toList();
        }

        private void listPages(ListPages s) {
            List<Customer> expectedRows = matching(s.criteria()).stream()
                    .sorted(Reference.order(s.sort()))
                    .toList();
            assertThat(ContractSupport.listAll(
                            crm,
                            CustomerQuery.where(s.criteria()).sortedBy(s.sort()).limit(s.limit())))
                    .as("list")
                    .containsExactlyElementsOf(expectedRows);
        }

        private void count(Count s) {
            assertThat(crm.customers().count(s.criteria()))
                    .as("count")
                    .isEqualTo(matching(s.criteria()).size());
        }

        // ---- comparisons after every step

        private void checkState() {
            List<Customer> expectedAll = live.values().stream()
                    .map(Ref::snapshot)
                    .sorted(Reference.CREATED_ORDER)
                    .toList();
            assertThat(ContractSupport.listAll(crm)).as("stored customers").containsExactlyElementsOf(expectedAll);
        }

        private void checkEvents() {
            List<StoredEvent> fresh = crm.events().read(cursor, 1000).events();
            assertThat(fresh)
                    .as("new events")
                    .extracting(e -> e.event().type())
                    .containsExactlyElementsOf(
                            expected.stream().map(Expected::type).toList());
            for (int i = 0; i < fresh.size(); i++) {
                StoredEvent got = fresh.get(i);
                Expected want = expected.get(i);
                assertThat(got.position()).as("position").isEqualTo(cursor.position() + 1);
                CustomerEvent e = (CustomerEvent) got.event();
                assertThat(e.customerId()).as("event customer").isEqualTo(want.customerId());
                assertThat(e.version()).as("event version").isEqualTo(want.version());
                assertThat(e.occurredAt()).as("event time").isEqualTo(want.at());
                assertThat(e.tenantId()).as("event tenant").isEqualTo(crm.tenant());
                want.details().accept(e);
                cursor = new EventCursor(got.position());
            }
            expected.clear();
        }
    }
}
