package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.model.cases.Team;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The committed cases of one tenant with their lookups: by interaction, by thread and by customer,
 * and each case's history. Changed only by {@link #apply} under the tenant's commit lock; the
 * sets and lists held in the maps are immutable and replaced whole, so readers never see one
 * half-changed.
 */
final class CaseState {
    final ConcurrentHashMap<CaseId, Case> byId = new ConcurrentHashMap<>();
    final ConcurrentHashMap<InteractionId, CaseId> byInteraction = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, Set<CaseId>> byThread = new ConcurrentHashMap<>();
    final ConcurrentHashMap<CustomerId, Set<CaseId>> byCustomer = new ConcurrentHashMap<>();
    final ConcurrentHashMap<CaseId, List<CaseChange>> history = new ConcurrentHashMap<>();
    /** Each team's waiting cases: active, in the team, without an assignee. */
    final ConcurrentHashMap<TeamId, Set<CaseId>> waiting = new ConcurrentHashMap<>();

    final ConcurrentHashMap<AgentId, Agent> agents = new ConcurrentHashMap<>();
    final ConcurrentHashMap<TeamId, Team> teams = new ConcurrentHashMap<>();
    final ConcurrentHashMap<SlaPolicyId, SlaPolicy> policies = new ConcurrentHashMap<>();

    static boolean isWaiting(Case c) {
        return c.team() != null && c.assignee() == null && c.status().isActive();
    }

    /** Applies one case's final state in a commit; null deletes it with its history. */
    void apply(CaseId id, @Nullable Case next) {
        Case previous = next == null ? byId.remove(id) : byId.put(id, next);
        if (previous != null) {
            for (InteractionId i : previous.interactions()) {
                byInteraction.remove(i, id);
            }
            for (String t : previous.threads()) {
                if (next == null || !next.threads().contains(t)) {
                    remove(byThread, t, id);
                }
            }
            if (isWaiting(previous)) {
                remove(waiting, previous.team(), id);
            }
            if (next == null) {
                remove(byCustomer, previous.customerId(), id);
                history.remove(id);
            }
        }
        if (next != null) {
            for (InteractionId i : next.interactions()) {
                byInteraction.put(i, id);
            }
            for (String t : next.threads()) {
                add(byThread, t, id);
            }
            add(byCustomer, next.customerId(), id);
            if (isWaiting(next)) {
                add(waiting, next.team(), id);
            }
        }
    }

    /** Appends history entries in a commit. */
    void appendHistory(Map<CaseId, List<CaseChange>> appended) {
        appended.forEach((id, entries) -> {
            if (byId.containsKey(id)) {
                List<CaseChange> all = new ArrayList<>(history.getOrDefault(id, List.of()));
                all.addAll(entries);
                history.put(id, List.copyOf(all));
            }
        });
    }

    private static <K> void add(ConcurrentHashMap<K, Set<CaseId>> map, K key, CaseId id) {
        Set<CaseId> old = map.getOrDefault(key, Set.of());
        if (!old.contains(id)) {
            Set<CaseId> next = new HashSet<>(old);
            next.add(id);
            map.put(key, Set.copyOf(next));
        }
    }

    private static <K> void remove(ConcurrentHashMap<K, Set<CaseId>> map, K key, CaseId id) {
        Set<CaseId> old = map.get(key);
        if (old != null && old.contains(id)) {
            Set<CaseId> next = new HashSet<>(old);
            next.remove(id);
            if (next.isEmpty()) {
                map.remove(key);
            } else {
                map.put(key, Set.copyOf(next));
            }
        }
    }
}
