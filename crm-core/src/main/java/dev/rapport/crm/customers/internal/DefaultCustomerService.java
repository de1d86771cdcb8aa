package dev.rapport.crm.customers.internal;

import dev.rapport.crm.cases.internal.DefaultCaseService;
import dev.rapport.crm.customers.CustomerPatch;
import dev.rapport.crm.customers.CustomerService;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.internal.BeanValidation;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ChannelConsent;
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
import dev.rapport.crm.model.event.CustomerCreated;
import dev.rapport.crm.model.event.CustomerDeleted;
import dev.rapport.crm.model.event.CustomerIdentityAdded;
import dev.rapport.crm.model.event.CustomerIdentityRemoved;
import dev.rapport.crm.model.event.CustomerStageChanged;
import dev.rapport.crm.model.event.CustomerUpdated;
import dev.rapport.crm.query.CustomerCriteria;
import dev.rapport.crm.query.CustomerQuery;
import dev.rapport.crm.query.Page;
import dev.rapport.crm.spi.CustomerPageRequest;
import dev.rapport.crm.spi.SortKey;
import dev.rapport.crm.spi.StorageSession;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The customer commands and queries of one tenant. */
public final class DefaultCustomerService implements CustomerService {
    private static final Logger log = LoggerFactory.getLogger(DefaultCustomerService.class);

    private final Engine engine;
    private final TenantId tenant;

    /**
     * @param engine the engine
     * @param tenant the tenant every call is scoped to
     */
    public DefaultCustomerService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
    }

    private String region() {
        return engine.settings(tenant).defaultPhoneRegion();
    }

    /** A create command after the checks that need no stored state. */
    public static final class Prepared {
        private final NewCustomer command;
        private final String name;
        private final @Nullable String given;
        private final @Nullable String family;
        private final List<Identity> identities;
        private final List<String> tags;
        private final @Nullable String language;
        private final @Nullable ZoneId zone;
        private final @Nullable String consentSource;

        private Prepared(
                NewCustomer command,
                String name,
                @Nullable String given,
                @Nullable String family,
                List<Identity> identities,
                List<String> tags,
                @Nullable String language,
                @Nullable ZoneId zone,
                @Nullable String consentSource) {
            this.command = command;
            this.name = name;
            this.given = given;
            this.family = family;
            this.identities = identities;
            this.tags = tags;
            this.language = language;
            this.zone = zone;
            this.consentSource = consentSource;
        }

        /** @return the normalised identities, the first of which bulk upserts match on */
        public List<Identity> identities() {
            return identities;
        }

        /** @return the attribute values as given */
        public Map<String, Object> rawAttributes() {
            return command.attributes();
        }
    }

    /**
     * Checks everything of a create command that needs no stored state.
     *
     * @param command the command
     * @param v where violations go
     * @return the prepared command (meaningful only if {@code v} stayed empty)
     */
    public Prepared prepare(NewCustomer command, Violations v) {
        BeanValidation.check(command, v);
        String name = CustomerRules.requiredName(
                        command.displayName(), "displayName", CustomerRules.MAX_DISPLAY_NAME, v)
                .orElse("");
        String given = CustomerRules.optionalName(command.givenName(), "givenName", CustomerRules.MAX_PART_NAME, v)
                .orElse(null);
        String family = CustomerRules.optionalName(command.familyName(), "familyName", CustomerRules.MAX_PART_NAME, v)
                .orElse(null);
        List<Identity> identities = identities(command.identities(), v);
        List<String> tags = tags(command.tags(), "tags", v);
        if (tags.size() > CustomerRules.MAX_TAGS) {
            v.add("tags", "at most " + CustomerRules.MAX_TAGS + " tags");
        }
        String language = command.language() == null
                ? null
                : CustomerRules.language(command.language(), "language", v).orElse(null);
        ZoneId zone = command.timeZone() == null
                ? null
                : CustomerRules.timeZone(command.timeZone(), "timeZone", v).orElse(null);
        String consentSource = command.optIns().isEmpty()
                ? null
                : CustomerRules.consentSource(command.consentSource(), "consentSource", v)
                        .orElse(null);
        return new Prepared(command, name, given, family, identities, tags, language, zone, consentSource);
    }

    /**
     * Builds the new customer of a prepared command, checking its attributes against the
     * definitions.
     *
     * @param ctx the command's context
     * @param p the prepared command
     * @param defs the tenant's definitions
     * @param v where attribute violations go
     * @return the customer, version 1, not yet stored
     */
    public Customer build(Engine.Context ctx, Prepared p, Map<String, AttributeDefinition> defs, Violations v) {
        Map<String, AttributeValue> attributes = attributes(defs, p.rawAttributes(), v);
        requireAttributes(defs, attributes, p.rawAttributes(), v);
        Map<Channel, ChannelConsent> consents = new EnumMap<>(Channel.class);
        p.command.optIns().forEach((ch, in) -> consents.put(ch, new ChannelConsent(in, ctx.now(), p.consentSource)));
        return new Customer(
                new CustomerId(engine.ids().next()),
                1,
                ctx.now(),
                ctx.now(),
                p.name,
                p.given,
                p.family,
                p.identities,
                new Preferences(p.command.preferredChannel(), p.language, p.zone, consents),
                p.command.stage(),
                p.tags,
                attributes);
    }

    @Override
    public Customer create(NewCustomer command) {
        Objects.requireNonNull(command, "command");
        Violations v = new Violations();
        Prepared prepared = prepare(command, v);
        if (!v.isEmpty()) {
            // Report the attribute problems in the same exception as the field problems.
            Map<String, AttributeDefinition> defs = engine.read(tenant, DefaultCustomerService::definitions);
            Map<String, AttributeValue> valid = attributes(defs, command.attributes(), v);
            requireAttributes(defs, valid, command.attributes(), v);
            v.throwIfAny();
        }

        return engine.execute(tenant, ctx -> {
            StorageSession s = ctx.session();
            Violations av = new Violations();
            Customer customer = build(ctx, prepared, definitions(s), av);
            av.throwIfAny();
            s.customers().insert(customer);
            ctx.emit(new CustomerCreated(ctx.newEventId(), tenant, ctx.now(), customer.id(), 1));
            log.debug("created customer {} in tenant {}", customer.id(), tenant);
            return customer;
        });
    }

    /** Reports required attributes that were not given (a given but refused value is reported already). */
    private static void requireAttributes(
            Map<String, AttributeDefinition> defs,
            Map<String, AttributeValue> converted,
            Map<String, Object> raw,
            Violations v) {
        for (AttributeDefinition d : defs.values()) {
            if (d.required() && !converted.containsKey(d.key()) && !raw.containsKey(d.key())) {
                v.add("attributes." + d.key(), "is required");
            }
        }
    }

    private List<Identity> identities(List<Identity> given, Violations v) {
        List<Identity> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            Optional<Identity> id = CustomerRules.identity(given.get(i), region(), "identities[" + i + "]", v);
            if (id.isPresent() && keys.add(id.get().key())) {
                out.add(id.get());
            }
        }
        if (out.size() > CustomerRules.MAX_IDENTITIES) {
            v.add("identities", "at most " + CustomerRules.MAX_IDENTITIES + " identities");
        }
        return out;
    }

    private static List<String> tags(List<String> given, String path, Violations v) {
        TreeSet<String> out = new TreeSet<>();
        for (int i = 0; i < given.size(); i++) {
            CustomerRules.tag(given.get(i), path + "[" + i + "]", v).ifPresent(out::add);
        }
        return new ArrayList<>(out);
    }

    /**
     * @param s a session
     * @return the tenant's attribute definitions by key
     */
    public static Map<String, AttributeDefinition> definitions(StorageSession s) {
        Map<String, AttributeDefinition> defs = new TreeMap<>();
        for (AttributeDefinition d : s.attributeDefinitions().list()) {
            defs.put(d.key(), d);
        }
        return defs;
    }

    /**
     * Converts and checks attribute values against definitions.
     *
     * @param defs the definitions by key
     * @param raw the values as given
     * @param v where violations go
     * @return the converted values
     */
    public static Map<String, AttributeValue> attributes(
            Map<String, AttributeDefinition> defs, Map<String, ?> raw, Violations v) {
        Map<String, AttributeValue> out = new TreeMap<>();
        raw.forEach((key, value) -> {
            if (key == null || !AttributeRules.KEY.matcher(key).matches()) {
                v.add("attributes", "keys must be 1-64 of a-z, 0-9 and '_', starting with a letter");
                return;
            }
            AttributeDefinition d = defs.get(key);
            if (d == null) {
                v.add("attributes." + key, "no attribute is defined with this key");
                return;
            }
            AttributeRules.convert(d, value, "attributes." + key, v).ifPresent(val -> out.put(key, val));
        });
        return out;
    }

    @Override
    public Customer get(CustomerId id) {
        return find(id).orElseThrow(() -> new NotFoundException("customer", id));
    }

    @Override
    public Optional<Customer> find(CustomerId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(tenant, s -> s.customers().get(id));
    }

    @Override
    public Optional<Customer> findByIdentity(Identity identity) {
        Violations v = new Violations();
        Optional<Identity> normal = CustomerRules.identity(identity, region(), "identity", v);
        v.throwIfAny();
        return engine.read(tenant, s -> s.customers().findByIdentity(normal.orElseThrow()));
    }

    @Override
    public Customer update(CustomerId id, long expectedVersion, CustomerPatch patch) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patch, "patch");
        Violations v = new Violations();
        Optional<String> name = patch.displayName()
                .flatMap(n -> CustomerRules.requiredName(n, "displayName", CustomerRules.MAX_DISPLAY_NAME, v));
        Optional<Optional<String>> given = patch.givenName()
                .map(o -> o.flatMap(n -> CustomerRules.optionalName(n, "givenName", CustomerRules.MAX_PART_NAME, v)));
        Optional<Optional<String>> family = patch.familyName()
                .map(o -> o.flatMap(n -> CustomerRules.optionalName(n, "familyName", CustomerRules.MAX_PART_NAME, v)));
        Optional<Optional<String>> language =
                patch.language().map(o -> o.flatMap(t -> CustomerRules.language(t, "language", v)));
        Optional<Optional<ZoneId>> zone =
                patch.timeZone().map(o -> o.flatMap(z -> CustomerRules.timeZone(z, "timeZone", v)));
        Optional<String> source = patch.consents().isEmpty()
                ? Optional.empty()
                : CustomerRules.consentSource(patch.consentSource().orElse(null), "consentSource", v);
        if (expectedVersion < 1) {
            v.add("expectedVersion", "must be at least 1");
        }
        v.throwIfAny();

        return engine.execute(tenant, ctx -> {
            Customer before = load(ctx.session(), id);
            if (before.version() != expectedVersion) {
                throw new ConcurrencyException("customer", id, expectedVersion);
            }
            Preferences p = before.preferences();
            Map<Channel, ChannelConsent> consents = new EnumMap<>(Channel.class);
            consents.putAll(p.consents());
            patch.consents().forEach((ch, in) -> {
                ChannelConsent old = consents.get(ch);
                if (old == null || old.optedIn() != in) {
                    consents.put(ch, new ChannelConsent(in, ctx.now(), source.orElseThrow()));
                }
            });
            Preferences prefs = new Preferences(
                    patch.preferredChannel().isPresent()
                            ? patch.preferredChannel().get().orElse(null)
                            : p.preferredChannel(),
                    language.isPresent() ? language.get().orElse(null) : p.language(),
                    zone.isPresent() ? zone.get().orElse(null) : p.timeZone(),
                    consents);
            Customer after = new Customer(
                    id,
                    before.version() + 1,
                    before.createdAt(),
                    ctx.now(),
                    name.orElse(before.displayName()),
                    given.isPresent() ? given.get().orElse(null) : before.givenName(),
                    family.isPresent() ? family.get().orElse(null) : before.familyName(),
                    before.identities(),
                    prefs,
                    before.stage(),
                    before.tags(),
                    before.attributes());
            List<String> changed = new ArrayList<>();
            if (!after.displayName().equals(before.displayName())) {
                changed.add("displayName");
            }
            if (!Objects.equals(after.givenName(), before.givenName())) {
                changed.add("givenName");
            }
            if (!Objects.equals(after.familyName(), before.familyName())) {
                changed.add("familyName");
            }
            if (!after.preferences().equals(before.preferences())) {
                changed.add("preferences");
            }
            if (changed.isEmpty()) {
                return before;
            }
            ctx.session().customers().update(before, after);
            ctx.emit(new CustomerUpdated(ctx.newEventId(), tenant, ctx.now(), id, after.version(), changed));
            return after;
        });
    }

    private static Customer load(StorageSession s, CustomerId id) {
        return s.customers().get(id).orElseThrow(() -> new NotFoundException("customer", id));
    }

    /** A version-free change: re-read, apply, store; retried when a concurrent change wins. */
    private Customer change(CustomerId id, Function<Engine.Context, Function<Customer, @Nullable Customer>> change) {
        Objects.requireNonNull(id, "id");
        return engine.executeRetrying(tenant, ctx -> {
            Customer before = load(ctx.session(), id);
            Customer after = change.apply(ctx).apply(before);
            if (after == null) {
                return before;
            }
            ctx.session().customers().update(before, after);
            return after;
        });
    }

    private static Customer copy(
            Customer c,
            Instant now,
            List<Identity> identities,
            LifecycleStage stage,
            List<String> tags,
            Map<String, AttributeValue> attributes) {
        return new Customer(
                c.id(),
                c.version() + 1,
                c.createdAt(),
                now,
                c.displayName(),
                c.givenName(),
                c.familyName(),
                identities,
                c.preferences(),
                stage,
                tags,
                attributes);
    }

    @Override
    public Customer addIdentity(CustomerId id, Identity identity) {
        Violations v = new Violations();
        Identity normal =
                CustomerRules.identity(identity, region(), "identity", v).orElse(null);
        v.throwIfAny();
        Objects.requireNonNull(normal);
        return change(id, ctx -> before -> {
            if (before.identities().stream().anyMatch(i -> i.sameAs(normal))) {
                return null;
            }
            if (before.identities().size() >= CustomerRules.MAX_IDENTITIES) {
                throw ValidationException.of("identities", "at most " + CustomerRules.MAX_IDENTITIES + " identities");
            }
            Optional<Customer> holder = ctx.session().customers().findByIdentity(normal);
            if (holder.isPresent()) {
                throw new IdentityConflictException(normal.kind(), holder.get().id());
            }
            List<Identity> more = new ArrayList<>(before.identities());
            more.add(normal);
            Customer after = copy(before, ctx.now(), more, before.stage(), before.tags(), before.attributes());
            ctx.emit(new CustomerIdentityAdded(ctx.newEventId(), tenant, ctx.now(), id, after.version(), normal));
            return after;
        });
    }

    @Override
    public Customer removeIdentity(CustomerId id, Identity identity) {
        Violations v = new Violations();
        Identity normal =
                CustomerRules.identity(identity, region(), "identity", v).orElse(null);
        v.throwIfAny();
        Objects.requireNonNull(normal);
        return change(id, ctx -> before -> {
            Optional<Identity> held =
                    before.identities().stream().filter(i -> i.sameAs(normal)).findFirst();
            if (held.isEmpty()) {
                return null;
            }
            List<Identity> fewer = new ArrayList<>(before.identities());
            fewer.remove(held.get());
            Customer after = copy(before, ctx.now(), fewer, before.stage(), before.tags(), before.attributes());
            ctx.emit(new CustomerIdentityRemoved(ctx.newEventId(), tenant, ctx.now(), id, after.version(), held.get()));
            return after;
        });
    }

    @Override
    public Customer setAttributes(CustomerId id, Map<String, ?> values) {
        Objects.requireNonNull(values, "values");
        Map<String, Object> raw = new LinkedHashMap<>(values);
        return change(id, ctx -> before -> {
            Violations v = new Violations();
            Map<String, AttributeValue> converted = attributes(definitions(ctx.session()), raw, v);
            v.throwIfAny();
            Map<String, AttributeValue> all = new TreeMap<>(before.attributes());
            List<String> changed = new ArrayList<>();
            converted.forEach((k, val) -> {
                if (!val.equals(all.put(k, val))) {
                    changed.add("attributes." + k);
                }
            });
            if (changed.isEmpty()) {
                return null;
            }
            Customer after = copy(before, ctx.now(), before.identities(), before.stage(), before.tags(), all);
            ctx.emit(new CustomerUpdated(ctx.newEventId(), tenant, ctx.now(), id, after.version(), changed));
            return after;
        });
    }

    @Override
    public Customer clearAttributes(CustomerId id, String... keys) {
        List<String> toClear = java.util.Arrays.asList(keys.clone()); // null keys are reported, not thrown
        return change(id, ctx -> before -> {
            Map<String, AttributeDefinition> defs = definitions(ctx.session());
            Violations v = new Violations();
            for (String k : toClear) {
                if (k == null || !AttributeRules.KEY.matcher(k).matches()) {
                    v.add("attributes", "keys must be 1-64 of a-z, 0-9 and '_', starting with a letter");
                    continue;
                }
                AttributeDefinition d = defs.get(k);
                if (d == null) {
                    v.add("attributes." + k, "no attribute is defined with this key");
                } else if (d.required()) {
                    v.add("attributes." + k, "is required and cannot be cleared");
                }
            }
            v.throwIfAny();
            Map<String, AttributeValue> all = new TreeMap<>(before.attributes());
            List<String> changed = toClear.stream()
                    .filter(k -> all.remove(k) != null)
                    .map(k -> "attributes." + k)
                    .collect(Collectors.toList());
            if (changed.isEmpty()) {
                return null;
            }
            Customer after = copy(before, ctx.now(), before.identities(), before.stage(), before.tags(), all);
            ctx.emit(new CustomerUpdated(ctx.newEventId(), tenant, ctx.now(), id, after.version(), changed));
            return after;
        });
    }

    @Override
    public Customer tag(CustomerId id, String... tags) {
        return retag(id, tags, true);
    }

    @Override
    public Customer untag(CustomerId id, String... tags) {
        return retag(id, tags, false);
    }

    private Customer retag(CustomerId id, String[] given, boolean add) {
        Violations v = new Violations();
        List<String> normal = tags(List.of(given), "tags", v);
        v.throwIfAny();
        return change(id, ctx -> before -> {
            TreeSet<String> all = new TreeSet<>(before.tags());
            boolean changed = add ? all.addAll(normal) : all.removeAll(normal);
            if (!changed) {
                return null;
            }
            if (all.size() > CustomerRules.MAX_TAGS) {
                throw ValidationException.of("tags", "at most " + CustomerRules.MAX_TAGS + " tags");
            }
            Customer after = copy(
                    before, ctx.now(), before.identities(), before.stage(), new ArrayList<>(all), before.attributes());
            ctx.emit(new CustomerUpdated(ctx.newEventId(), tenant, ctx.now(), id, after.version(), List.of("tags")));
            return after;
        });
    }

    @Override
    public Customer changeStage(CustomerId id, LifecycleStage stage) {
        if (stage == null) {
            throw ValidationException.of("stage", "must not be null");
        }
        return change(id, ctx -> before -> {
            if (before.stage() == stage) {
                return null;
            }
            Customer after = copy(before, ctx.now(), before.identities(), stage, before.tags(), before.attributes());
            ctx.emit(new CustomerStageChanged(
                    ctx.newEventId(), tenant, ctx.now(), id, after.version(), before.stage(), stage));
            return after;
        });
    }

    @Override
    public void delete(CustomerId id) {
        Objects.requireNonNull(id, "id");
        engine.executeRetrying(tenant, ctx -> {
            Customer existing = load(ctx.session(), id);
            ctx.session().customers().delete(existing);
            ctx.session().activity().deleteCustomerActivity(id);
            new DefaultCaseService(engine, tenant)
                    .deleted(ctx, ctx.session().cases().deleteCustomerCases(id));
            ctx.emit(new CustomerDeleted(ctx.newEventId(), tenant, ctx.now(), id, existing.version()));
            return existing;
        });
        log.debug("deleted customer {} in tenant {}", id, tenant);
    }

    @Override
    public Page<Customer> list(CustomerQuery query) {
        Objects.requireNonNull(query, "query");
        Violations v = new Violations();
        if (query.limit() < 1 || query.limit() > CustomerQuery.MAX_LIMIT) {
            v.add("limit", "must be between 1 and " + CustomerQuery.MAX_LIMIT);
        }
        SortKey after = null;
        if (query.cursor() != null) {
            try {
                after = CursorCodec.decode(query.sort(), query.cursor());
            } catch (ValidationException e) {
                v.addAll(e);
            }
        }
        v.throwIfAny();
        SortKey position = after;
        return engine.read(tenant, s -> {
            CustomerCriteria criteria = checked(query.criteria(), s);
            List<Customer> rows =
                    s.customers().list(new CustomerPageRequest(criteria, query.sort(), query.limit() + 1, position));
            if (rows.size() <= query.limit()) {
                return new Page<>(rows, null);
            }
            List<Customer> page = rows.subList(0, query.limit());
            return new Page<>(page, CursorCodec.encode(query.sort(), page.get(page.size() - 1)));
        });
    }

    @Override
    public long count(CustomerCriteria criteria) {
        return engine.read(tenant, s -> s.customers().count(checked(criteria, s)));
    }

    /** Checks criteria, reading the attribute definitions only when the tree compares attributes. */
    private static CustomerCriteria checked(CustomerCriteria criteria, StorageSession s) {
        boolean needed = criteria != null && CriteriaRules.comparesAttributes(criteria);
        return CriteriaRules.check(criteria, needed ? definitions(s) : Map.of());
    }
}
