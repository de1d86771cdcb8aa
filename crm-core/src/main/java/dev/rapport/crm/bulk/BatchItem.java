package dev.rapport.crm.bulk;

import dev.rapport.crm.model.ValidationException.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One item's result in a bulk write.
 *
 * @param index the item's position in the batch, from 0
 * @param outcome what was done
 * @param value the record written or matched; null when rejected
 * @param problems why it was rejected (field paths and reasons); empty otherwise
 * @param <T> the record type
 * @since 0.2
 */
public record BatchItem<T>(
        int index, BatchOutcome outcome, @Nullable T value, List<Violation> problems) {
    /** Checks presence and copies the problems. */
    public BatchItem {
        Objects.requireNonNull(outcome, "outcome");
        problems = List.copyOf(problems);
    }

    /** @return the record written or matched, empty when rejected */
    public Optional<T> result() {
        return Optional.ofNullable(value);
    }
}
