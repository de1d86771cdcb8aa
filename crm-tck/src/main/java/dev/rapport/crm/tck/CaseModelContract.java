package dev.rapport.crm.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.Crm;
import dev.rapport.crm.cases.NewAgent;
import dev.rapport.crm.cases.NewCase;
import dev.rapport.crm.cases.RoutingPolicy;
import dev.rapport.crm.customers.NewCustomer;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.cases.Availability;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CasePriority;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.spi.CrmStorage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of case commands and clock advances (open and route, move, replies on the
 * case's thread, merge, agents going away and coming back, customer deletes), applied to the
 * adapter under test and to a plain reference model of the rules, compared after every step:
 * each case's status, assignee, reply facts and reopen count, each agent's open cases, and the
 * team's queue in order.
 *
 * @since 0.3
 */
public abstract class CaseModelContract extends ContractSupport {
    private static final Instant BASE = Instant.parse("2026-06-01T08:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final int CAPACITY = 2;

    /** One command, naming its targets by index so that any subsequence is valid. */
    sealed interface Step
            permits NewCustomerStep, DeleteStep, OpenStep, MoveStep, ReplyStep, MergeStep, AwayStep, AdvanceStep {}

    record NewCustomerStep() implements Step {}

    record DeleteStep(int customer) implements Step {}

    record OpenStep(int customer, int priority) implements Step {}

    record MoveStep(int kase, CaseStatus target) implements Step {}

    record ReplyStep(int kase, boolean agent) implements Step {}

    record MergeStep(int duplicate, int survivor) implements Step {}

    record AwayStep(int agent, boolean away) implements Step {}

    record AdvanceStep(int hours) implements Step {}

    static Step draw(SplittableRandom r) {
        int pick = r.nextInt(24);
        if (pick < 2) {
            return new NewCustomerStep();
        }
        if (pick < 3) {
            return new DeleteStep(r.nextInt(4));
        }
        if (pick < 8) {
            return new OpenStep(r.nextInt(4), r.nextInt(4));
        }
        if (pick < 14) {
            return new MoveStep(r.nextInt(10), CaseStatus.values()[r.nextInt(CaseStatus.values().length)]);
        }
        if (pick < 18) {
            return new ReplyStep(r.nextInt(10), r.nextBoolean());
        }
        if (pick < 19) {
            return new MergeStep(r.nextInt(10), r.nextInt(10));
        }
        if (pick < 21) {
            return new AwayStep(r.nextInt(3), r.nextBoolean());
        }
        return new AdvanceStep(r.nextInt(3) == 0 ? 24 * (1 + r.nextInt(8)) : r.nextInt(6));
    }

    /** What the model knows of one case. */
    private static final class ModelCase {
        final CaseId id;
        final CustomerId customer;
        final CasePriority priority;
        final Instant createdAt;
        final String thread;
        CaseStatus status = CaseStatus.NEW;

        @Nullable
        AgentId assignee;

        int replies;
        int reopens;

        @Nullable
        Instant firstResponse;

        @Nullable
        Instant solvedAt;

        ModelCase(CaseId id, CustomerId customer, CasePriority priority, Instant createdAt, String thread) {
            this.id = id;
            this.customer = customer;
            this.priority = priority;
            this.createdAt = createdAt;
            this.thread = thread;
        }

        boolean active() {
            return status != CaseStatus.SOLVED && status != CaseStatus.CLOSED;
        }
    }

    private static final class ModelAgent {
        final AgentId id;
        boolean online = true;
        int open;

        ModelAgent(AgentId id) {
            this.id = id;
        }

        boolean free() {
            return online && open < CAPACITY;
        }
    }

    private static final Map<CaseStatus, Set<CaseStatus>> LEGAL = Map.of(
            CaseStatus.NEW, EnumSet.of(CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.ON_HOLD, CaseStatus.SOLVED),
            CaseStatus.OPEN, EnumSet.of(CaseStatus.PENDING, CaseStatus.ON_HOLD, CaseStatus.SOLVED),
            CaseStatus.PENDING, EnumSet.of(CaseStatus.OPEN, CaseStatus.ON_HOLD, CaseStatus.SOLVED),
            CaseStatus.ON_HOLD, EnumSet.of(CaseStatus.OPEN, CaseStatus.PENDING, CaseStatus.SOLVED),
            CaseStatus.SOLVED, EnumSet.of(CaseStatus.OPEN, CaseStatus.CLOSED),
            CaseStatus.CLOSED, EnumSet.noneOf(CaseStatus.class));

    private final class Trial implements ModelBasedRunner.Trial<Step> {
        private final CrmStorage storage;
        private final Consumer<CrmStorage> release;
        private final MutableClock time = MutableClock.at(BASE);
        private final Crm view;
        private final TeamId team;
        private final List<ModelAgent> agents = new ArrayList<>();
        private final List<CustomerId> customers = new ArrayList<>();
        private final List<ModelCase> cases = new ArrayList<>();
        /** Which case each thread's new messages reach (merges move threads). */
        private final Map<String, ModelCase> threads = new HashMap<>();

        Trial(CrmStorage storage, Consumer<CrmStorage> release) {
            this.storage = storage;
            this.release = release;
            this.view = builder(storage).clock(time).build().forTenant(newTenant());
            this.team = view.agents()
                    .createTeam("desk", RoutingPolicy.LEAST_LOADED_NAME)
                    .id();
            for (int i = 0; i < 3; i++) {
                agents.add(new ModelAgent(view.agents()
                        .create(NewAgent.named("agent " + i)
                                .capacity(CAPACITY)
                                .team(team)
                                .build())
                        .id()));
            }
            agents.sort(Comparator.comparing(a -> a.id));
        }

        private Instant now() {
            return time.instant().truncatedTo(ChronoUnit.MICROS);
        }

        private @Nullable ModelCase kase(int k) {
            return cases.isEmpty() ? null : cases.get(k % cases.size());
        }

        private ModelAgent agent(AgentId id) {
            return agents.stream().filter(a -> a.id.equals(id)).findFirst().orElseThrow();
        }

        private List<ModelCase> queue() {
            List<ModelCase> q = new ArrayList<>();
            for (ModelCase c : cases) {
                if (c.active() && c.assignee == null) {
                    q.add(c);
                }
            }
            q.sort(Comparator.comparing((ModelCase c) -> c.priority)
                    .reversed()
                    .thenComparing(c -> c.createdAt)
                    .thenComparing(c -> c.id));
            return q;
        }

        private @Nullable ModelAgent leastLoaded() {
            ModelAgent best = null;
            for (ModelAgent a : agents) {
                if (a.free() && (best == null || a.open < best.open)) {
                    best = a;
                }
            }
            return best;
        }

        /** A case's counted assignee changed: before and after as the engine's accounting sees it. */
        private void account(@Nullable AgentId was, @Nullable AgentId now) {
            if (was != null && !was.equals(now)) {
                agent(was).open--;
            }
            if (now != null && !now.equals(was)) {
                agent(now).open++;
            }
            if (was != null && !was.equals(now)) {
                drain(agent(was));
            }
        }

        private void drain(ModelAgent freed) {
            if (!freed.free()) {
                return;
            }
            int seen = 0;
            for (ModelCase c : queue()) {
                if (seen++ == 50) {
                    return;
                }
                ModelAgent pick = leastLoaded();
                if (pick != null) {
                    c.assignee = pick.id;
                    pick.open++;
                }
                if (!freed.free()) {
                    return;
                }
            }
        }

        private void move(ModelCase c, CaseStatus target) {
            AgentId was = c.active() ? c.assignee : null;
            if (c.status == CaseStatus.SOLVED && target == CaseStatus.OPEN) {
                c.reopens++;
                c.solvedAt = null;
            }
            if (target == CaseStatus.SOLVED) {
                c.solvedAt = now();
            }
            c.status = target;
            account(was, c.active() ? c.assignee : null);
        }

        @Override
        public void apply(Step step) {
            if (step instanceof NewCustomerStep) {
                customers.add(view.customers()
                        .create(NewCustomer.named("C" + customers.size()))
                        .id());
            } else if (step instanceof DeleteStep d) {
                delete(d);
            } else if (step instanceof OpenStep o) {
                open(o);
            } else if (step instanceof MoveStep m) {
                ModelCase c = kase(m.kase());
                if (c != null) {
                    moveStep(c, m.target());
                }
            } else if (step instanceof ReplyStep r) {
                ModelCase c = kase(r.kase());
                if (c != null) {
                    reply(c, r.agent());
                }
            } else if (step instanceof MergeStep m) {
                merge(m);
            } else if (step instanceof AwayStep a) {
                ModelAgent agent = agents.get(a.agent());
                view.agents().setAvailability(agent.id, a.away() ? Availability.AWAY : Availability.ONLINE);
                if (agent.online == a.away()) {
                    agent.online = !a.away();
                    drain(agent);
                }
            } else if (step instanceof AdvanceStep a) {
                time.advance(Duration.ofHours(a.hours()).plusSeconds(1));
            }
            compare();
        }

        private void delete(DeleteStep d) {
            if (customers.isEmpty()) {
                return;
            }
            CustomerId c = customers.remove(d.customer() % customers.size());
            view.customers().delete(c);
            List<AgentId> freed = new ArrayList<>();
            for (ModelCase k : List.copyOf(cases)) {
                if (k.customer.equals(c)) {
                    if (k.active() && k.assignee != null) {
                        agent(k.assignee).open--;
                        freed.add(k.assignee);
                    }
                    cases.remove(k);
                    threads.values().removeIf(x -> x == k);
                }
            }
            freed.stream().distinct().sorted().forEach(a -> drain(agent(a)));
        }

        private void open(OpenStep o) {
            if (customers.isEmpty()) {
                return;
            }
            time.advance(Duration.ofSeconds(1));
            CustomerId customer = customers.get(o.customer() % customers.size());
            String thread = "case-" + cases.size() + "-" + now();
            var first = view.interactions()
                    .record(NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                            .customer(customer)
                            .thread(thread)
                            .body("help")
                            .build());
            CasePriority priority = CasePriority.values()[o.priority()];
            Case opened = view.cases()
                    .open(NewCase.about(customer, "help")
                            .priority(priority)
                            .interaction(first.id())
                            .team(team)
                            .build());
            ModelCase c = new ModelCase(opened.id(), customer, priority, now(), thread);
            ModelAgent pick = leastLoaded();
            if (pick != null) {
                c.assignee = pick.id;
                pick.open++;
            }
            cases.add(c);
            threads.put(thread, c);
        }

        private void moveStep(ModelCase c, CaseStatus target) {
            if (c.status == target) {
                view.cases().moveTo(c.id, target, null);
                return;
            }
            boolean legal = LEGAL.get(c.status).contains(target);
            if (legal && c.status == CaseStatus.SOLVED && target == CaseStatus.OPEN) {
                legal = !now().isAfter(c.solvedAt.plus(WINDOW));
            }
            if (!legal) {
                thrown(ConflictException.class, () -> view.cases().moveTo(c.id, target, null));
                return;
            }
            view.cases().moveTo(c.id, target, null);
            move(c, target);
        }

        private void reply(ModelCase c, boolean agent) {
            time.advance(Duration.ofSeconds(1));
            view.interactions()
                    .record(NewInteraction.on(Channel.EMAIL, agent ? Direction.OUTBOUND : Direction.INBOUND)
                            .customer(c.customer)
                            .thread(c.thread)
                            .author(agent ? "agent" : null)
                            .body("text")
                            .build());
            ModelCase target = threads.get(c.thread);
            if (target == null) {
                return;
            }
            boolean reopenable = target.status == CaseStatus.SOLVED && !now().isAfter(target.solvedAt.plus(WINDOW));
            if (!target.active() && !reopenable) {
                return;
            }
            if (agent) {
                target.replies++;
                if (target.firstResponse == null) {
                    target.firstResponse = now();
                }
                if (target.status == CaseStatus.NEW) {
                    move(target, CaseStatus.OPEN);
                }
            } else if (target.status == CaseStatus.PENDING || target.status == CaseStatus.SOLVED) {
                move(target, CaseStatus.OPEN);
            }
        }

        private void merge(MergeStep m) {
            ModelCase dup = kase(m.duplicate());
            ModelCase keep = kase(m.survivor());
            if (dup == null || keep == null) {
                return;
            }
            boolean ok = dup != keep
                    && dup.customer.equals(keep.customer)
                    && dup.status != CaseStatus.CLOSED
                    && keep.status != CaseStatus.CLOSED;
            if (!ok) {
                thrown(ConflictException.class, () -> view.cases().merge(dup.id, keep.id, null));
                return;
            }
            view.cases().merge(dup.id, keep.id, null);
            AgentId was = dup.active() ? dup.assignee : null;
            dup.status = CaseStatus.CLOSED;
            threads.replaceAll((t, k) -> k == dup ? keep : k);
            account(was, null);
        }

        private void compare() {
            Map<AgentId, Integer> open = new TreeMap<>();
            for (ModelCase c : cases) {
                Case stored = view.cases().get(c.id);
                String what = "case " + cases.indexOf(c);
                assertThat(stored.status()).as(what + " status").isEqualTo(c.status);
                assertThat(stored.assignee()).as(what + " assignee").isEqualTo(c.assignee);
                assertThat(stored.facts().agentReplies()).as(what + " replies").isEqualTo(c.replies);
                assertThat(stored.facts().reopenCount()).as(what + " reopens").isEqualTo(c.reopens);
                assertThat(stored.facts().firstResponseAt())
                        .as(what + " first response")
                        .isEqualTo(c.firstResponse);
                assertThat(stored.facts().solvedAt()).as(what + " solved at").isEqualTo(c.solvedAt);
                if (c.active() && c.assignee != null) {
                    open.merge(c.assignee, 1, Integer::sum);
                }
            }
            for (ModelAgent a : agents) {
                assertThat(view.agents().get(a.id).openCases())
                        .as("open cases of agent " + agents.indexOf(a))
                        .isEqualTo(a.open)
                        .isEqualTo(open.getOrDefault(a.id, 0));
            }
            Map<CaseId, Integer> order = new LinkedHashMap<>();
            queue().forEach(c -> order.put(c.id, cases.indexOf(c)));
            assertThat(view.cases().waiting(team, 1000))
                    .extracting(Case::id)
                    .as("the team's queue")
                    .containsExactlyElementsOf(order.keySet());
        }

        @Override
        public void close() {
            release.accept(storage);
        }
    }

    @Test
    @DisplayName("random case commands and clock advances match the reference model")
    void randomCaseSequences_matchTheReferenceModel() {
        long[] seeds = Seeds.seeds(10, "rapport.tck.cases.model.seeds");
        int steps = Seeds.intProperty("rapport.tck.cases.model.steps", 50);
        ModelBasedRunner<Step> runner = ModelBasedRunner.of(
                        CaseModelContract::draw, () -> new Trial(obtainStorage(), this::releaseNow))
                .maxReplays(Seeds.intProperty("rapport.tck.mbt.maxReplays", 400));
        for (long seed : seeds) {
            runner.check(seed, steps);
        }
    }
}
