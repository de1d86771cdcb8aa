package dev.rapport.crm.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input was refused. Lists every offending field path with its reason; nothing was written.
 *
 * @since 0.1
 */
public final class ValidationException extends CrmException {
    private static final long serialVersionUID = 1L;

    /**
     * One refused field.
     *
     * @param path the field path, such as {@code email} or {@code attributes.tier}
     * @param reason why it was refused, without echoing personal data
     */
    public record Violation(String path, String reason) {
        /** Checks that both parts are present. */
        public Violation {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    private final transient List<Violation> violations;

    /**
     * @param violations every refused field; at least one
     */
    public ValidationException(List<Violation> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    /**
     * A single violation.
     *
     * @param path the field path
     * @param reason why it was refused
     * @return the exception, to throw
     */
    public static ValidationException of(String path, String reason) {
        return new ValidationException(List.of(new Violation(path, reason)));
    }

    /** @return every refused field, in the order found */
    public List<Violation> violations() {
        return violations;
    }

    private static String message(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        return "invalid input: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
