package dev.rapport.crm.spi;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.SlaPolicyId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import java.util.List;
import java.util.Optional;

/**
 * Service cases and their history, of one tenant. Every method sees the session's own uncommitted
 * writes.
 *
 * <p>Besides the case itself an adapter keeps two lookups current at every write: which case
 * holds each linked interaction ({@link Case#interactions()}), and which cases hold each thread
 * ({@link Case#threads()}).
 *
 * @since 0.3
 */
public interface CaseStore {

    /**
     * @param id a case id
     * @return the case, if it exists in this tenant
     */
    Optional<Case> get(CaseId id);

    /**
     * Stores a new case (version 1).
     *
     * @param value the case
     * @throws dev.rapport.crm.model.ConflictException if a case with its id exists, or one of its
     *     interactions is linked to another case
     */
    void insert(Case value);

    /**
     * Replaces a case, guarded by version as {@link CustomerStore#update} is: {@code
     * after.version()} must be {@code before.version() + 1} and the stored version must still be
     * {@code before.version()}.
     *
     * @param before the case as the engine read it
     * @param after the changed case
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version differs
     * @throws dev.rapport.crm.model.NotFoundException if it no longer exists
     * @throws dev.rapport.crm.model.ConflictException if an interaction it links is linked to
     *     another case
     */
    void update(Case before, Case after);

    /**
     * @param interaction an interaction id
     * @return the case it is linked to, if any
     */
    Optional<Case> findByInteraction(InteractionId interaction);

    /**
     * @param threadId a conversation thread id
     * @return the active cases (neither solved nor closed) holding the thread, newest first by
     *     {@code (createdAt, id)}
     */
    List<Case> findActiveByThread(String threadId);

    /**
     * @param threadId a conversation thread id
     * @return every case holding the thread, newest first by {@code (createdAt, id)}
     */
    List<Case> findByThread(String threadId);

    /**
     * Appends history entries; each {@code (caseId, version, index)} is written once.
     *
     * @param changes the entries, of cases stored in this session
     */
    void appendHistory(List<CaseChange> changes);

    /**
     * @param id a case id
     * @param afterVersion with {@code afterIndex}: only entries after {@code (afterVersion,
     *     afterIndex)} in {@code (version, index)} order; {@code (0, 0)} for all
     * @param afterIndex see {@code afterVersion}
     * @param limit the most entries returned
     * @return the entries, ordered by {@code (version, index)}
     */
    List<CaseChange> history(CaseId id, long afterVersion, int afterIndex, int limit);

    /**
     * @param team a team id
     * @param limit the most cases returned
     * @return the team's waiting cases (active, without an assignee), soonest due first (cases
     *     without a running service-level clock after those with one), then most urgent, then
     *     oldest: by {@code (nextDueAt, priority descending, createdAt, id)}
     */
    List<Case> waiting(TeamId team, int limit);

    /**
     * A page of a queue view, in {@link CaseQueueKey} order.
     *
     * @param filter which cases
     * @param after the key of the last case of the previous page, or null for the first
     * @param limit the most cases returned, at least 1
     * @return the cases
     */
    List<Case> queue(CaseFilter filter, @org.jspecify.annotations.Nullable CaseQueueKey after, int limit);

    /**
     * @param filter which cases
     * @return how many cases it holds, counted by the store
     */
    long count(CaseFilter filter);

    /**
     * One page of the active cases a policy applies to, in the store's order of case ids; the next
     * page starts after the last id of this one, so a caller pages through them all in one
     * transaction, each once, however many there are.
     *
     * @param policy a service-level policy id
     * @param after the last case id of the page before, exclusive; {@code null} for the first page
     * @param limit the most cases returned, at least 1
     * @return the active cases (neither solved nor closed) the policy applies to, by id
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    List<Case> activeWithPolicy(SlaPolicyId policy, @org.jspecify.annotations.Nullable CaseId after, int limit);

    /**
     * Deletes every case of a customer with its history (erasure; called when the customer is
     * deleted, in the same transaction).
     *
     * @param customer a customer id
     * @return the cases deleted, as they were
     */
    List<Case> deleteCustomerCases(CustomerId customer);
}
