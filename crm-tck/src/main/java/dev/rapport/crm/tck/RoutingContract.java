package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.crm.Crm;
import dev.rapport.crm.cases.NewAgent;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.cases.RoutingPolicy;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Availability;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.model.cases.Team;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Agents, teams and routing: validation, the built-in policies against a plain reference over
 * generated teams, queues that drain when an agent frees up, agents' open-case counts through
 * every change, capacity under concurrent routing from two engine instances, pluggable policies.
 *
 * @since 0.3
 */
public abstract class RoutingContract extends ContractSupport {

    private Customer customer() {
        return crm.customers().create(NewCustomer.named("Ada"));
    }

    private Case routed(Crm view, Customer c, TeamId team, CasePriority priority, Set<String> skills, String lang) {
        NewCase.Builder b = NewCase.about(c.id(), "help").priority(priority).team(team);
        skills.forEach(b::requiredSkills);
        return view.cases().open(b.language(lang).build());
    }

    @Test
    @DisplayName("bad agents and teams name every field at once; unknown teams and policies are refused")
    void validation() {
        assertThatThrownBy(() -> crm.agents()
                        .create(NewAgent.named(" ")
                                .skills("Bad Skill!")
                                .languages("not a tag!")
                                .capacity(-1)
                                .build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path())
                        .contains("name", "skills", "languages", "capacity"));
        assertThatThrownBy(() -> crm.agents().createTeam("Support", "coin-toss"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(v -> v.path())
                        .containsExactly("routing"));
        TeamId nowhere = TeamId.of(java.util.UUID.randomUUID());
        assertThatThrownBy(() -> crm.agents()
                        .create(NewAgent.named("Grace").team(nowhere).build()))
                .isInstanceOf(NotFoundException.class);
        Agent grace = crm.agents()
                .create(NewAgent.named("Grace")
                        .skills("Billing")
                        .languages("pt-BR", "en")
                        .build());
        assertThat(grace.skills()).containsExactly("billing");
        assertThat(grace.languages()).containsExactly("en", "pt-br");
        assertThat(grace.capacity()).isEqualTo(10);
        assertThat(grace.availability()).isEqualTo(Availability.ONLINE);
        assertThat(crm.agents().get(grace.id())).isEqualTo(grace);
        assertThatThrownBy(() -> crm.agents().joinTeam(grace.id(), nowhere)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> crm.cases()
                        .open(NewCase.about(customer().id(), "x").language("!!").build()))
                .isInstanceOf(ValidationException.class);
        assertThat(crm.forTenant(newTenant()).agents().find(grace.id())).isEmpty();
    }

    /** A plain model of one team: agents' state and the policy's choice, written from the javadoc. */
    private static final class ModelAgent {
        final AgentId id;
        final Set<String> skills;
        final Set<String> languages;
        final int capacity;
        final boolean online;
        int open;

        ModelAgent(Agent a) {
            id = a.id();
            skills = a.skills();
            languages = a.languages();
            capacity = a.capacity();
            online = a.availability() == Availability.ONLINE;
        }
    }

    private static Optional<AgentId> expected(
            String policy, List<ModelAgent> agents, AgentId last, Set<String> skills, String language) {
        List<ModelAgent> free = new ArrayList<>();
        for (ModelAgent a : agents) {
            if (a.online && a.open < a.capacity) {
                free.add(a);
            }
        }
        free.sort(Comparator.comparing(a -> a.id));
        Comparator<ModelAgent> leastLoaded =
                Comparator.<ModelAgent>comparingInt(a -> a.open).thenComparing(a -> a.id);
        switch (policy) {
            case RoutingPolicy.ROUND_ROBIN_NAME:
                if (free.isEmpty()) {
                    return Optional.empty();
                }
                for (ModelAgent a : free) {
                    if (last != null && a.id.compareTo(last) > 0) {
                        return Optional.of(a.id);
                    }
                }
                return Optional.of(free.get(0).id);
            case RoutingPolicy.LEAST_LOADED_NAME:
                return free.stream().min(leastLoaded).map(a -> a.id);
            default:
                return free.stream()
                        .filter(a -> a.skills.containsAll(skills))
                        .filter(a -> language == null || a.languages.contains(language))
                        .min(leastLoaded)
                        .map(a -> a.id);
        }
    }

    @Test
    @DisplayName("generated teams: each built-in policy assigns as its definition says, never over capacity")
    void policies_agreeWithAPlainReference() {
        Customer ada = customer();
        String[] skillPool = {"billing", "refunds", "tech"};
        String[] languagePool = {"en", "fr"};
        for (long seed : Seeds.seeds(3, "rapport.tck.routing.seeds")) {
            Seeds.run(seed, random -> {
                for (String policy : List.of(
                        RoutingPolicy.ROUND_ROBIN_NAME,
                        RoutingPolicy.LEAST_LOADED_NAME,
                        RoutingPolicy.SKILL_BASED_NAME)) {
                    Team team = crm.agents().createTeam("team", policy);
                    List<ModelAgent> model = new ArrayList<>();
                    int size = 1 + random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        NewAgent.Builder b = NewAgent.named("agent " + i)
                                .capacity(random.nextInt(4))
                                .availability(random.nextInt(5) == 0 ? Availability.AWAY : Availability.ONLINE)
                                .team(team.id());
                        for (String s : skillPool) {
                            if (random.nextBoolean()) {
                                b.skills(s);
                            }
                        }
                        for (String l : languagePool) {
                            if (random.nextBoolean()) {
                                b.languages(l);
                            }
                        }
                        model.add(new ModelAgent(crm.agents().create(b.build())));
                    }
                    AgentId last = null;
                    for (int n = 0; n < 8; n++) {
                        Set<String> skills = new TreeSet<>();
                        if (random.nextInt(3) == 0) {
                            skills.add(skillPool[random.nextInt(skillPool.length)]);
                        }
                        String language = random.nextInt(3) == 0 ? languagePool[random.nextInt(2)] : null;
                        Optional<AgentId> want = expected(policy, model, last, skills, language);
                        Case c = routed(crm, ada, team.id(), CasePriority.NORMAL, skills, language);
                        assertThat(Optional.ofNullable(c.assignee()))
                                .as("%s, case %d, skills %s, language %s", policy, n, skills, language)
                                .isEqualTo(want);
                        if (want.isPresent()) {
                            last = want.get();
                            AgentId chosen = want.get();
                            model.stream().filter(a -> a.id.equals(chosen)).forEach(a -> a.open++);
                        }
                    }
                    for (ModelAgent a : model) {
                        Agent stored = crm.agents().get(a.id);
                        assertThat(stored.openCases()).isEqualTo(a.open);
                        assertThat(stored.openCases()).isLessThanOrEqualTo(Math.max(stored.capacity(), 0));
                    }
                }
            });
        }
    }

    @Test
    @DisplayName(
            "an unroutable case waits in its team's queue, most urgent first, and is routed when an agent frees up")
    void queue_drainsWhenAnAgentFreesUp() {
        Customer ada = customer();
        Team team = crm.agents().createTeam("Support", RoutingPolicy.LEAST_LOADED_NAME);
        Agent grace = crm.agents()
                .create(NewAgent.named("Grace").capacity(1).team(team.id()).build());
        Case first = routed(crm, ada, team.id(), CasePriority.NORMAL, Set.of(), null);
        assertThat(first.assignee()).isEqualTo(grace.id());
        clock.advance(Duration.ofMinutes(1));
        Case second = routed(crm, ada, team.id(), CasePriority.NORMAL, Set.of(), null);
        clock.advance(Duration.ofMinutes(1));
        Case urgent = routed(crm, ada, team.id(), CasePriority.URGENT, Set.of(), null);
        assertThat(second.assignee()).isNull();
        assertThat(urgent.team()).isEqualTo(team.id());
        assertThat(crm.cases().waiting(team.id(), 10)).extracting(Case::id).containsExactly(urgent.id(), second.id());

        crm.cases().moveTo(first.id(), CaseStatus.SOLVED, "grace");
        assertThat(crm.cases().get(urgent.id()).assignee()).isEqualTo(grace.id());
        assertThat(crm.cases().waiting(team.id(), 10)).extracting(Case::id).containsExactly(second.id());
        assertThat(crm.agents().get(grace.id()).openCases()).isEqualTo(1);

        crm.agents().setAvailability(grace.id(), Availability.AWAY);
        crm.cases().moveTo(urgent.id(), CaseStatus.SOLVED, "grace");
        assertThat(crm.cases().get(second.id()).assignee()).isNull();
        assertThat(crm.agents().get(grace.id()).openCases()).isZero();
        crm.agents().setAvailability(grace.id(), Availability.ONLINE);
        assertThat(crm.cases().get(second.id()).assignee()).isEqualTo(grace.id());

        Agent alan = crm.agents().create(NewAgent.named("Alan").capacity(0).build());
        Case third = routed(crm, ada, team.id(), CasePriority.LOW, Set.of(), null);
        assertThat(third.assignee()).isNull();
        crm.agents().joinTeam(alan.id(), team.id());
        assertThat(crm.cases().get(third.id()).assignee()).isNull();
        crm.agents().setCapacity(alan.id(), 2);
        assertThat(crm.cases().get(third.id()).assignee()).isEqualTo(alan.id());
    }

    @Test
    @DisplayName("open-case counts follow assignment, solving, reopening, merging and erasure")
    void openCases_followEveryChange() {
        Customer ada = customer();
        Agent grace = crm.agents().create(NewAgent.named("Grace").capacity(1).build());
        Case a = crm.cases().open(NewCase.about(ada.id(), "a").build());
        Case b = crm.cases().open(NewCase.about(ada.id(), "b").build());
        crm.cases().assign(a.id(), grace.id(), "lead");
        crm.cases().assign(b.id(), grace.id(), "lead");
        assertThat(crm.agents().get(grace.id()).openCases())
                .as("a person may assign over capacity")
                .isEqualTo(2);
        crm.cases().moveTo(a.id(), CaseStatus.SOLVED, null);
        assertThat(crm.agents().get(grace.id()).openCases()).isEqualTo(1);
        crm.cases().moveTo(a.id(), CaseStatus.OPEN, null);
        assertThat(crm.agents().get(grace.id()).openCases()).isEqualTo(2);
        crm.cases().merge(b.id(), a.id(), null);
        assertThat(crm.agents().get(grace.id()).openCases()).isEqualTo(1);
        Customer bob = crm.customers().create(NewCustomer.named("Bob"));
        Case his = crm.cases().open(NewCase.about(bob.id(), "his").build());
        crm.cases().assign(his.id(), grace.id(), null);
        assertThat(crm.agents().get(grace.id()).openCases()).isEqualTo(2);
        crm.customers().delete(bob.id());
        assertThat(crm.agents().get(grace.id()).openCases()).isEqualTo(1);
        Case closed = crm.cases()
                .moveTo(crm.cases().moveTo(a.id(), CaseStatus.SOLVED, null).id(), CaseStatus.CLOSED, null);
        assertThat(crm.agents().get(grace.id()).openCases()).isZero();
        Agent alan = crm.agents().create(NewAgent.named("Alan").build());
        assertThatThrownBy(() -> crm.cases().assign(closed.id(), alan.id(), null))
                .isInstanceOf(ConflictException.class);
        assertThat(crm.cases().history(a.id(), 100, null).items())
                .filteredOn(h -> h.field().equals("assignee"))
                .hasSize(1);
    }

    @Test
    @DisplayName("two engine instances routing at once never put an agent over capacity and lose no case")
    void concurrentRouting_neverExceedsCapacity() throws Exception {
        Customer ada = customer();
        Team team = crm.agents().createTeam("Support", RoutingPolicy.ROUND_ROBIN_NAME);
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            agents.add(crm.agents()
                    .create(NewAgent.named("agent " + i)
                            .capacity(4)
                            .team(team.id())
                            .build()));
        }
        Crm other = builder(storage).build().forTenant(crm.tenant());
        List<Crm> instances = List.of(crm, other);
        int threads = 8;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Case> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Crm view = instances.get(t % 2);
                done.add(CompletableFuture.runAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(e);
                            }
                            for (int i = 0; i < perThread; i++) {
                                opened.add(routed(view, ada, team.id(), CasePriority.NORMAL, Set.of(), null));
                            }
                        },
                        pool));
            }
            start.countDown();
            CompletableFuture.allOf(done.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(opened).hasSize(threads * perThread);
        Map<AgentId, Integer> assigned = new HashMap<>();
        int waiting = 0;
        for (Case c : opened) {
            Case now = crm.cases().get(c.id());
            if (now.assignee() == null) {
                waiting++;
            } else {
                assigned.merge(now.assignee(), 1, Integer::sum);
            }
        }
        for (Agent a : agents) {
            Agent stored = crm.agents().get(a.id());
            assertThat(stored.openCases()).isEqualTo(assigned.getOrDefault(a.id(), 0));
            assertThat(stored.openCases()).isLessThanOrEqualTo(4);
        }
        assertThat(assigned.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(12);
        assertThat(waiting).isEqualTo(threads * perThread - 12);
        assertThat(crm.cases().waiting(team.id(), 1000)).hasSize(waiting);
    }

    @Test
    @DisplayName(
            "a policy plugged in by name routes cases; one choosing an agent who cannot take it fails the command whole")
    void pluggablePolicies() {
        Crm custom = builder(storage)
                .routingPolicy(
                        "newest-agent",
                        (c, team, candidates) -> candidates.isEmpty()
                                ? Optional.empty()
                                : Optional.of(candidates.get(candidates.size() - 1)))
                .routingPolicy(
                        "rogue",
                        (c, team, candidates) -> Optional.of(new Agent(
                                AgentId.of(java.util.UUID.randomUUID()),
                                1,
                                "nobody",
                                Set.of(),
                                Set.of(),
                                1,
                                Availability.ONLINE,
                                Set.of(),
                                0,
                                clock.instant(),
                                clock.instant())))
                .build()
                .forTenant(newTenant());
        Customer ada = custom.customers().create(NewCustomer.named("Ada"));
        Team team = custom.agents().createTeam("Support", "newest-agent");
        Agent first =
                custom.agents().create(NewAgent.named("first").team(team.id()).build());
        Agent second =
                custom.agents().create(NewAgent.named("second").team(team.id()).build());
        AgentId newest = first.id().compareTo(second.id()) > 0 ? first.id() : second.id();
        assertThat(routed(custom, ada, team.id(), CasePriority.NORMAL, Set.of(), null)
                        .assignee())
                .isEqualTo(newest);
        Team rogue = custom.agents().createTeam("Rogue", "rogue");
        custom.agents().joinTeam(first.id(), rogue.id());
        int before = eventLog(custom).size();
        assertThatThrownBy(() -> routed(custom, ada, rogue.id(), CasePriority.NORMAL, Set.of(), null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(eventLog(custom)).hasSize(before);
        assertThatThrownBy(() -> builder(storage)
                        .routingPolicy(RoutingPolicy.ROUND_ROBIN_NAME, RoutingPolicy.LEAST_LOADED)
                        .build())
                .isInstanceOf(ValidationException.class);
    }
}
