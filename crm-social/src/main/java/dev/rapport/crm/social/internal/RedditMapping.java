package dev.rapport.crm.social.internal;

import static dev.rapport.crm.social.internal.Problems.field;
import static dev.rapport.crm.social.internal.Problems.index;
import static dev.rapport.crm.social.internal.Problems.present;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.ParticipantRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps Reddit API things (a {@code Listing}, an array of listings, or one thing) to inbound
 * messages. See {@code RedditParser} for the mapping; this class only walks the tree. Immutable and
 * thread-safe.
 */
public final class RedditMapping {
    /** The platform name used for identities, sources and thread ids. */
    public static final String PLATFORM = "reddit";

    /** Authors Reddit shows for deleted or removed accounts: no one to identify. */
    private static final Set<String> NO_AUTHOR = Set.of("[deleted]", "[removed]");

    /** The post id in a comment's {@code context} permalink, when {@code link_id} is absent (inbox). */
    private static final Pattern CONTEXT_POST = Pattern.compile("/comments/([0-9a-z]{1,20})/");

    private final boolean rawJson;
    private final @Nullable String ownAccount;

    /**
     * @param rawJson whether the payload was fetched with {@code raw_json=1} (strings not escaped)
     * @param ownAccount the business's own account name, or null if not known
     */
    public RedditMapping(boolean rawJson, @Nullable String ownAccount) {
        this.rawJson = rawJson;
        this.ownAccount = ownAccount;
    }

    /**
     * @param root the payload's tree
     * @return the messages, in payload order (a comment before its replies)
     * @throws dev.rapport.crm.model.ValidationException listing every problem
     */
    public List<InboundMessage> map(JsonNode root) {
        Problems problems = new Problems();
        List<InboundMessage> out = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                thing(root.get(i), index("", i), problems, out);
            }
        } else if (root.isObject()) {
            thing(root, "", problems, out);
        } else {
            problems.add(JsonPayload.PATH, "must be a JSON object or array");
        }
        problems.throwIfAny();
        return List.copyOf(out);
    }

    private void thing(JsonNode thing, String path, Problems problems, List<InboundMessage> out) {
        if (!thing.isObject()) {
            problems.add(path.isEmpty() ? JsonPayload.PATH : path, Problems.NOT_OBJECT);
            return;
        }
        String kind = problems.string(thing, "kind", path, true);
        if (kind == null) {
            return;
        }
        boolean known = kind.equals("Listing") || kind.equals("t1") || kind.equals("t4");
        if (!known) {
            // Posts (t3), "more" stubs, accounts, subreddits...: not messages.
            return;
        }
        JsonNode data = problems.object(thing, "data", path, true);
        if (data == null) {
            return;
        }
        String dataPath = field(path, "data");
        switch (kind) {
            case "Listing" -> {
                List<JsonNode> children = problems.array(data, "children", dataPath, true);
                if (children != null) {
                    for (int i = 0; i < children.size(); i++) {
                        thing(children.get(i), index(field(dataPath, "children"), i), problems, out);
                    }
                }
            }
            case "t1" -> add(comment(data, dataPath, problems), out);
            default -> add(message(data, dataPath, problems), out);
        }
        // Replies are a nested Listing, or "" when there are none.
        JsonNode replies = present(data, "replies");
        if (!kind.equals("Listing") && replies != null && replies.isObject()) {
            thing(replies, field(dataPath, "replies"), problems, out);
        }
    }

    private static void add(@Nullable InboundMessage message, List<InboundMessage> out) {
        if (message != null) {
            out.add(message);
        }
    }

    private @Nullable InboundMessage comment(JsonNode data, String path, Problems problems) {
        String name = fullname(data, "t1_", path, problems);
        String author = problems.id(data, "author", path, true);
        String body = problems.string(data, "body", path, true);
        String html = problems.string(data, "body_html", path, false);
        Instant at = problems.epochSeconds(data, "created_utc", path);
        String linkId = problems.id(data, "link_id", path, false);
        if (linkId == null && present(data, "link_id") == null) {
            linkId = postFromContext(data);
            if (linkId == null) {
                problems.add(field(path, "link_id"), Problems.REQUIRED);
            }
        }
        String parent = problems.id(data, "parent_id", path, false);
        String subreddit = problems.id(data, "subreddit", path, false);
        String linkTitle = problems.string(data, "link_title", path, false);
        if (name == null || author == null || body == null || at == null || linkId == null) {
            return null;
        }
        if (NO_AUTHOR.contains(author) || isOwn(author)) {
            // Nobody to identify, or the business's own comment, whose addressee is unknown.
            return null;
        }
        NewInteraction.Builder interaction = NewInteraction.on(Channel.SOCIAL, Direction.INBOUND)
                .occurredAt(at)
                .subject(text(linkTitle))
                .body(text(body))
                .html(text(html))
                .participant(ParticipantRole.FROM, author)
                .thread(PLATFORM + ":" + linkId)
                .source(PLATFORM, name);
        if (subreddit != null) {
            interaction.participant(ParticipantRole.TO, "r/" + subreddit);
        }
        return InboundMessage.from(Identity.social(PLATFORM, author), interaction.build())
                .replyingTo(replyTo(parent));
    }

    private @Nullable InboundMessage message(JsonNode data, String path, Problems problems) {
        String name = fullname(data, "t4_", path, problems);
        String author = problems.id(data, "author", path, true);
        String dest = problems.id(data, "dest", path, true);
        String subject = problems.string(data, "subject", path, true);
        String body = problems.string(data, "body", path, true);
        String html = problems.string(data, "body_html", path, false);
        Instant at = problems.epochSeconds(data, "created_utc", path);
        String first = problems.id(data, "first_message_name", path, false);
        String parent = problems.id(data, "parent_id", path, false);
        if (name == null || author == null || dest == null || subject == null || body == null || at == null) {
            return null;
        }
        boolean outbound = isOwn(author);
        String customer = outbound ? dest : author;
        if (NO_AUTHOR.contains(customer)) {
            return null;
        }
        NewInteraction interaction = NewInteraction.on(
                        Channel.MESSAGING, outbound ? Direction.OUTBOUND : Direction.INBOUND)
                .occurredAt(at)
                .subject(text(subject))
                .body(text(body))
                .html(text(html))
                .participant(ParticipantRole.FROM, author)
                .participant(ParticipantRole.TO, dest)
                .thread(PLATFORM + ":" + (first != null ? first : name))
                .source(PLATFORM, name)
                .build();
        return InboundMessage.from(Identity.social(PLATFORM, customer), interaction)
                .replyingTo(replyTo(parent));
    }

    private static @Nullable String fullname(JsonNode data, String prefix, String path, Problems problems) {
        String name = problems.id(data, "name", path, true);
        if (name != null && (!name.startsWith(prefix) || name.length() == prefix.length())) {
            problems.add(field(path, "name"), "must be a " + prefix + " fullname");
            return null;
        }
        return name;
    }

    private static @Nullable String postFromContext(JsonNode data) {
        JsonNode context = present(data, "context");
        if (context == null || !context.isString()) {
            return null;
        }
        Matcher m = CONTEXT_POST.matcher(context.stringValue());
        return m.find() ? "t3_" + m.group(1) : null;
    }

    private static List<String> replyTo(@Nullable String parent) {
        return parent != null && (parent.startsWith("t1_") || parent.startsWith("t4_")) ? List.of(parent) : List.of();
    }

    private boolean isOwn(String author) {
        String own = ownAccount;
        return own != null && author.toLowerCase(Locale.ROOT).equals(own.toLowerCase(Locale.ROOT));
    }

    private @Nullable String text(@Nullable String value) {
        return value == null || rawJson ? value : unescape(value);
    }

    /**
     * Undoes Reddit's legacy escaping (without {@code raw_json=1}), which replaces {@code &},
     * {@code <} and {@code >} in every string by {@code &amp;}, {@code &lt;} and {@code &gt;}: one
     * pass, so {@code &amp;lt;} becomes {@code &lt;}. Other entities are left as they are.
     *
     * @param value an escaped string
     * @return the string as written
     */
    public static String unescape(String value) {
        int amp = value.indexOf('&');
        if (amp < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        out.append(value, 0, amp);
        int i = amp;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '&') {
                if (value.startsWith("&amp;", i)) {
                    out.append('&');
                    i += 5;
                    continue;
                }
                if (value.startsWith("&lt;", i)) {
                    out.append('<');
                    i += 4;
                    continue;
                }
                if (value.startsWith("&gt;", i)) {
                    out.append('>');
                    i += 4;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }
}
