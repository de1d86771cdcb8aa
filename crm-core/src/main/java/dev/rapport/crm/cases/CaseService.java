package dev.rapport.crm.cases;

import dev.rapport.crm.model.AgentId;
import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.TeamId;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CaseChange;
import dev.rapport.crm.model.cases.CaseStatus;
import dev.rapport.crm.query.Page;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service cases of one tenant. Every command runs in one transaction: it changes the case,
 * appends its history entries and events, or, if anything is refused, changes nothing. Commands
 * other than {@link #update} re-read the case and retry when a concurrent command wins, so their
 * checks always see the stored state; {@link #update} takes the version its caller saw.
 *
 * <p>Interactions reach a case in two ways: linked by hand ({@link #linkInteraction}, {@link
 * NewCase.Builder#interaction}), or automatically when an interaction is recorded or ingested on a
 * thread an active case holds (the newest such case of the same customer takes it). A linked
 * customer message on a {@link CaseStatus#PENDING} case moves it back to {@link CaseStatus#OPEN};
 * on a {@link CaseStatus#SOLVED} case within the tenant's reopen window it reopens the case; the
 * first agent reply moves a {@link CaseStatus#NEW} case to {@link CaseStatus#OPEN}. The facts
 * these replies feed are defined in {@link dev.rapport.crm.model.cases.CaseFacts}.
 *
 * @since 0.3
 */
public interface CaseService {

    /**
     * Opens a case, status {@link CaseStatus#NEW}; emits {@code case.opened}.
     *
     * @param command the case
     * @return the case, version 1
     * @throws dev.rapport.crm.model.ValidationException naming every bad field
     * @throws dev.rapport.crm.model.NotFoundException if the customer or an interaction does not
     *     exist in this tenant
     * @throws dev.rapport.crm.model.ConflictException if an interaction belongs to another customer
     *     or is linked to another case
     */
    Case open(NewCase command);

    /**
     * Opens a new case related to an earlier one that is solved or closed (the way back for a
     * customer whose case can no longer be reopened); both record the relation.
     *
     * @param earlier the earlier case
     * @param command the new case; its customer must be the earlier case's
     * @return the new case
     * @throws dev.rapport.crm.model.ConflictException if the earlier case is still active or
     *     belongs to another customer
     */
    Case followUp(CaseId earlier, NewCase command);

    /**
     * @param id a case id
     * @return the case
     * @throws dev.rapport.crm.model.NotFoundException if it does not exist in this tenant
     */
    Case get(CaseId id);

    /**
     * @param id a case id
     * @return the case, if it exists in this tenant
     */
    Optional<Case> find(CaseId id);

    /**
     * Changes fields other than the status; emits {@code case.changed} unless nothing changed
     * (then the case is returned as it was, same version).
     *
     * @param id the case
     * @param expectedVersion the version the caller saw
     * @param patch the changes
     * @return the case after the change
     * @throws dev.rapport.crm.model.ConcurrencyException if the stored version is not {@code
     *     expectedVersion}
     * @throws dev.rapport.crm.model.ConflictException if the case is closed
     */
    Case update(CaseId id, long expectedVersion, CasePatch patch);

    /**
     * Moves a case to another status (moving {@link CaseStatus#SOLVED} to {@link CaseStatus#OPEN}
     * is a reopen: allowed only within the tenant's reopen window after the solve, and counted);
     * emits {@code case.status-changed} and {@code case.changed}.
     *
     * @param id the case
     * @param target the status to move to
     * @param actor who moves it, for the history, or null
     * @return the case after the move
     * @throws dev.rapport.crm.model.ConflictException naming both statuses if the move is not
     *     legal ({@link CaseStatus}), or if a reopen comes after the window
     */
    Case moveTo(CaseId id, CaseStatus target, @Nullable String actor);

    /**
     * Links an interaction of the case's customer; updates the facts and status as the class
     * description says. Linking one already linked to this case changes nothing.
     *
     * @param id the case
     * @param interaction the interaction
     * @param actor who links it, or null
     * @return the case after the link
     * @throws dev.rapport.crm.model.ConflictException if the case is closed, or the interaction
     *     belongs to another customer (or none) or to another case
     */
    Case linkInteraction(CaseId id, InteractionId interaction, @Nullable String actor);

    /**
     * Relates two cases of the same customer, both ways. Relating related cases changes nothing.
     *
     * @param id a case
     * @param other another case
     * @param actor who relates them, or null
     * @return the first case after the change
     * @throws dev.rapport.crm.model.ConflictException if they are the same case or belong to
     *     different customers
     */
    Case relate(CaseId id, CaseId other, @Nullable String actor);

    /**
     * Merges a duplicate into a surviving case of the same customer: the duplicate's interactions
     * and threads move to the survivor, the duplicate is closed with {@link Case#mergedInto()}
     * set, both keep their history (each records the merge); emits {@code case.merged} for the
     * duplicate. Tags and attributes stay where they were.
     *
     * @param duplicate the case merged away
     * @param survivor the case that remains
     * @param actor who merges, or null
     * @return the survivor after the merge
     * @throws dev.rapport.crm.model.ConflictException if they are the same case, belong to
     *     different customers, or either is closed
     */
    Case merge(CaseId duplicate, CaseId survivor, @Nullable String actor);

    /**
     * @param id a case
     * @param limit 1 to 1,000 entries
     * @param cursor from the previous page, or null for the first
     * @return the case's history, oldest first
     * @throws dev.rapport.crm.model.NotFoundException if the case does not exist in this tenant
     */
    Page<CaseChange> history(CaseId id, int limit, @Nullable String cursor);

    /**
     * Assigns an active case to an agent by hand, whatever the agent's availability and capacity
     * (routing never exceeds capacity; a person may). Assigning to the current assignee changes
     * nothing.
     *
     * @param id the case
     * @param agent the agent
     * @param actor who assigns, or null
     * @return the case after the change
     * @throws dev.rapport.crm.model.NotFoundException if the case or agent does not exist
     * @throws dev.rapport.crm.model.ConflictException if the case is solved or closed
     */
    Case assign(CaseId id, AgentId agent, @Nullable String actor);

    /**
     * Puts an active case in a team's queue (taking it from its assignee, if any) and routes it
     * by the team's policy: assigned if the policy chooses an agent, else left waiting until an
     * agent of the team can take it.
     *
     * @param id the case
     * @param team the team
     * @param actor who routes it, or null
     * @return the case after the change: assigned, or waiting with {@link Case#assignee()} null
     * @throws dev.rapport.crm.model.NotFoundException if the case or team does not exist
     * @throws dev.rapport.crm.model.ConflictException if the case is solved or closed
     */
    Case route(CaseId id, TeamId team, @Nullable String actor);

    /**
     * @param team a team
     * @param limit 1 to 1,000
     * @return the team's waiting cases, soonest due first (cases without a due time last), then
     *     most urgent, then oldest
     */
    java.util.List<Case> waiting(TeamId team, int limit);

    /**
     * @param query the view
     * @return one page of it
     * @throws dev.rapport.crm.model.ValidationException if the limit, statuses or cursor are bad,
     *     or both an assignee and unassigned are asked for
     */
    Page<Case> list(CaseQuery query);

    /**
     * @param query the view; its limit and cursor are ignored
     * @return how many cases it holds, counted by the store
     */
    long count(CaseQuery query);
}
