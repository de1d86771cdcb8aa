package dev.rapport.crm.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.Identity;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.ParticipantRole;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class MessengerWebhookParserTest {
    private static final String PAGE = "104857600000001";
    private static final String ZOE = "7001002003004005";
    private static final String KENJI = "8111222333444555";
    private static final String SAMPLE = Samples.text("messenger-webhook.json");
    private static final JsonNode TREE = Samples.tree("messenger-webhook.json");

    private final MessengerWebhookParser parser = MessengerWebhookParser.create();

    private static InboundMessage expected(
            String customer, Direction direction, NewInteraction.Builder interaction, List<String> replyTo) {
        return InboundMessage.from(Identity.social("facebook", customer), interaction.build())
                .replyingTo(replyTo);
    }

    private static NewInteraction.Builder inbound(String psid, long millis, String mid) {
        return NewInteraction.on(Channel.MESSAGING, Direction.INBOUND)
                .occurredAt(Instant.ofEpochMilli(millis))
                .participant(ParticipantRole.FROM, psid)
                .participant(ParticipantRole.TO, PAGE)
                .thread("facebook:" + PAGE + ":" + psid)
                .source("facebook", mid);
    }

    @Nested
    class Mapping {
        @Test
        void sample_mapsMessagesAttachmentsEchoAndPostback_skipsReceiptsAndReactions() {
            List<InboundMessage> messages = parser.parse(SAMPLE);

            assertThat(messages)
                    .containsExactly(
                            expected(
                                    ZOE,
                                    Direction.INBOUND,
                                    inbound(ZOE, 1764583200000L, "m_AbC123xYz-first")
                                            .body("Hallo! Ist meine Bestellung schon unterwegs? 📦🚚 Grüße, Zoë"),
                                    List.of()),
                            expected(
                                    ZOE,
                                    Direction.INBOUND,
                                    inbound(ZOE, 1764583261500L, "m_AbC123xYz-photos")
                                            .attachment(new Attachment(
                                                    null,
                                                    "image/*",
                                                    -1,
                                                    "https://scontent.example.net/v/photo1.jpg?oh=1&oe=2"))
                                            .attachment(new Attachment(
                                                    null, "text/uri-list", -1, "https://shop.example.com/orders/42"))
                                            .attachment(new Attachment(
                                                    null,
                                                    "application/octet-stream",
                                                    -1,
                                                    "https://cdn.example.net/invoice.pdf")),
                                    List.of()),
                            expected(
                                    ZOE,
                                    Direction.OUTBOUND,
                                    NewInteraction.on(Channel.MESSAGING, Direction.OUTBOUND)
                                            .occurredAt(Instant.ofEpochMilli(1764583322000L))
                                            .body("Ja, sie kommt morgen an. 😊")
                                            .participant(ParticipantRole.FROM, PAGE)
                                            .participant(ParticipantRole.TO, ZOE)
                                            .thread("facebook:" + PAGE + ":" + ZOE)
                                            .source("facebook", "m_PageReply-01"),
                                    List.of("m_AbC123xYz-first")),
                            expected(
                                    KENJI,
                                    Direction.INBOUND,
                                    inbound(KENJI, 1764586800250L, "m_Postback-77")
                                            .body("Talk to an agent"),
                                    List.of()),
                            expected(
                                    KENJI,
                                    Direction.INBOUND,
                                    inbound(KENJI, 1764586860000L, "m_Reply-to-page")
                                            .body("日本語でも大丈夫ですか？"),
                                    List.of("m_PageReply-01")));
        }

        @Test
        void echo_isOutboundWithTheRecipientAsTheCustomer() {
            InboundMessage echo = parser.parse(SAMPLE).get(2);

            assertThat(echo.interaction().direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(echo.sender()).isEqualTo(Identity.social("facebook", ZOE));
            assertThat(echo.interaction().threadId())
                    .isEqualTo(parser.parse(SAMPLE).get(0).interaction().threadId());
        }

        @Test
        void includeEchoesFalse_leavesEchoesOut() {
            List<InboundMessage> messages = MessengerWebhookParser.builder()
                    .includeEchoes(false)
                    .build()
                    .parse(SAMPLE);

            assertThat(messages)
                    .extracting(m -> m.interaction().source().externalId())
                    .containsExactly("m_AbC123xYz-first", "m_AbC123xYz-photos", "m_Postback-77", "m_Reply-to-page");
        }

        @Test
        void stringBytesAndStream_giveTheSameResult() {
            byte[] bytes = SAMPLE.getBytes(StandardCharsets.UTF_8);
            List<InboundMessage> fromString = parser.parse(SAMPLE);

            assertThat(parser.parse(bytes)).isEqualTo(fromString);
            assertThat(parser.parse(new ByteArrayInputStream(bytes))).isEqualTo(fromString);
        }

        @Test
        void standbyEvents_areMappedLikeMessagingEvents() {
            String json = """
                    {"object":"page","entry":[{"id":"1","time":5,"standby":[
                      {"sender":{"id":"2"},"recipient":{"id":"1"},"timestamp":1000,"message":{"mid":"m_s","text":"hi"}}]}]}
                    """;

            assertThat(parser.parse(json)).singleElement().satisfies(m -> assertThat(
                            m.interaction().source().externalId())
                    .isEqualTo("m_s"));
        }

        @Test
        void postbackWithoutMid_getsAStableSourceFromPsidAndTimestamp() {
            String json = """
                    {"object":"page","entry":[{"id":"1","messaging":[
                      {"sender":{"id":"2"},"recipient":{"id":"1"},"timestamp":1458692752478,
                       "postback":{"payload":"USER_DEFINED_PAYLOAD"}}]}]}
                    """;

            InboundMessage m = parser.parse(json).get(0);

            assertThat(m.interaction().source().externalId()).isEqualTo("postback:2:1458692752478");
            assertThat(m.interaction().body()).isEmpty();
        }

        @Test
        void senderKnownOnlyByUserRef_isSkipped() {
            String json = """
                    {"object":"page","entry":[{"id":"1","messaging":[
                      {"sender":{"user_ref":"ref-1"},"recipient":{"id":"1"},"timestamp":1,"postback":{"mid":"m_1"}}]}]}
                    """;

            assertThat(parser.parse(json)).isEmpty();
        }

        @Test
        void attachmentWithoutPayload_isRecordedWithoutReference() {
            String json = """
                    {"object":"page","entry":[{"id":"1","messaging":[
                      {"sender":{"id":"2"},"recipient":{"id":"1"},"timestamp":1,
                       "message":{"mid":"m_1","attachments":[{"type":"fallback"},{"type":"video","payload":{"url":""}}]}}]}]}
                    """;

            assertThat(parser.parse(json).get(0).interaction().attachments())
                    .containsExactly(
                            new Attachment(null, "text/uri-list", -1, null), new Attachment(null, "video/*", -1, null));
        }

        @Test
        void noEntriesOrOnlyReceipts_giveNoMessages() {
            assertThat(parser.parse("{\"object\":\"page\",\"entry\":[]}")).isEmpty();
            assertThat(parser.parse("{\"object\":\"page\",\"entry\":[{\"id\":\"1\"}]}"))
                    .isEmpty();
        }

        @Test
        void unknownFields_anywhere_areIgnored() {
            List<InboundMessage> expected = parser.parse(SAMPLE);
            long seed = Long.getLong("rapport.seed", new Random().nextLong());
            Random random = new Random(seed);
            for (int i = 0; i < 200; i++) {
                String json = Samples.withUnknownFields(TREE, random, 1 + random.nextInt(12));
                assertThat(parser.parse(json)).as("seed %d, round %d", seed, i).isEqualTo(expected);
            }
        }

        @Test
        void oneParser_isSafeToShareBetweenThreads() throws Exception {
            List<InboundMessage> expected = parser.parse(SAMPLE);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<InboundMessage>>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    results.add(pool.submit(() -> parser.parse(SAMPLE)));
                }
                for (Future<List<InboundMessage>> result : results) {
                    assertThat(result.get()).isEqualTo(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void result_isImmutable() {
            List<InboundMessage> messages = parser.parse(SAMPLE);

            assertThatThrownBy(messages::clear).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Refusals {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "object",
                    "entry",
                    "entry[0].id",
                    "entry[0].messaging[0].sender",
                    "entry[0].messaging[0].sender.id",
                    "entry[0].messaging[0].recipient",
                    "entry[0].messaging[0].recipient.id",
                    "entry[0].messaging[0].timestamp",
                    "entry[0].messaging[0].message.mid",
                    "entry[0].messaging[1].message.attachments[1].type",
                    "entry[0].messaging[2].message.reply_to.mid",
                    "entry[0].messaging[2].sender.id",
                    "entry[0].messaging[2].recipient.id",
                    "entry[1].id",
                    "entry[1].messaging[0].sender.id",
                    "entry[1].messaging[0].timestamp",
                    "entry[1].messaging[1].message.reply_to.mid",
                })
        void missingRequiredField_refusesThePayloadNamingIt(String path) {
            ValidationException e = refusal(Samples.without(TREE, path));

            assertThat(e.violations()).containsExactly(new Violation(path, "is required"));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "object|1|must be a string",
                    "object|\"instagram\"|must be \"page\"",
                    "entry|{}|must be an array",
                    "entry[0]|[]|must be an object",
                    "entry[0].id|1045|must be a string",
                    "entry[0].id|\"  \"|must not be blank",
                    "entry[0].messaging|{}|must be an array",
                    "entry[0].messaging[0]|\"x\"|must be an object",
                    "entry[0].messaging[0].sender|\"7001\"|must be an object",
                    "entry[0].messaging[0].sender.id|7001002003004005|must be a string",
                    "entry[0].messaging[0].timestamp|\"1764583200000\"|must be an integer",
                    "entry[0].messaging[0].timestamp|1764583200.5|must be an integer",
                    "entry[0].messaging[0].timestamp|99999999999999999999|is out of range",
                    "entry[0].messaging[0].timestamp|-99999999999999|is out of range",
                    "entry[0].messaging[0].message|\"hi\"|must be an object",
                    "entry[0].messaging[0].message.text|[\"hi\"]|must be a string",
                    "entry[0].messaging[0].message.mid|{}|must be a string",
                    "entry[0].messaging[1].message.attachments|{}|must be an array",
                    "entry[0].messaging[1].message.attachments[0]|\"img\"|must be an object",
                    "entry[0].messaging[1].message.attachments[0].payload|\"u\"|must be an object",
                    "entry[0].messaging[1].message.attachments[0].payload.url|5|must be a string",
                    "entry[0].messaging[2].message.is_echo|\"true\"|must be a boolean",
                    "entry[0].messaging[2].message.reply_to|\"m\"|must be an object",
                    "entry[1].messaging[0].postback.title|7|must be a string",
                    "entry[1].messaging[0].postback.mid|false|must be a string",
                })
        void wrongType_refusesThePayloadNamingTheField(String path, String value, String reason) {
            ValidationException e = refusal(Samples.with(TREE, path, Samples.JSON.readTree(value)));

            assertThat(e.violations()).containsExactly(new Violation(path, reason));
        }

        @Test
        void tooLongId_isRefused() {
            String json = Samples.with(
                    TREE, "entry[0].messaging[0].sender.id", JsonNodeFactory.instance.stringNode("7".repeat(201)));

            assertThat(refusal(json).violations())
                    .containsExactly(
                            new Violation("entry[0].messaging[0].sender.id", "must be at most 200 characters"));
        }

        @Test
        void everyProblem_isListedAtOnce_andNothingIsReturned() {
            JsonNode broken = Samples.JSON.readTree(Samples.without(TREE, "entry[0].messaging[0].sender.id"));
            String json = Samples.without(broken, "entry[1].messaging[1].message.mid");

            assertThat(refusal(json).violations())
                    .containsExactly(
                            new Violation("entry[0].messaging[0].sender.id", "is required"),
                            new Violation("entry[1].messaging[1].message.mid", "is required"));
        }

        @Test
        void reasons_neverQuoteTheContent() {
            String json = Samples.with(
                    TREE, "entry[0].messaging[0].message.text", JsonNodeFactory.instance.numberNode(4242424242L));
            ValidationException e = refusal(Samples.with(
                    Samples.JSON.readTree(json),
                    "entry[0].messaging[0].sender.id",
                    JsonNodeFactory.instance.stringNode("x".repeat(300))));

            assertThat(e.getMessage()).doesNotContain("4242424242", "xxxx", ZOE, "Bestellung");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "{", "{\"object\":\"page\"", "[1,2", "nul", "{\"a\":1}}", "{} {}", "\u0000"})
        void malformedJson_isRefusedAsPayload(String json) {
            assertThat(refusal(json).violations())
                    .singleElement()
                    .extracting(Violation::path)
                    .isEqualTo("payload");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "\"page\"", "42", "null", "true"})
        void nonObjectRoot_isRefusedAsPayload(String json) {
            assertThat(refusal(json).violations()).extracting(Violation::path).containsExactly("payload");
        }

        @Test
        void duplicateField_isRefused() {
            assertThat(refusal("{\"object\":\"page\",\"object\":\"page\",\"entry\":[]}")
                            .violations())
                    .containsExactly(new Violation("payload", "is not well-formed JSON"));
        }

        @Test
        void payloadOverTheSizeLimit_isRefusedForEveryInputForm() {
            MessengerWebhookParser small =
                    MessengerWebhookParser.builder().maxPayloadBytes(1024).build();
            String json = "{\"object\":\"page\",\"entry\":[],\"pad\":\"" + "é".repeat(600) + "\"}";
            Violation tooLarge = new Violation("payload", "is larger than 1024 bytes");

            assertThat(catchThrowableOfType(ValidationException.class, () -> small.parse(json))
                            .violations())
                    .containsExactly(tooLarge);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            assertThat(catchThrowableOfType(ValidationException.class, () -> small.parse(bytes))
                            .violations())
                    .containsExactly(tooLarge);
            assertThat(catchThrowableOfType(
                                    ValidationException.class, () -> small.parse(new ByteArrayInputStream(bytes)))
                            .violations())
                    .containsExactly(tooLarge);
            assertThat(small.parse("{\"object\":\"page\",\"entry\":[]}")).isEmpty();
        }

        @Test
        void nestingBeyondTheLimit_isRefused() {
            String deep = "{\"object\":\"page\",\"entry\":[],\"x\":" + "[".repeat(200) + "]".repeat(200) + "}";

            assertThat(refusal(deep).violations())
                    .containsExactly(new Violation("payload", "exceeds the parser's limits (nesting depth or length)"));
            assertThat(MessengerWebhookParser.builder()
                            .maxNestingDepth(300)
                            .build()
                            .parse(deep))
                    .isEmpty();
        }

        @Test
        void failingStream_isRefusedAsUnreadable() {
            InputStream failing = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("connection reset");
                }
            };

            assertThat(catchThrowableOfType(ValidationException.class, () -> parser.parse(failing))
                            .violations())
                    .containsExactly(new Violation("payload", "could not be read"));
        }

        @Test
        void builder_reportsEveryMisconfigurationAtOnce() {
            assertThatThrownBy(() -> MessengerWebhookParser.builder()
                            .maxPayloadBytes(0)
                            .maxNestingDepth(5000)
                            .build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::path)
                            .containsExactly("maxPayloadBytes", "maxNestingDepth"));
        }

        private ValidationException refusal(String json) {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> parser.parse(json));
            assertThat(e).as("refused").isNotNull();
            return e;
        }
    }
}
