package dev.rapport.crm.events;

import dev.rapport.crm.model.ValidationException;

/**
 * Where a reader of the event log stands: after the event at {@link #position()}. Persist it with
 * {@link #toString()} and restore it with {@link #parse(String)}.
 *
 * @param position the last position read; 0 before the first event
 * @since 0.1
 */
public record EventCursor(long position) {
    /** Checks the position is not negative. */
    public EventCursor {
        if (position < 0) {
            throw ValidationException.of("position", "must not be negative");
        }
    }

    /** @return a cursor before the first event */
    public static EventCursor beginning() {
        return new EventCursor(0);
    }

    /**
     * @param text a cursor as printed by {@link #toString()}
     * @return the cursor
     * @throws ValidationException if the text is not a cursor
     */
    public static EventCursor parse(String text) {
        if (text == null || !text.startsWith("ev:")) {
            throw ValidationException.of("cursor", "not an event cursor");
        }
        try {
            return new EventCursor(Long.parseLong(text.substring(3)));
        } catch (NumberFormatException e) {
            throw ValidationException.of("cursor", "not an event cursor");
        }
    }

    @Override
    public String toString() {
        return "ev:" + position;
    }
}
