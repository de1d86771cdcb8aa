package dev.rapport.crm.cases;

import dev.rapport.crm.model.cases.Case;
import java.time.Duration;
import java.util.Objects;

/**
 * A tenant's definition of first contact resolution (FCR): whether a solved case counts as
 * resolved at the first contact. The engine asks it each time a case is solved or reopened and
 * keeps the answer in {@link dev.rapport.crm.model.cases.CaseFacts#firstContactResolution()}, so a
 * changed policy applies to cases solved after the change. Set it with {@link
 * dev.rapport.crm.TenantSettings#withFirstContactResolution(FirstContactResolution)}.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface FirstContactResolution {

    /**
     * The default: solved with at most one agent reply and never reopened. Zero replies count,
     * since a request settled during the first contact itself (a call, a visit) leaves no
     * written reply.
     */
    FirstContactResolution ONE_AGENT_REPLY =
            c -> c.facts().agentReplies() <= 1 && c.facts().reopenCount() == 0;

    /**
     * @param limit how soon after opening it must be solved
     * @return a policy: solved within {@code limit} of opening, with at most one agent reply, and
     *     never reopened
     */
    static FirstContactResolution solvedWithin(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        return c -> ONE_AGENT_REPLY.test(c)
                && c.resolutionTime().map(t -> t.compareTo(limit) <= 0).orElse(false);
    }

    /**
     * @param solved a case being solved: status {@code SOLVED}, its facts up to date
     * @return whether it counts as resolved at first contact
     */
    boolean test(Case solved);
}
