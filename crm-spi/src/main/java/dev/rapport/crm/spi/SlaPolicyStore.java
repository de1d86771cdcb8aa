package dev.rapport.crm.spi;

import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.cases.SlaPolicy;
import java.util.List;
import java.util.Optional;

/**
 * The service-level policies of one tenant. Every method sees the session's own uncommitted
 * writes; updates are guarded by version as {@link CustomerStore#update} is.
 *
 * @since 0.3
 */
public interface SlaPolicyStore {

    /** @return every policy, by {@code (rank, id)} */
    List<SlaPolicy> list();

    /**
     * @param id a policy id
     * @return the policy, if it exists in this tenant
     */
    Optional<SlaPolicy> get(SlaPolicyId id);

    /**
     * Stores a new policy (version 1).
     *
     * @param policy the policy
     */
    void insert(SlaPolicy policy);

    /**
     * Replaces a policy: {@code after.version()} must be {@code before.version() + 1} and the
     * stored version must still be {@code before.version()}.
     *
     * @param before the policy as the engine read it
     * @param after the changed policy
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if it no longer exists
     */
    void update(SlaPolicy before, SlaPolicy after);
}
