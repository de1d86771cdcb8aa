package dev.rapport.crm.cases;

import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.cases.SlaPolicy;
import java.util.List;

/**
 * The service-level policies of one tenant. A case gets the first policy, by rank, whose
 * conditions hold, at every change of the case (so a raised priority can move it to a stricter
 * policy), and carries one clock per target ({@link dev.rapport.crm.model.cases.Case#sla()}) with
 * its due time.
 *
 * @since 0.3
 */
public interface SlaService {

    /**
     * Defines a policy. Cases pick it up at their next change.
     *
     * @param definition the policy
     * @return the policy, version 1
     * @throws dev.rapport.crm.model.ValidationException naming every bad field
     */
    SlaPolicy define(NewSlaPolicy definition);

    /**
     * Replaces a policy's definition and, in the same transaction, recomputes the policy and due
     * times of every active case it applied to. The cases are read a page at a time, but the
     * transaction holds all of their changes (and, on a database, their row locks) and the events
     * of the cases it changes until it commits: for a policy with very many active cases,
     * update it when few other changes are made to them, as a concurrent change of one of them
     * fails the update with a {@link dev.rapport.crm.model.ConcurrencyException}.
     *
     * @param id the policy
     * @param expectedVersion the version the caller saw
     * @param definition the new definition
     * @return the policy after the change
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version is not {@code
     *     expectedVersion}
     */
    SlaPolicy update(SlaPolicyId id, long expectedVersion, NewSlaPolicy definition);

    /**
     * @param id a policy id
     * @return the policy
     * @throws dev.rapport.crm.model.NotFoundException if it does not exist in this tenant
     */
    SlaPolicy get(SlaPolicyId id);

    /** @return the tenant's policies, in the order they are tried */
    List<SlaPolicy> list();
}
