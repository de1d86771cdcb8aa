package dev.rapport.benchmarks;

import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Participant;
import dev.rapport.crm.model.activity.SourceRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks a careful developer makes on an interaction before storing it, written plainly: the
 * same limits as Rapport's (body and html at most 1,000,000 characters, subject 1,000, author and
 * outcome 200, thread id 512, at most 100 participants of 1 to 320 characters and 100
 * attachments, no control characters, the source system's pattern and the external id's length,
 * occurredAt from year 1000 to 9999, truncated to microseconds, a customer required). Problems are
 * collected and thrown at once as an {@link IllegalArgumentException}. The command record is
 * Rapport's {@link NewInteraction} used as a plain data carrier (its constructor copies the
 * collections on both sides alike); custom attributes are not supported by the baselines.
 */
final class PlainActivityRules {
    static final int MAX_BODY = 1_000_000;
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Instant MIN = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private PlainActivityRules() {}

    /** The command's fields after the checks. */
    record Checked(
            Instant occurredAt, String subject, String author, String threadId, String outcome, SourceRef source) {}

    /**
     * @param c the command
     * @param now the instant to record when the command has none
     * @return the checked fields
     */
    static Checked check(NewInteraction c, Instant now) {
        List<String> problems = new ArrayList<>();
        if (c.customer() == null) {
            problems.add("customer: is required");
        }
        text(c.body(), "body", MAX_BODY, true, problems);
        text(c.html(), "html", MAX_BODY, true, problems);
        String subject = line(c.subject(), "subject", 1000, problems);
        String author = line(c.author(), "author", 200, problems);
        String outcome = line(c.outcome(), "outcome", 200, problems);
        String thread = text(c.threadId(), "threadId", 512, false, problems);
        if (thread != null && thread.isBlank()) {
            problems.add("threadId: must not be blank");
        }
        if (c.participants().size() > 100) {
            problems.add("participants: at most 100");
        }
        for (Participant p : c.participants()) {
            if (p.address().isEmpty()) {
                problems.add("participants: address must not be blank");
            } else {
                text(p.address(), "participants.address", 320, false, problems);
            }
        }
        if (c.attachments().size() > 100) {
            problems.add("attachments: at most 100");
        }
        for (Attachment a : c.attachments()) {
            text(a.fileName(), "attachments.fileName", 500, false, problems);
            if (a.contentType().isBlank()) {
                problems.add("attachments.contentType: must not be blank");
            }
            text(a.contentType(), "attachments.contentType", 200, false, problems);
            text(a.reference(), "attachments.reference", 2000, false, problems);
        }
        if (c.duration() != null && c.duration().isNegative()) {
            problems.add("duration: must not be negative");
        }
        SourceRef source = c.source();
        if (source != null) {
            if (!SOURCE.matcher(source.source()).matches()) {
                problems.add("source.source: bad system name");
            }
            String id = source.externalId();
            if (id.isEmpty() || id.length() > 512) {
                problems.add("source.externalId: must be 1 to 512 characters");
            } else if (id.codePoints().anyMatch(Character::isISOControl)) {
                problems.add("source.externalId: must not contain control characters");
            }
        }
        Instant at = c.occurredAt() == null ? now : c.occurredAt();
        if (at.isBefore(MIN) || at.isAfter(MAX)) {
            problems.add("occurredAt: must be between the years 1000 and 9999");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (!c.attributes().isEmpty()) {
            throw new UnsupportedOperationException("the baselines keep no custom attributes");
        }
        return new Checked(at.truncatedTo(ChronoUnit.MICROS), subject, author, thread, outcome, source);
    }

    private static String text(String text, String path, int max, boolean multiline, List<String> problems) {
        if (text == null) {
            return null;
        }
        if (text.codePointCount(0, text.length()) > max) {
            problems.add(path + ": too long");
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isISOControl(ch) && !(multiline && (ch == '\n' || ch == '\r' || ch == '\t'))) {
                problems.add(path + ": control character");
                return null;
            }
        }
        return text;
    }

    private static String line(String text, String path, int max, List<String> problems) {
        return text == null || text.isBlank() ? null : text(text.strip(), path, max, false, problems);
    }
}
