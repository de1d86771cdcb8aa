package dev.rapport.crm.model.cases;

import dev.rapport.crm.model.CaseId;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a case's history: one field changed by one command. A command that changes several
 * fields writes several entries with the same {@link #version()}, numbered by {@link #index()};
 * history is ordered by {@code (version, index)}.
 *
 * <p>Fields: {@code opened} (to: the subject), {@code status}, {@code priority}, {@code subject},
 * {@code description}, {@code category}, {@code tags} (from: the tag removed, or to: the tag
 * added), {@code attributes.<key>}, {@code interactions} (to: the interaction linked; from: one
 * moved away by a merge), {@code related} (to: the case related), {@code mergedInto} (on the
 * duplicate, to: the survivor) and {@code mergedFrom} (on the survivor, to: the duplicate). Values
 * are their plain text forms; the description and attributes are recorded as changed without their
 * values, so history holds no more personal data than the case.
 *
 * @param caseId the case
 * @param version the case's version the change produced
 * @param index the change's place among those of that version, from 0
 * @param at when it happened
 * @param actor who made it (an agent id or name, or {@code system}), if the command said
 * @param field the field
 * @param from the value before, if it had one
 * @param to the value after, if it has one
 * @since 0.3
 */
public record CaseChange(
        CaseId caseId,
        long version,
        int index,
        Instant at,
        @Nullable String actor,
        String field,
        @Nullable String from,
        @Nullable String to) {
    /** Checks presence. */
    public CaseChange {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(field, "field");
        if (version < 1 || index < 0) {
            throw new IllegalArgumentException("version must be positive and index not negative");
        }
    }
}
