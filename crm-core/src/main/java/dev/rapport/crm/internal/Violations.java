package dev.rapport.crm.internal;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Collects violations so that a command reports every problem at once. Not thread-safe. */
public final class Violations {
    private final Set<Violation> found = new LinkedHashSet<>();

    /**
     * @param path the field path
     * @param reason why it was refused
     */
    public void add(String path, String reason) {
        found.add(new Violation(path, reason));
    }

    /** @param e violations of a nested check, merged in */
    public void addAll(ValidationException e) {
        found.addAll(e.violations());
    }

    /** @return true if nothing was refused */
    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws if anything was refused. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ValidationException(new ArrayList<>(found));
        }
    }

    /** @return the violations found so far */
    public List<Violation> list() {
        return List.copyOf(found);
    }
}
