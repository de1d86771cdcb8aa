package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.activity.TimelineKey;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import dev.rapport.crm.spi.CaseFilter;
import dev.rapport.crm.spi.CaseQueueKey;
import dev.rapport.crm.spi.CaseStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The case store of one session: committed state under the tenant's optimistic stamp, with a
 * write session's own writes laid over it (the committed state cannot change meanwhile: the
 * session holds the tenant's writer lock).
 */
final class CaseStores implements CaseStore {
    /** Newest first by {@code (createdAt, id)}, ids compared as the databases compare UUIDs. */
    static final Comparator<Case> NEWEST_FIRST = Comparator.comparing(Case::createdAt)
            .thenComparing((a, b) -> TimelineKey.compareIds(a.id().value(), b.id().value()))
            .reversed();

    private final Session session;
    private final TenantState state;
    private final @Nullable WriteSet writes;

    CaseStores(Session session, TenantState state, @Nullable WriteSet writes) {
        this.session = session;
        this.state = state;
        this.writes = writes;
    }

    private CaseState committed() {
        return state.cases;
    }

    private @Nullable Map<CaseId, @Nullable Case> own() {
        return writes == null ? null : writes.cases;
    }

    private @Nullable Case current(CaseId id) {
        Map<CaseId, @Nullable Case> own = own();
        if (own != null && own.containsKey(id)) {
            return own.get(id);
        }
        return state.readConsistent(() -> committed().byId.get(id));
    }

    @Override
    public Optional<Case> get(CaseId id) {
        session.checkOpen();
        return Optional.ofNullable(current(Objects.requireNonNull(id, "id")));
    }

    @Override
    public void insert(Case value) {
        WriteSet w = session.checkWritable();
        if (value.version() != 1) {
            throw new IllegalArgumentException("a new case has version 1, " + value.id() + " has " + value.version());
        }
        if (current(value.id()) != null) {
            throw new ConflictException("case " + value.id() + " already exists");
        }
        checkLinks(value);
        w.putCase(value.id(), value);
    }

    @Override
    public void update(Case before, Case after) {
        WriteSet w = session.checkWritable();
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("update cannot change the id of case " + before.id());
        }
        if (after.version() != before.version() + 1) {
            throw new IllegalArgumentException("the version of case " + before.id() + " must go up by one");
        }
        Case stored = current(before.id());
        if (stored == null) {
            throw new NotFoundException("case", before.id());
        }
        if (stored.version() != before.version()) {
            throw new ConcurrencyException("case", before.id(), before.version());
        }
        checkLinks(after);
        w.putCase(after.id(), after);
    }

    private void checkLinks(Case value) {
        for (InteractionId i : value.interactions()) {
            Optional<Case> holder = findByInteraction(i);
            if (holder.isPresent() && !holder.get().id().equals(value.id())) {
                throw new ConflictException("interaction " + i + " is linked to case "
                        + holder.get().id());
            }
        }
    }

    @Override
    public Optional<Case> findByInteraction(InteractionId interaction) {
        session.checkOpen();
        Objects.requireNonNull(interaction, "interaction");
        Map<CaseId, @Nullable Case> own = own();
        if (own != null) {
            for (Case c : own.values()) {
                if (c != null && c.interactions().contains(interaction)) {
                    return Optional.of(c);
                }
            }
        }
        CaseId id = state.readConsistent(() -> committed().byInteraction.get(interaction));
        if (id == null) {
            return Optional.empty();
        }
        Case c = current(id);
        return c != null && c.interactions().contains(interaction) ? Optional.of(c) : Optional.empty();
    }

    @Override
    public List<Case> findByThread(String threadId) {
        session.checkOpen();
        Objects.requireNonNull(threadId, "threadId");
        Set<CaseId> ids =
                new HashSet<>(state.readConsistent(() -> committed().byThread.getOrDefault(threadId, Set.of())));
        Map<CaseId, @Nullable Case> own = own();
        if (own != null) {
            own.forEach((id, c) -> {
                if (c != null && c.threads().contains(threadId)) {
                    ids.add(id);
                }
            });
        }
        List<Case> out = new ArrayList<>();
        for (CaseId id : ids) {
            Case c = current(id);
            if (c != null && c.threads().contains(threadId)) {
                out.add(c);
            }
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    @Override
    public List<Case> findActiveByThread(String threadId) {
        List<Case> out = new ArrayList<>(findByThread(threadId));
        out.removeIf(c -> !c.status().isActive());
        return out;
    }

    @Override
    public void appendHistory(List<CaseChange> changes) {
        WriteSet w = session.checkWritable();
        for (CaseChange change : changes) {
            if (current(change.caseId()) == null) {
                throw new NotFoundException("case", change.caseId());
            }
            w.addHistory(change);
        }
    }

    @Override
    public List<CaseChange> history(CaseId id, long afterVersion, int afterIndex, int limit) {
        session.checkOpen();
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<CaseChange> all =
                new ArrayList<>(state.readConsistent(() -> committed().history.getOrDefault(id, List.of())));
        if (writes != null && writes.history != null) {
            all.addAll(writes.history.getOrDefault(id, List.of()));
        }
        if (own() != null && own().containsKey(id) && own().get(id) == null) {
            return List.of();
        }
        List<CaseChange> out = new ArrayList<>();
        for (CaseChange c : all) {
            if (c.version() > afterVersion || (c.version() == afterVersion && c.index() > afterIndex)) {
                out.add(c);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** Soonest due first (none last), then most urgent, then oldest, then by id. */
    static final Comparator<Case> QUEUE_ORDER = Comparator.comparing(
                    (Case c) -> c.nextDueAt().orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Comparator.comparing(Case::priority).reversed())
            .thenComparing(Case::createdAt)
            .thenComparing(Case::id);

    /** Every case this session sees, committed with its own writes laid over. */
    private Map<CaseId, Case> all() {
        Map<CaseId, Case> all =
                new java.util.HashMap<>(state.readConsistent(() -> new java.util.HashMap<>(committed().byId)));
        Map<CaseId, @Nullable Case> own = own();
        if (own != null) {
            own.forEach((id, c) -> {
                if (c == null) {
                    all.remove(id);
                } else {
                    all.put(id, c);
                }
            });
        }
        return all;
    }

    private static boolean matches(CaseFilter f, Case c) {
        return f.statuses().contains(c.status())
                && (f.priorities().isEmpty() || f.priorities().contains(c.priority()))
                && (f.team() == null || f.team().equals(c.team()))
                && (f.assignee() == null || f.assignee().equals(c.assignee()))
                && (!f.unassignedOnly() || c.assignee() == null);
    }

    /** Scans the tenant's cases: fine for tests and small desks, linear in the tenant's cases. */
    @Override
    public List<Case> queue(CaseFilter filter, @Nullable CaseQueueKey after, int limit) {
        session.checkOpen();
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        java.util.TreeMap<CaseQueueKey, Case> sorted = new java.util.TreeMap<>();
        for (Case c : all().values()) {
            if (matches(filter, c)) {
                CaseQueueKey k = CaseQueueKey.of(c);
                if (after == null || k.compareTo(after) > 0) {
                    sorted.put(k, c);
                }
            }
        }
        List<Case> out = new ArrayList<>();
        for (Case c : sorted.values()) {
            out.add(c);
            if (out.size() == limit) {
                break;
            }
        }
        return out;
    }

    @Override
    public long count(CaseFilter filter) {
        session.checkOpen();
        Objects.requireNonNull(filter, "filter");
        return all().values().stream().filter(c -> matches(filter, c)).count();
    }

    @Override
    public List<Case> activeWithPolicy(SlaPolicyId policy, @Nullable CaseId after, int limit) {
        session.checkOpen();
        Objects.requireNonNull(policy, "policy");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Map<CaseId, Case> all = all();
        List<Case> out = new ArrayList<>();
        for (Case c : all.values()) {
            if (policy.equals(c.slaPolicy())
                    && c.status().isActive()
                    && (after == null || c.id().compareTo(after) > 0)) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparing(Case::id));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    @Override
    public List<Case> waiting(TeamId team, int limit) {
        session.checkOpen();
        Objects.requireNonNull(team, "team");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        Set<CaseId> ids =
                new HashSet<>(state.readConsistent(() -> committed().waiting.getOrDefault(team, Set.of())));
        Map<CaseId, @Nullable Case> own = own();
        if (own != null) {
            ids.addAll(own.keySet());
        }
        List<Case> out = new ArrayList<>();
        for (CaseId id : ids) {
            Case c = current(id);
            if (c != null && team.equals(c.team()) && CaseState.isWaiting(c)) {
                out.add(c);
            }
        }
        out.sort(QUEUE_ORDER);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    @Override
    public List<Case> deleteCustomerCases(CustomerId customer) {
        WriteSet w = session.checkWritable();
        Objects.requireNonNull(customer, "customer");
        Set<CaseId> ids =
                new HashSet<>(state.readConsistent(() -> committed().byCustomer.getOrDefault(customer, Set.of())));
        Map<CaseId, @Nullable Case> own = own();
        if (own != null) {
            own.forEach((id, c) -> {
                if (c != null && c.customerId().equals(customer)) {
                    ids.add(id);
                }
            });
        }
        List<Case> deleted = new ArrayList<>();
        for (CaseId id : ids) {
            Case c = current(id);
            if (c != null && c.customerId().equals(customer)) {
                w.putCase(id, null);
                if (w.history != null) {
                    w.history.remove(id);
                }
                deleted.add(c);
            }
        }
        return deleted;
    }
}
