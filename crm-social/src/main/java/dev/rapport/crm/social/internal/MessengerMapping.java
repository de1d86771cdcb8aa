package dev.rapport.crm.social.internal;

import static dev.rapport.crm.social.internal.Problems.field;
import static dev.rapport.crm.social.internal.Problems.index;
import static dev.rapport.crm.social.internal.Problems.present;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.ParticipantRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps a Messenger Platform webhook body ({@code {"object":"page","entry":[...]}}) to inbound
 * messages. See {@code MessengerWebhookParser} for the mapping; this class only walks the tree.
 * Stateless and thread-safe.
 */
public final class MessengerMapping {
    /** The platform name used for identities, sources and thread ids. */
    public static final String PLATFORM = "facebook";

    /** The event lists of an entry that carry conversation events: the app's own and standby. */
    private static final List<String> EVENT_LISTS = List.of("messaging", "standby");

    private final boolean includeEchoes;

    /** @param includeEchoes whether messages sent by the page (echoes) are returned */
    public MessengerMapping(boolean includeEchoes) {
        this.includeEchoes = includeEchoes;
    }

    /**
     * @param root the payload's tree
     * @return the messages, in payload order
     * @throws dev.rapport.crm.model.ValidationException listing every problem
     */
    public List<InboundMessage> map(JsonNode root) {
        Problems problems = new Problems();
        List<InboundMessage> out = new ArrayList<>();
        if (!root.isObject()) {
            problems.add(JsonPayload.PATH, "must be a JSON object");
            problems.throwIfAny();
        }
        String object = problems.string(root, "object", "", true);
        if (object != null && !object.equals("page")) {
            problems.add("object", "must be \"page\"");
        }
        List<JsonNode> entries = problems.array(root, "entry", "", true);
        if (entries != null) {
            for (int i = 0; i < entries.size(); i++) {
                entry(entries.get(i), index("entry", i), problems, out);
            }
        }
        problems.throwIfAny();
        return List.copyOf(out);
    }

    private void entry(JsonNode entry, String path, Problems problems, List<InboundMessage> out) {
        if (!entry.isObject()) {
            problems.add(path, Problems.NOT_OBJECT);
            return;
        }
        String pageId = problems.id(entry, "id", path, true);
        for (String list : EVENT_LISTS) {
            List<JsonNode> events = problems.array(entry, list, path, false);
            if (events == null) {
                continue;
            }
            for (int j = 0; j < events.size(); j++) {
                InboundMessage message = event(events.get(j), pageId, index(field(path, list), j), problems);
                if (message != null) {
                    out.add(message);
                }
            }
        }
    }

    private @Nullable InboundMessage event(JsonNode event, @Nullable String pageId, String path, Problems problems) {
        if (!event.isObject()) {
            problems.add(path, Problems.NOT_OBJECT);
            return null;
        }
        JsonNode message = problems.object(event, "message", path, false);
        JsonNode postback = message == null ? problems.object(event, "postback", path, false) : null;
        if (message == null && postback == null) {
            // Deliveries, reads, reactions, opt-ins, referrals, edits...: no message to record.
            return null;
        }
        JsonNode sender = problems.object(event, "sender", path, true);
        if (sender != null && present(sender, "id") == null && present(sender, "user_ref") != null) {
            // A person known only by a plugin's user_ref has no page-scoped id to identify them by.
            return null;
        }
        String senderId = sender == null ? null : problems.id(sender, "id", field(path, "sender"), true);
        JsonNode recipient = problems.object(event, "recipient", path, true);
        String recipientId = recipient == null ? null : problems.id(recipient, "id", field(path, "recipient"), true);
        Instant at = problems.epochMillis(event, "timestamp", path);

        String base = field(path, message != null ? "message" : "postback");
        JsonNode body = message != null ? message : postback;
        Boolean echo = problems.flag(body, "is_echo", base);
        String mid = problems.id(body, "mid", base, message != null);
        String text = problems.string(body, message != null ? "text" : "title", base, false);
        List<Attachment> attachments = message != null ? attachments(message, base, problems) : List.of();
        String replyTo = null;
        if (message != null) {
            JsonNode reply = problems.object(message, "reply_to", base, false);
            if (reply != null) {
                replyTo = problems.id(reply, "mid", field(base, "reply_to"), true);
            }
        }

        if (pageId == null
                || senderId == null
                || recipientId == null
                || at == null
                || echo == null
                || (message != null && mid == null)
                || attachments == null) {
            return null;
        }
        if (echo && !includeEchoes) {
            return null;
        }
        String customer = echo ? recipientId : senderId;
        String externalId = mid != null ? mid : "postback:" + customer + ":" + at.toEpochMilli();
        NewInteraction.Builder interaction = NewInteraction.on(
                        Channel.MESSAGING, echo ? Direction.OUTBOUND : Direction.INBOUND)
                .occurredAt(at)
                .body(text)
                .participant(ParticipantRole.FROM, senderId)
                .participant(ParticipantRole.TO, recipientId)
                .thread(PLATFORM + ":" + pageId + ":" + customer)
                .source(PLATFORM, externalId);
        attachments.forEach(interaction::attachment);
        return InboundMessage.from(Identity.social(PLATFORM, customer), interaction.build())
                .replyingTo(replyTo == null ? List.of() : List.of(replyTo));
    }

    /** @return the attachments, or null if any was refused */
    private static @Nullable List<Attachment> attachments(JsonNode message, String base, Problems problems) {
        List<JsonNode> nodes = problems.array(message, "attachments", base, false);
        if (nodes == null) {
            return present(message, "attachments") == null ? List.of() : null;
        }
        List<Attachment> out = new ArrayList<>();
        boolean ok = true;
        for (int k = 0; k < nodes.size(); k++) {
            String path = index(field(base, "attachments"), k);
            JsonNode node = nodes.get(k);
            if (!node.isObject()) {
                problems.add(path, Problems.NOT_OBJECT);
                ok = false;
                continue;
            }
            String type = problems.id(node, "type", path, true);
            JsonNode payload = problems.object(node, "payload", path, false);
            String url = payload == null ? null : problems.string(payload, "url", field(path, "payload"), false);
            if (type == null || (present(node, "payload") != null && payload == null)) {
                ok = false;
                continue;
            }
            out.add(new Attachment(null, contentType(type), -1, url == null || url.isBlank() ? null : url));
        }
        return ok ? out : null;
    }

    /**
     * The platform names only the kind of an attachment, so the type is a media range or a generic
     * one: {@code image/*}, {@code video/*}, {@code audio/*}, {@code text/uri-list} for a shared
     * link ({@code fallback}), {@code application/octet-stream} for files and anything else.
     *
     * @param type the platform's attachment type
     * @return the content type recorded
     */
    public static String contentType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "image", "sticker" -> "image/*";
            case "video", "reel", "ig_reel" -> "video/*";
            case "audio" -> "audio/*";
            case "fallback" -> "text/uri-list";
            default -> "application/octet-stream";
        };
    }
}
