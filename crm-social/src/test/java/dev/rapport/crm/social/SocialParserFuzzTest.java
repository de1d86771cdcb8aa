package dev.rapport.crm.social;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.model.IdentityKind;
import dev.rapport.crm.model.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Coverage-guided fuzzing of both parsers. The contract: for any bytes, {@code parse} returns
 * well-formed messages or throws a {@link ValidationException}; nothing else comes out.
 *
 * <p>A plain build runs each target on its seed corpus ({@code SocialParserFuzzTestInputs/<target>}
 * in the test resources: the sample payloads and a few edge cases). To fuzz for real: {@code
 * JAZZER_FUZZ=1 ./mvnw -o -pl crm-social test -Dtest='SocialParserFuzzTest#<target>'}; findings
 * land in that folder and are replayed by every later build.
 */
class SocialParserFuzzTest {
    private static final MessengerWebhookParser MESSENGER = MessengerWebhookParser.create();
    private static final RedditParser REDDIT =
            RedditParser.builder().ownAccount("RapportBikes").build();
    private static final JsonNode MESSENGER_SAMPLE = Samples.tree("messenger-webhook.json");
    private static final JsonNode REDDIT_INBOX = Samples.tree("reddit-inbox.json");
    private static final JsonNode REDDIT_COMMENTS = Samples.tree("reddit-comments.json");

    @FuzzTest(maxDuration = "30s")
    void messenger_parseReturnsOrRefusesWithValidationException(byte[] payload) {
        check(MESSENGER, payload);
    }

    @FuzzTest(maxDuration = "30s")
    void reddit_parseReturnsOrRefusesWithValidationException(byte[] payload) {
        check(REDDIT, payload);
    }

    /** Edits of a valid webhook reach the checks deep in the tree, which random bytes rarely do. */
    @FuzzTest(maxDuration = "30s")
    void messenger_editedSampleReturnsOrRefusesWithValidationException(FuzzedDataProvider data) {
        check(MESSENGER, edit(MESSENGER_SAMPLE, data));
    }

    @FuzzTest(maxDuration = "30s")
    void reddit_editedSampleReturnsOrRefusesWithValidationException(FuzzedDataProvider data) {
        check(REDDIT, edit(data.consumeBoolean() ? REDDIT_INBOX : REDDIT_COMMENTS, data));
    }

    private static void check(SocialPayloadParser parser, byte[] payload) {
        List<InboundMessage> messages;
        try {
            messages = parser.parse(payload);
        } catch (ValidationException refused) {
            assertThat(refused.violations()).isNotEmpty();
            return;
        }
        for (InboundMessage m : messages) {
            assertThat(m.sender().kind()).isEqualTo(IdentityKind.SOCIAL);
            assertThat(m.sender().value()).isNotBlank();
            assertThat(m.interaction().source()).isNotNull();
            assertThat(m.interaction().threadId()).isNotBlank().hasSizeLessThanOrEqualTo(512);
            assertThat(m.interaction().occurredAt()).isNotNull();
            assertThat(m.interaction().participants()).isNotEmpty();
        }
    }

    private static byte[] edit(JsonNode sample, FuzzedDataProvider data) {
        JsonNode copy = sample.deepCopy();
        List<JsonNode> containers = new ArrayList<>();
        collect(copy, containers);
        int edits = data.consumeInt(1, 6);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            JsonNode target = containers.get(data.consumeInt(0, containers.size() - 1));
            JsonNode value = value(data, 0);
            if (target instanceof ObjectNode o && !o.isEmpty()) {
                List<String> names = new ArrayList<>(o.propertyNames());
                String name = data.pickValue(names);
                switch (data.consumeInt(0, 2)) {
                    case 0 -> o.remove(name);
                    case 1 -> o.set(name, value);
                    default -> o.set(data.consumeString(12), value);
                }
            } else if (target instanceof ArrayNode a && !a.isEmpty()) {
                int index = data.consumeInt(0, a.size() - 1);
                if (data.consumeBoolean()) {
                    a.remove(index);
                } else {
                    a.set(index, value);
                }
            }
        }
        return Samples.JSON.writeValueAsBytes(copy);
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainer()) {
            containers.add(node);
        }
        if (node instanceof ObjectNode o) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                collect(e.getValue(), containers);
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode element : a) {
                collect(element, containers);
            }
        }
    }

    private static JsonNode value(FuzzedDataProvider data, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (data.consumeInt(0, depth > 3 ? 5 : 7)) {
            case 0 -> f.stringNode(data.consumeString(300));
            case 1 -> f.numberNode(data.consumeLong());
            case 2 -> f.numberNode(data.consumeDouble());
            case 3 -> f.booleanNode(data.consumeBoolean());
            case 4 -> f.nullNode();
            case 5 -> f.stringNode(data.pickValue(List.of("t1_a", "t4_b", "t3_c", "Listing", "t1", "t4", "page")));
            case 6 -> {
                ObjectNode o = f.objectNode();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    o.set(
                            data.pickValue(List.of("id", "mid", "kind", "data", "children", "type", "payload", "x")),
                            value(data, depth + 1));
                }
                yield o;
            }
            default -> {
                ArrayNode a = f.arrayNode();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    a.add(value(data, depth + 1));
                }
                yield a;
            }
        };
    }
}
