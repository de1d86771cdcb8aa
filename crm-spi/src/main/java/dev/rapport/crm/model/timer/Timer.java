package dev.rapport.crm.model.timer;

import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.TimerId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A durable timer: work of a {@link #kind()} that falls due at {@link #dueAt()} in one tenant,
 * identified within the tenant by its {@link #key()}. Scheduling a key that is already held
 * replaces that timer whole (so a case whose priority changes moves its breach timer by scheduling
 * the same key again), and cancelling works by key.
 *
 * <p>The engine fires a timer by running the handler registered for its kind, in one transaction
 * with the timer's removal; see {@link dev.rapport.crm.spi.TimerQueue} for the protocol.
 *
 * @param id this scheduling's id; scheduling the key again gives the timer a new one
 * @param tenantId the tenant
 * @param kind names the handler that fires it, such as {@code case.sla.breach}: 1 to {@value
 *     #MAX_KIND_LENGTH} characters, lower-case letters and digits in words separated by {@code .},
 *     {@code _} or {@code -}, starting with a letter
 * @param key unique within the tenant, such as {@code case:0190f3c1-...:breach}: 1 to {@value
 *     #MAX_KEY_LENGTH} characters, no control characters, matched exactly. Keys are stored and
 *     indexed but never logged; still, prefer ids to personal data in them
 * @param dueAt when it falls due; kept to the microsecond (truncated here), between {@link
 *     #EARLIEST} and {@link #LATEST}
 * @param payload what the handler needs beyond the key (often JSON); at most {@value
 *     #MAX_PAYLOAD_LENGTH} characters, empty if nothing
 * @param attempts how many times the timer has been claimed for firing: 0 until the first claim,
 *     then one more per claim, including claims whose instance died before finishing
 * @param parkedAt when the engine gave up on it after its last allowed attempt, or null while it is
 *     live; a parked timer is never claimed again until its key is scheduled anew
 * @since 0.3
 */
public record Timer(
        TimerId id,
        TenantId tenantId,
        String kind,
        String key,
        Instant dueAt,
        String payload,
        int attempts,
        @Nullable Instant parkedAt) {

    /** The longest kind, in characters. */
    public static final int MAX_KIND_LENGTH = 100;

    /** The longest key, in characters. */
    public static final int MAX_KEY_LENGTH = 200;

    /** The longest payload, in characters. */
    public static final int MAX_PAYLOAD_LENGTH = 4000;

    /** The earliest due instant accepted. */
    public static final Instant EARLIEST = Instant.EPOCH;

    /** The latest due instant accepted (what every supported database can hold). */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*");

    /**
     * Checks every field and truncates the instants to microseconds.
     *
     * @throws ValidationException listing every bad field
     */
    public Timer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(payload, "payload");
        dueAt = dueAt.truncatedTo(ChronoUnit.MICROS);
        parkedAt = parkedAt == null ? null : parkedAt.truncatedTo(ChronoUnit.MICROS);
        List<Violation> problems = new ArrayList<>();
        if (!isKind(kind)) {
            problems.add(new Violation(
                    "kind",
                    "must be 1 to " + MAX_KIND_LENGTH
                            + " characters of lower-case words (a-z, 0-9) separated by '.', '_' or '-'"));
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(Character::isISOControl)) {
            problems.add(
                    new Violation("key", "must be 1 to " + MAX_KEY_LENGTH + " characters without control characters"));
        }
        if (dueAt.isBefore(EARLIEST) || dueAt.isAfter(LATEST)) {
            problems.add(new Violation("dueAt", "must be between " + EARLIEST + " and " + LATEST));
        }
        if (payload.length() > MAX_PAYLOAD_LENGTH) {
            problems.add(new Violation("payload", "must be at most " + MAX_PAYLOAD_LENGTH + " characters"));
        }
        if (attempts < 0) {
            problems.add(new Violation("attempts", "must not be negative"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /**
     * A timer as it is scheduled: never attempted, not parked.
     *
     * @param id a new id
     * @param tenant the tenant
     * @param kind the handler's kind
     * @param key the key, unique within the tenant
     * @param dueAt when it falls due
     * @param payload what the handler needs, or the empty string
     * @return the timer
     * @throws ValidationException listing every bad field
     */
    public static Timer scheduled(TimerId id, TenantId tenant, String kind, String key, Instant dueAt, String payload) {
        return new Timer(id, tenant, kind, key, dueAt, payload, 0, null);
    }

    /**
     * @param text a candidate kind
     * @return true if it is a well-formed kind (see {@link #kind()})
     */
    public static boolean isKind(String text) {
        return text.length() <= MAX_KIND_LENGTH && KIND.matcher(text).matches();
    }

    /** @return true if the engine gave up on it ({@link #parkedAt()} is set) */
    public boolean isParked() {
        return parkedAt != null;
    }

    /**
     * @param count the number of attempts
     * @return a copy with that attempt count
     */
    public Timer withAttempts(int count) {
        return new Timer(id, tenantId, kind, key, dueAt, payload, count, parkedAt);
    }

    /**
     * @param at when it was parked, or null to unpark
     * @return a copy parked at that instant
     */
    public Timer withParkedAt(@Nullable Instant at) {
        return new Timer(id, tenantId, kind, key, dueAt, payload, attempts, at);
    }

    /** Prints the ids, the kind, the due instant and the attempts; never the key or the payload. */
    @Override
    public String toString() {
        return "Timer[id=" + id + ", tenant=" + tenantId + ", kind=" + kind + ", dueAt=" + dueAt + ", attempts="
                + attempts + (parkedAt == null ? "" : ", parkedAt=" + parkedAt) + "]";
    }
}
