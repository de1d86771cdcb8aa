package dev.rapport.crm.inmemory.internal;

import dev.rapport.crm.model.ConcurrencyException;
import dev.rapport.crm.model.ConflictException;
import dev.rapport.crm.model.NotFoundException;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.cases.SlaPolicy;
import dev.rapport.crm.spi.SlaPolicyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The SLA policy store of one session: committed policies with the session's own writes over them. */
final class SlaPolicies implements SlaPolicyStore {
    private final Session session;
    private final TenantState state;
    private final @Nullable WriteSet writes;

    SlaPolicies(Session session, TenantState state, @Nullable WriteSet writes) {
        this.session = session;
        this.state = state;
        this.writes = writes;
    }

    @Override
    public List<SlaPolicy> list() {
        session.checkOpen();
        Map<SlaPolicyId, SlaPolicy> all =
                new HashMap<>(state.readConsistent(() -> new HashMap<>(state.cases.policies)));
        if (writes != null && writes.policies != null) {
            all.putAll(writes.policies);
        }
        List<SlaPolicy> out = new ArrayList<>(all.values());
        out.sort(Comparator.comparingInt(SlaPolicy::rank).thenComparing(SlaPolicy::id));
        return out;
    }

    @Override
    public Optional<SlaPolicy> get(SlaPolicyId id) {
        session.checkOpen();
        Objects.requireNonNull(id, "id");
        if (writes != null && writes.policies != null && writes.policies.containsKey(id)) {
            return Optional.of(writes.policies.get(id));
        }
        return Optional.ofNullable(state.readConsistent(() -> state.cases.policies.get(id)));
    }

    @Override
    public void insert(SlaPolicy policy) {
        WriteSet w = session.checkWritable();
        if (policy.version() != 1) {
            throw new IllegalArgumentException("a new policy has version 1");
        }
        if (get(policy.id()).isPresent()) {
            throw new ConflictException("SLA policy " + policy.id() + " already exists");
        }
        w.putPolicy(policy);
    }

    @Override
    public void update(SlaPolicy before, SlaPolicy after) {
        WriteSet w = session.checkWritable();
        if (!before.id().equals(after.id()) || after.version() != before.version() + 1) {
            throw new IllegalArgumentException("an update keeps the id and raises the version by one");
        }
        SlaPolicy stored = get(before.id()).orElseThrow(() -> new NotFoundException("SLA policy", before.id()));
        if (stored.version() != before.version()) {
            throw new ConcurrencyException("SLA policy", before.id(), before.version());
        }
        w.putPolicy(after);
    }
}
