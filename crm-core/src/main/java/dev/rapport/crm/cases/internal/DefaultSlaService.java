package dev.rapport.crm.cases.internal;

import dev.rapport.crm.cases.NewSlaPolicy;
import dev.rapport.crm.cases.SlaService;
import dev.rapport.crm.customers.internal.DefaultCustomerService;
import dev.rapport.crm.internal.ActivityRules;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.Escalation;
import dev.rapport.crm.model.cases.SlaMetric;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.model.cases.SlaTarget;
import dev.rapport.crm.spi.StorageSession;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service-level policy commands and queries of one tenant. */
public final class DefaultSlaService implements SlaService {
    private static final Logger log = LoggerFactory.getLogger(DefaultSlaService.class);
    static final int MAX_RANK = 1_000_000;
    static final int MAX_TAGS = 50;

    private final Engine engine;
    private final TenantId tenant;
    private final DefaultCaseService cases;

    /**
     * @param engine the engine
     * @param tenant the tenant every call is scoped to
     */
    public DefaultSlaService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
        this.cases = new DefaultCaseService(engine, tenant);
    }

    private record Checked(String name, Set<String> tags) {}

    private static Checked check(NewSlaPolicy d, Violations v) {
        String name = null;
        if (d.name().isBlank()) {
            v.add("name", "must not be blank");
        } else {
            name = ActivityRules.line(d.name(), "name", 200, v);
        }
        if (d.rank() < 0 || d.rank() > MAX_RANK) {
            v.add("rank", "must be between 0 and " + MAX_RANK);
        }
        if (d.targets().isEmpty()) {
            v.add("targets", "a policy needs at least one target");
        }
        Set<SlaMetric> seen = EnumSet.noneOf(SlaMetric.class);
        for (int i = 0; i < d.targets().size(); i++) {
            SlaTarget t = d.targets().get(i);
            if (!seen.add(t.metric())) {
                v.add("targets[" + i + "]", "a second target for " + t.metric());
            }
        }
        Set<String> tags = DefaultCaseService.tags(d.tags(), "tags", v);
        if (tags.size() > MAX_TAGS) {
            v.add("tags", "at most " + MAX_TAGS);
        }
        for (int i = 0; i < d.escalations().size(); i++) {
            Escalation e = d.escalations().get(i);
            String path = "escalations[" + i + "]";
            if (e.metric() != null && d.targets().stream().noneMatch(t -> t.metric() == e.metric())) {
                v.add(path + ".metric", "the policy has no target for " + e.metric());
            }
            if (e.raiseTo() == null && e.addTag() == null && e.routeTo() == null) {
                v.add(path, "does nothing: give a priority, a tag or a team");
            }
            String tag = e.addTag();
            if (tag != null) {
                // Added to cases as given, so it must already be a case tag as written.
                DefaultCaseService.tags(Set.of(tag), path + ".addTag", v);
                if (!tag.isBlank() && !tag.equals(tag.strip())) {
                    v.add(path + ".addTag", "must not start or end with spaces");
                }
            }
        }
        return new Checked(name == null ? "" : name, tags);
    }

    private static Map<String, AttributeValue> attributes(StorageSession s, Map<String, Object> raw) {
        if (raw.isEmpty()) {
            return Map.of();
        }
        Violations v = new Violations();
        Map<String, AttributeValue> out =
                DefaultCustomerService.attributes(DefaultCustomerService.definitions(s), raw, v);
        Violations prefixed = new Violations();
        v.list().forEach(x -> prefixed.add(x.path().replaceFirst("^attributes", "customerAttributes"), x.reason()));
        prefixed.throwIfAny();
        return out;
    }

    /** The escalations, once every team they route to is known (the rest is checked by {@link #check}). */
    private static List<Escalation> escalations(StorageSession s, NewSlaPolicy d) {
        for (Escalation e : d.escalations()) {
            if (e.routeTo() != null && s.agents().getTeam(e.routeTo()).isEmpty()) {
                throw new NotFoundException("team", e.routeTo());
            }
        }
        return d.escalations();
    }

    @Override
    public SlaPolicy define(NewSlaPolicy definition) {
        Objects.requireNonNull(definition, "definition");
        Violations v = new Violations();
        Checked c = check(definition, v);
        v.throwIfAny();
        SlaPolicy policy = engine.execute(tenant, ctx -> {
            SlaPolicy p = new SlaPolicy(
                    new SlaPolicyId(engine.ids().next()),
                    1,
                    c.name(),
                    definition.rank(),
                    definition.priorities(),
                    definition.channels(),
                    c.tags(),
                    attributes(ctx.session(), definition.customerAttributes()),
                    definition.targets(),
                    definition.calendar(),
                    definition.pauseWhileWaiting(),
                    escalations(ctx.session(), definition),
                    ctx.now(),
                    ctx.now());
            ctx.session().slaPolicies().insert(p);
            return p;
        });
        log.debug("defined SLA policy {} in tenant {}", policy.id(), tenant);
        return policy;
    }

    /** How many active cases a policy change reads at a time while it recomputes them all. */
    static final int RECOMPUTE_PAGE = 200;

    @Override
    public SlaPolicy update(SlaPolicyId id, long expectedVersion, NewSlaPolicy definition) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(definition, "definition");
        Violations v = new Violations();
        Checked c = check(definition, v);
        v.throwIfAny();
        return engine.execute(tenant, ctx -> {
            StorageSession s = ctx.session();
            SlaPolicy before = s.slaPolicies().get(id).orElseThrow(() -> new NotFoundException("SLA policy", id));
            if (before.version() != expectedVersion) {
                throw new ConcurrencyException("SLA policy", id, expectedVersion);
            }
            SlaPolicy after = new SlaPolicy(
                    id,
                    before.version() + 1,
                    c.name(),
                    definition.rank(),
                    definition.priorities(),
                    definition.channels(),
                    c.tags(),
                    attributes(s, definition.customerAttributes()),
                    definition.targets(),
                    definition.calendar(),
                    definition.pauseWhileWaiting(),
                    escalations(s, definition),
                    before.createdAt(),
                    ctx.now());
            s.slaPolicies().update(before, after);
            // Page by case id: a recomputed case may stay with this policy or move to another,
            // and either way the next page starts after it, so each case is recomputed once.
            long recomputed = 0;
            CaseId last = null;
            while (true) {
                List<Case> page = s.cases().activeWithPolicy(id, last, RECOMPUTE_PAGE);
                for (Case k : page) {
                    if (k.id().equals(last)) {
                        // A store that ignored the cursor would have this loop run for ever.
                        throw new IllegalStateException("the case store returned case " + last
                                + " again in the page after it (CaseStore.activeWithPolicy must start after it)");
                    }
                    cases.refreshSla(ctx, k);
                }
                recomputed += page.size();
                if (page.size() < RECOMPUTE_PAGE) {
                    break;
                }
                last = page.get(page.size() - 1).id();
            }
            log.debug("updated SLA policy {} in tenant {}: {} active cases recomputed", id, tenant, recomputed);
            return after;
        });
    }

    @Override
    public SlaPolicy get(SlaPolicyId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(tenant, s -> s.slaPolicies().get(id))
                .orElseThrow(() -> new NotFoundException("SLA policy", id));
    }

    @Override
    public List<SlaPolicy> list() {
        return engine.read(tenant, s -> {
            List<SlaPolicy> all = new ArrayList<>(s.slaPolicies().list());
            all.sort(SlaRules.ORDER);
            return all;
        });
    }
}
