package dev.rapport.crm.spi;

import dev.rapport.crm.model.CaseId;
import dev.rapport.crm.model.cases.Case;
import dev.rapport.crm.model.cases.CasePriority;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A case's place in a queue view: soonest due first ({@link #NO_DUE} for cases without a running
 * service-level clock, so they come last), then most urgent ({@code urgency} 0 for urgent up to 3
 * for low), then oldest, then by id. Every component ascends, so a keyset continues strictly after
 * a key in this order.
 *
 * @param due the case's {@link Case#nextDueAt()}, or {@link #NO_DUE}
 * @param urgency {@code 3 - priority.ordinal()}
 * @param createdAt when the case was opened
 * @param id the case's id
 * @since 0.3
 */
public record CaseQueueKey(Instant due, int urgency, Instant createdAt, CaseId id) implements Comparable<CaseQueueKey> {

    /** The due time of cases without one: the last instant every store keeps. */
    public static final Instant NO_DUE = Instant.parse("9999-12-31T23:59:59Z");

    private static final Comparator<CaseQueueKey> ORDER = Comparator.comparing(CaseQueueKey::due)
            .thenComparingInt(CaseQueueKey::urgency)
            .thenComparing(CaseQueueKey::createdAt)
            .thenComparing(CaseQueueKey::id);

    /** Checks presence. */
    public CaseQueueKey {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    /**
     * @param c a case
     * @return its key
     */
    public static CaseQueueKey of(Case c) {
        return new CaseQueueKey(c.nextDueAt().orElse(NO_DUE), urgency(c.priority()), c.createdAt(), c.id());
    }

    /**
     * @param p a priority
     * @return its urgency rank, 0 for urgent
     */
    public static int urgency(CasePriority p) {
        return CasePriority.URGENT.ordinal() - p.ordinal();
    }

    @Override
    public int compareTo(CaseQueueKey o) {
        return ORDER.compare(this, o);
    }
}
