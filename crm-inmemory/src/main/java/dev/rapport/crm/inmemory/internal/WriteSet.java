package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.AttributeDefinition;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.cases.Agent;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.model.cases.Team;
import dev.rapport.crm.model.event.CrmEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The uncommitted writes of one transaction: the final state of every row it touched, a null
 * value meaning deleted (or freed, for an identity key). Maps are created on first write, so a
 * transaction that writes little allocates little.
 */
final class WriteSet {
    @Nullable
    HashMap<CustomerId, @Nullable Customer> customers;

    @Nullable
    HashMap<String, @Nullable CustomerId> identities;

    @Nullable
    HashMap<String, @Nullable AttributeDefinition> definitions;

    @Nullable
    ArrayList<CrmEvent> events;

    /** Activities by id (ids are unique across kinds); null means deleted. */
    @Nullable
    HashMap<UUID, @Nullable Activity> activities;

    /** Source keys ({@link ActivityState#sourceKey}) to their holder; null means freed. */
    @Nullable
    HashMap<String, @Nullable UUID> sources;

    /** Cases by id; null means deleted (with its history). */
    @Nullable
    HashMap<CaseId, @Nullable Case> cases;

    /** History entries appended, per case, in order. */
    @Nullable
    LinkedHashMap<CaseId, List<CaseChange>> history;

    @Nullable
    HashMap<AgentId, Agent> agents;

    @Nullable
    HashMap<TeamId, Team> teams;

    @Nullable
    HashMap<SlaPolicyId, SlaPolicy> policies;

    void putPolicy(SlaPolicy policy) {
        HashMap<SlaPolicyId, SlaPolicy> map = policies;
        if (map == null) {
            policies = map = new HashMap<>();
        }
        map.put(policy.id(), policy);
    }

    void putAgent(Agent agent) {
        HashMap<AgentId, Agent> map = agents;
        if (map == null) {
            agents = map = new HashMap<>();
        }
        map.put(agent.id(), agent);
    }

    void putTeam(Team team) {
        HashMap<TeamId, Team> map = teams;
        if (map == null) {
            teams = map = new HashMap<>();
        }
        map.put(team.id(), team);
    }

    void putCase(CaseId id, @Nullable Case value) {
        HashMap<CaseId, @Nullable Case> map = cases;
        if (map == null) {
            cases = map = new HashMap<>();
        }
        map.put(id, value);
    }

    void addHistory(CaseChange change) {
        LinkedHashMap<CaseId, List<CaseChange>> map = history;
        if (map == null) {
            history = map = new LinkedHashMap<>();
        }
        map.computeIfAbsent(change.caseId(), k -> new ArrayList<>()).add(change);
    }

    /** Timers by key (this tenant's); null means removed. Each key's committed row is locked. */
    @Nullable
    HashMap<String, TimerTable.@Nullable Row> timers;

    void putTimer(String key, TimerTable.@Nullable Row row) {
        HashMap<String, TimerTable.@Nullable Row> map = timers;
        if (map == null) {
            timers = map = new HashMap<>();
        }
        map.put(key, row);
    }

    void putActivity(UUID id, @Nullable Activity activity) {
        HashMap<UUID, @Nullable Activity> map = activities;
        if (map == null) {
            activities = map = new HashMap<>();
        }
        map.put(id, activity);
    }

    void putSource(String key, @Nullable UUID holder) {
        HashMap<String, @Nullable UUID> map = sources;
        if (map == null) {
            sources = map = new HashMap<>();
        }
        map.put(key, holder);
    }

    void putCustomer(CustomerId id, @Nullable Customer customer) {
        HashMap<CustomerId, @Nullable Customer> map = customers;
        if (map == null) {
            customers = map = new HashMap<>();
        }
        map.put(id, customer);
    }

    void putIdentity(String key, @Nullable CustomerId holder) {
        HashMap<String, @Nullable CustomerId> map = identities;
        if (map == null) {
            identities = map = new HashMap<>();
        }
        map.put(key, holder);
    }

    void putDefinition(String key, @Nullable AttributeDefinition definition) {
        HashMap<String, @Nullable AttributeDefinition> map = definitions;
        if (map == null) {
            definitions = map = new HashMap<>();
        }
        map.put(key, definition);
    }

    void addEvents(List<? extends CrmEvent> added) {
        ArrayList<CrmEvent> list = events;
        if (list == null) {
            events = list = new ArrayList<>(Math.max(4, added.size()));
        }
        list.addAll(added);
    }

    boolean isEmpty() {
        return customers == null
                && identities == null
                && definitions == null
                && events == null
                && activities == null
                && sources == null
                && cases == null
                && history == null
                && agents == null
                && teams == null
                && policies == null
                && timers == null;
    }

    int customerCount() {
        return customers == null ? 0 : customers.size();
    }

    int eventCount() {
        return events == null ? 0 : events.size();
    }
}
