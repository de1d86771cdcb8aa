package dev.rapport.crm.internal;

import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.activity.TimelineKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks shared by the activity commands (interactions, orders, reversals) and their cursors. */
public final class ActivityRules {
    /** The earliest instant an activity may have occurred at (every supported database holds it). */
    public static final Instant MIN_INSTANT = Instant.parse("1000-01-01T00:00:00Z");

    /** The latest instant an activity may have occurred at. */
    public static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** The longest external id of a source reference. */
    public static final int MAX_EXTERNAL_ID = SourceRef.MAX_EXTERNAL_ID;

    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_CURSOR = 200;
    private static final String CURSOR_PREFIX = "a1:";

    private ActivityRules() {}

    /**
     * Checks an optional text: at most {@code max} code points, no control characters other than
     * tab, line feed and carriage return when {@code multiline}.
     *
     * @return the text, or null if absent or refused
     */
    public static @Nullable String text(@Nullable String text, String path, int max, boolean multiline, Violations v) {
        if (text == null) {
            return null;
        }
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            v.add(path, "must be at most " + max + " characters, was " + length);
            return null;
        }
        if (hasControl(text, multiline)) {
            v.add(
                    path,
                    multiline
                            ? "must not contain control characters other than tab and line breaks"
                            : "must not contain control characters");
            return null;
        }
        return text;
    }

    /**
     * Whether the text holds a control character (other than tab, line feed and carriage return if
     * {@code multiline}). Every control character is in the Basic Multilingual Plane and no
     * surrogate is one, so looking at each {@code char} is looking at each code point.
     */
    private static boolean hasControl(String text, boolean multiline) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks an optional single-line text and treats blank as absent.
     *
     * @return the trimmed text, or null if absent, blank or refused
     */
    public static @Nullable String line(@Nullable String text, String path, int max, Violations v) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text(text.strip(), path, max, false, v);
    }

    /**
     * Checks a source reference.
     *
     * @return the reference, or null if absent or refused
     */
    public static @Nullable SourceRef source(@Nullable SourceRef ref, String path, Violations v) {
        if (ref == null) {
            return null;
        }
        boolean ok = true;
        if (!SOURCE.matcher(ref.source()).matches()) {
            v.add(path + ".source", "must be 1-64 of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
            ok = false;
        }
        String id = ref.externalId();
        if (id.isEmpty() || id.length() > MAX_EXTERNAL_ID) {
            v.add(path + ".externalId", "must be 1 to " + MAX_EXTERNAL_ID + " characters");
            ok = false;
        } else if (hasControl(id, false)) {
            v.add(path + ".externalId", "must not contain control characters");
            ok = false;
        } else if (!SourceRef.isExternalId(id)) {
            // Length and control characters are checked above: what is left is an unpaired
            // surrogate, which UTF-8 cannot encode, so two such ids could be stored as one.
            v.add(path + ".externalId", "must not contain unpaired surrogates (it is not Unicode text)");
            ok = false;
        }
        return ok ? ref : null;
    }

    /**
     * Checks an optional instant and truncates it to microseconds (what every store keeps).
     *
     * @param at the instant, or null for {@code fallback}
     * @param fallback the command's own instant
     * @return the instant to record
     */
    public static Instant occurredAt(@Nullable Instant at, Instant fallback, String path, Violations v) {
        if (at == null) {
            return fallback;
        }
        if (at.isBefore(MIN_INSTANT) || at.isAfter(MAX_INSTANT)) {
            v.add(path, "must be between the years 1000 and 9999");
            return fallback;
        }
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Checks a page size.
     *
     * @param limit the page size
     * @param max the largest allowed
     */
    public static void limit(int limit, int max, Violations v) {
        if (limit < 1 || limit > max) {
            v.add("limit", "must be between 1 and " + max);
        }
    }

    /**
     * @param key the last position of a page
     * @return the opaque cursor continuing after it
     */
    public static String encodeCursor(TimelineKey key) {
        String plain = CURSOR_PREFIX + key.occurredAt().getEpochSecond() + ":"
                + key.occurredAt().getNano() + ":" + key.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param cursor a cursor from {@link #encodeCursor}, or null
     * @return its position, or null for none
     * @throws ValidationException (path {@code cursor}) if it is malformed
     */
    public static @Nullable TimelineKey decodeCursor(@Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            if (cursor.length() > MAX_CURSOR) {
                throw bad();
            }
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!plain.startsWith(CURSOR_PREFIX)) {
                throw bad();
            }
            String[] parts = plain.substring(CURSOR_PREFIX.length()).split(":", -1);
            if (parts.length != 3 || parts[2].length() != 36) {
                throw bad();
            }
            long seconds = Long.parseLong(parts[0]);
            int nanos = Integer.parseInt(parts[1]);
            if (nanos < 0 || nanos > 999_999_999) {
                throw bad();
            }
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            UUID id = UUID.fromString(parts[2]);
            if (!id.toString().equals(parts[2])) {
                throw bad();
            }
            return new TimelineKey(at, id);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw bad();
        }
    }

    private static ValidationException bad() {
        return ValidationException.of("cursor", "is not a cursor of this listing");
    }
}
