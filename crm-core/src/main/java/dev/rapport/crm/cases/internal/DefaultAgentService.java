package dev.rapport.crm.cases.internal;

import dev.rapport.crm.cases.AgentService;
import dev.rapport.crm.cases.NewAgent;
import dev.rapport.crm.internal.ActivityRules;
import dev.rapport.crm.internal.Engine;
import dev.rapport.crm.internal.Violations;
import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Availability;
import dev.rapport.crm.model.cases.Team;
import dev.rapport.crm.spi.StorageSession;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The agent and team commands and queries of one tenant. */
public final class DefaultAgentService implements AgentService {
    private static final Logger log = LoggerFactory.getLogger(DefaultAgentService.class);

    static final int MAX_NAME = 200;
    static final int MAX_LANGUAGES = 20;
    static final int MAX_CAPACITY = 10_000;

    private final Engine engine;
    private final TenantId tenant;
    private final DefaultCaseService cases;

    /**
     * @param engine the engine
     * @param tenant the tenant every call is scoped to
     */
    public DefaultAgentService(Engine engine, TenantId tenant) {
        this.engine = engine;
        this.tenant = tenant;
        this.cases = new DefaultCaseService(engine, tenant);
    }

    private static @Nullable String name(String name, Violations v) {
        if (name.isBlank()) {
            v.add("name", "must not be blank");
            return null;
        }
        return ActivityRules.line(name, "name", MAX_NAME, v);
    }

    private static void capacity(int capacity, Violations v) {
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            v.add("capacity", "must be between 0 and " + MAX_CAPACITY);
        }
    }

    @Override
    public Team createTeam(String name, String routing) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(routing, "routing");
        Violations v = new Violations();
        String checked = name(name, v);
        if (!engine.routing().containsKey(routing)) {
            v.add(
                    "routing",
                    "no routing policy is named '" + routing + "'; known: "
                            + engine.routing().keySet());
        }
        v.throwIfAny();
        Team team = engine.execute(tenant, ctx -> {
            Team t = new Team(
                    new TeamId(engine.ids().next()),
                    1,
                    Objects.requireNonNull(checked),
                    routing,
                    null,
                    ctx.now(),
                    ctx.now());
            ctx.session().agents().insertTeam(t);
            return t;
        });
        log.debug("created team {} in tenant {}", team.id(), tenant);
        return team;
    }

    @Override
    public Team team(TeamId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(tenant, s -> s.agents().getTeam(id)).orElseThrow(() -> new NotFoundException("team", id));
    }

    @Override
    public Agent create(NewAgent command) {
        Objects.requireNonNull(command, "command");
        Violations v = new Violations();
        String checked = name(command.name(), v);
        Set<String> skills = DefaultCaseService.skills(command.skills(), "skills", v);
        Set<String> languages = new TreeSet<>();
        for (String tag : command.languages()) {
            String l = DefaultCaseService.language(tag, "languages", v);
            if (l != null) {
                languages.add(l);
            }
        }
        if (languages.size() > MAX_LANGUAGES) {
            v.add("languages", "at most " + MAX_LANGUAGES);
        }
        capacity(command.capacity(), v);
        v.throwIfAny();
        Agent agent = engine.execute(tenant, ctx -> {
            StorageSession s = ctx.session();
            for (TeamId team : command.teams()) {
                if (s.agents().getTeam(team).isEmpty()) {
                    throw new NotFoundException("team", team);
                }
            }
            Agent a = new Agent(
                    new AgentId(engine.ids().next()),
                    1,
                    Objects.requireNonNull(checked),
                    skills,
                    languages,
                    command.capacity(),
                    command.availability(),
                    command.teams(),
                    0,
                    ctx.now(),
                    ctx.now());
            s.agents().insert(a);
            cases.drain(ctx, a.id());
            return a;
        });
        log.debug("created agent {} in tenant {}", agent.id(), tenant);
        return get(agent.id());
    }

    @Override
    public Agent get(AgentId id) {
        return find(id).orElseThrow(() -> new NotFoundException("agent", id));
    }

    @Override
    public Optional<Agent> find(AgentId id) {
        Objects.requireNonNull(id, "id");
        return engine.read(tenant, s -> s.agents().get(id));
    }

    @Override
    public List<Agent> members(TeamId team) {
        Objects.requireNonNull(team, "team");
        return engine.read(tenant, s -> s.agents().members(team));
    }

    private Agent change(AgentId id, UnaryOperator<Agent> change) {
        return change(id, null, change);
    }

    private Agent change(AgentId id, @Nullable TeamId mustExist, UnaryOperator<Agent> change) {
        Objects.requireNonNull(id, "id");
        return engine.executeRetrying(tenant, ctx -> {
            StorageSession s = ctx.session();
            if (mustExist != null && s.agents().getTeam(mustExist).isEmpty()) {
                throw new NotFoundException("team", mustExist);
            }
            Agent before = s.agents().get(id).orElseThrow(() -> new NotFoundException("agent", id));
            Agent changed = change.apply(before);
            if (changed.equals(before)) {
                return before;
            }
            Agent after = new Agent(
                    before.id(),
                    before.version() + 1,
                    changed.name(),
                    changed.skills(),
                    changed.languages(),
                    changed.capacity(),
                    changed.availability(),
                    changed.teams(),
                    before.openCases(),
                    before.createdAt(),
                    ctx.now());
            s.agents().update(before, after);
            cases.drain(ctx, id);
            return s.agents().get(id).orElseThrow();
        });
    }

    private static Agent with(Agent a, int capacity, Availability availability, Set<TeamId> teams) {
        return new Agent(
                a.id(),
                a.version(),
                a.name(),
                a.skills(),
                a.languages(),
                capacity,
                availability,
                teams,
                a.openCases(),
                a.createdAt(),
                a.updatedAt());
    }

    @Override
    public Agent setAvailability(AgentId id, Availability availability) {
        Objects.requireNonNull(availability, "availability");
        return change(id, a -> with(a, a.capacity(), availability, a.teams()));
    }

    @Override
    public Agent setCapacity(AgentId id, int capacity) {
        Violations v = new Violations();
        capacity(capacity, v);
        v.throwIfAny();
        return change(id, a -> with(a, capacity, a.availability(), a.teams()));
    }

    @Override
    public Agent joinTeam(AgentId id, TeamId team) {
        Objects.requireNonNull(team, "team");
        return change(id, team, a -> {
            Set<TeamId> teams = new TreeSet<>(a.teams());
            teams.add(team);
            return with(a, a.capacity(), a.availability(), teams);
        });
    }

    @Override
    public Agent leaveTeam(AgentId id, TeamId team) {
        Objects.requireNonNull(team, "team");
        return change(id, a -> {
            Set<TeamId> teams = new TreeSet<>(a.teams());
            teams.remove(team);
            return with(a, a.capacity(), a.availability(), teams);
        });
    }
}
