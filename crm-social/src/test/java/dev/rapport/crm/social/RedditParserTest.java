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
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.ParticipantRole;
import dev.rapport.crm.social.internal.RedditMapping;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class RedditParserTest {
    private static final String INBOX = Samples.text("reddit-inbox.json");
    private static final JsonNode INBOX_TREE = Samples.tree("reddit-inbox.json");
    private static final String COMMENTS = Samples.text("reddit-comments.json");
    private static final JsonNode COMMENTS_TREE = Samples.tree("reddit-comments.json");
    private static final String POST = "reddit:t3_1h2x3y4";

    private final RedditParser parser = RedditParser.create();

    private static InboundMessage message(String author, NewInteraction.Builder interaction, List<String> replyTo) {
        return InboundMessage.from(Identity.social("reddit", author), interaction.build())
                .replyingTo(replyTo);
    }

    private static NewInteraction.Builder comment(String name, String author, Instant at) {
        return NewInteraction.on(Channel.SOCIAL, Direction.INBOUND)
                .occurredAt(at)
                .participant(ParticipantRole.FROM, author)
                .participant(ParticipantRole.TO, "r/BikeShops")
                .thread(POST)
                .source("reddit", name);
    }

    private static NewInteraction.Builder privateMessage(String name, String author, Instant at, String thread) {
        return NewInteraction.on(Channel.MESSAGING, Direction.INBOUND)
                .occurredAt(at)
                .participant(ParticipantRole.FROM, author)
                .participant(ParticipantRole.TO, "RapportBikes")
                .thread(thread)
                .source("reddit", name);
    }

    @Nested
    class Mapping {
        @Test
        void inboxListing_mapsCommentRepliesAndPrivateMessages_unescapingTexts() {
            assertThat(parser.parse(INBOX))
                    .containsExactly(
                            message(
                                    "spoke_and_chain",
                                    comment("t1_kq1a2b3", "spoke_and_chain", Instant.ofEpochSecond(1764583200))
                                            .subject("Which tyres for a winter commute?")
                                            .body("Thanks & yes, the 28\" tyres fit. Is 3 < 4 days realistic? 🚲")
                                            .html("<!-- SC_OFF --><div class=\"md\"><p>Thanks &amp; yes, the 28&quot;"
                                                    + " tyres fit. Is 3 &lt; 4 days realistic? 🚲</p>\n"
                                                    + "</div><!-- SC_ON -->"),
                                    List.of("t1_kp9z8y7")),
                            message(
                                    "Zoe_Mueller",
                                    privateMessage(
                                                    "t4_2bcdef",
                                                    "Zoe_Mueller",
                                                    Instant.ofEpochSecond(1764586800, 500_000_000),
                                                    "reddit:t4_2bcdef")
                                            .subject("Frage zu Rücksendung")
                                            .body("Kann ich das Rad **zurückschicken**? 🙏")
                                            .html("<!-- SC_OFF --><div class=\"md\"><p>Kann ich das Rad"
                                                    + " <strong>zurückschicken</strong>? 🙏</p>\n"
                                                    + "</div><!-- SC_ON -->"),
                                    List.of()),
                            message(
                                    "zoe_mueller",
                                    privateMessage(
                                                    "t4_2bcdeh",
                                                    "zoe_mueller",
                                                    Instant.ofEpochSecond(1764590400),
                                                    "reddit:t4_2bcdef")
                                            .subject("re: Frage zu Rücksendung")
                                            .body("Danke!")
                                            .html("<div class=\"md\"><p>Danke!</p></div>"),
                                    List.of("t4_2bcdeg")));
        }

        @Test
        void sameAuthorInAnotherCase_isTheSameIdentity() {
            List<InboundMessage> messages = parser.parse(INBOX);

            assertThat(messages.get(1).sender().sameAs(messages.get(2).sender()))
                    .isTrue();
        }

        @Test
        void commentTree_mapsNestedReplies_skipsPostsMoreStubsAndDeletedAuthors() {
            assertThat(parser.parse(COMMENTS))
                    .containsExactly(
                            message(
                                    "spoke_and_chain",
                                    comment(
                                                    "t1_kp9z8y7",
                                                    "spoke_and_chain",
                                                    Instant.ofEpochSecond(1764510000, 250_000_000))
                                            .body("Studded or not? ❄️")
                                            .html("<div class=\"md\"><p>Studded or not? ❄️</p></div>"),
                                    List.of()),
                            message(
                                    "RapportBikes",
                                    comment("t1_kpa0001", "RapportBikes", Instant.ofEpochSecond(1764511000))
                                            .body("Studded, if you ride on ice."),
                                    List.of("t1_kp9z8y7")),
                            message(
                                    "night_rider_42",
                                    comment("t1_kpa0003", "night_rider_42", Instant.ofEpochSecond(1764513000))
                                            .body("Same question, but for a cargo bike > 40 kg"),
                                    List.of("t1_kpa0001")));
        }

        @Test
        void ownAccount_commentsAreSkipped_messagesAreOutboundToTheCustomer() {
            RedditParser own = RedditParser.builder().ownAccount("rapportbikes").build();
            String sent = """
                    {"kind":"t4","data":{"name":"t4_99","author":"RapportBikes","dest":"Zoe_Mueller",
                     "subject":"re: Frage","body":"Ja, gern.","created_utc":1764600000.0,
                     "first_message_name":"t4_2bcdef","parent_id":"t4_2bcdeh"}}
                    """;

            assertThat(own.parse(COMMENTS))
                    .extracting(m -> m.interaction().source().externalId())
                    .containsExactly("t1_kp9z8y7", "t1_kpa0003");
            assertThat(own.parse(sent))
                    .containsExactly(InboundMessage.from(
                                    Identity.social("reddit", "Zoe_Mueller"),
                                    NewInteraction.on(Channel.MESSAGING, Direction.OUTBOUND)
                                            .occurredAt(Instant.ofEpochSecond(1764600000))
                                            .subject("re: Frage")
                                            .body("Ja, gern.")
                                            .participant(ParticipantRole.FROM, "RapportBikes")
                                            .participant(ParticipantRole.TO, "Zoe_Mueller")
                                            .thread("reddit:t4_2bcdef")
                                            .source("reddit", "t4_99")
                                            .build())
                            .replyingTo(List.of("t4_2bcdeh")));
        }

        @Test
        void singleThing_notInAListing_isMapped() {
            String json = """
                    {"kind":"t1","data":{"name":"t1_abc","author":"ada","body":"Hi &lt;3",
                     "created_utc":1700000000,"link_id":"t3_p","parent_id":"t3_p"}}
                    """;

            assertThat(parser.parse(json))
                    .containsExactly(message(
                            "ada",
                            NewInteraction.on(Channel.SOCIAL, Direction.INBOUND)
                                    .occurredAt(Instant.ofEpochSecond(1700000000))
                                    .body("Hi <3")
                                    .participant(ParticipantRole.FROM, "ada")
                                    .thread("reddit:t3_p")
                                    .source("reddit", "t1_abc"),
                            List.of()));
        }

        @Test
        void rawJson_keepsTextsAsGiven() {
            List<InboundMessage> raw =
                    RedditParser.builder().rawJson(true).build().parse(INBOX);

            assertThat(raw.get(0).interaction().body())
                    .isEqualTo("Thanks &amp; yes, the 28\" tyres fit. Is 3 &lt; 4 days realistic? 🚲");
            assertThat(raw.get(0).interaction().html()).startsWith("&lt;!-- SC_OFF --&gt;");
        }

        @Test
        void stringBytesAndStream_giveTheSameResult() {
            byte[] bytes = INBOX.getBytes(StandardCharsets.UTF_8);

            assertThat(parser.parse(bytes)).isEqualTo(parser.parse(INBOX));
            assertThat(parser.parse(new ByteArrayInputStream(bytes))).isEqualTo(parser.parse(INBOX));
        }

        @Test
        void emptyListingsAndOtherKinds_giveNoMessages() {
            assertThat(parser.parse("{\"kind\":\"Listing\",\"data\":{\"children\":[]}}"))
                    .isEmpty();
            assertThat(parser.parse("[]")).isEmpty();
            assertThat(parser.parse("{\"kind\":\"t3\",\"data\":{\"title\":\"a post\"}}"))
                    .isEmpty();
            assertThat(parser.parse("{\"kind\":\"more\"}")).isEmpty();
        }

        @Test
        void unknownFields_anywhere_areIgnored() {
            long seed = Long.getLong("rapport.seed", new Random().nextLong());
            Random random = new Random(seed);
            for (JsonNode tree : List.of(INBOX_TREE, COMMENTS_TREE)) {
                List<InboundMessage> expected = parser.parse(Samples.JSON.writeValueAsString(tree));
                for (int i = 0; i < 150; i++) {
                    String json = Samples.withUnknownFields(tree, random, 1 + random.nextInt(12));
                    assertThat(parser.parse(json))
                            .as("seed %d, round %d", seed, i)
                            .isEqualTo(expected);
                }
            }
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "plain|plain",
                    "&amp;|&",
                    "&lt;b&gt;|<b>",
                    "&amp;lt;|&lt;",
                    "&amp;amp;|&amp;",
                    "&quot;&#39;&nbsp;|&quot;&#39;&nbsp;",
                    "& &am &lt|& &am &lt",
                    "a&gt;&gt;b&|a>>b&",
                })
        void unescape_undoesOnlyRedditsLegacyEscaping_inOnePass(String escaped, String raw) {
            assertThat(RedditMapping.unescape(escaped)).isEqualTo(raw);
        }
    }

    @Nested
    class Refusals {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "kind",
                    "data",
                    "data.children",
                    "data.children[0].kind",
                    "data.children[0].data",
                    "data.children[0].data.name",
                    "data.children[0].data.author",
                    "data.children[0].data.body",
                    "data.children[0].data.created_utc",
                    "data.children[1].data.name",
                    "data.children[1].data.author",
                    "data.children[1].data.dest",
                    "data.children[1].data.subject",
                    "data.children[1].data.body",
                    "data.children[1].data.created_utc",
                    "data.children[2].data.created_utc",
                })
        void missingRequiredField_refusesTheInboxNamingIt(String path) {
            assertThat(refusal(Samples.without(INBOX_TREE, path)).violations())
                    .containsExactly(new Violation(path, "is required"));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "[1].data.children[0].data.link_id",
                    "[1].data.children[0].data.replies.data.children[0].data.author",
                    "[1].data.children[0].data.replies.data.children[0].data.replies.data.children[1].data.body",
                    "[1].data.children[0].data.replies.data.children[0].data.replies.data.children[1].kind",
                    "[1].data.children[0].data.replies.data.children",
                })
        void missingRequiredField_inANestedReply_refusesTheTreeNamingIt(String path) {
            assertThat(refusal(Samples.without(COMMENTS_TREE, path)).violations())
                    .containsExactly(new Violation(path, "is required"));
        }

        @Test
        void inboxCommentWithoutLinkIdOrContext_isRefusedNamingLinkId() {
            assertThat(refusal(Samples.without(INBOX_TREE, "data.children[0].data.context"))
                            .violations())
                    .containsExactly(new Violation("data.children[0].data.link_id", "is required"));
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                value = {
                    "kind|5|must be a string",
                    "data|\"x\"|must be an object",
                    "data.children|{}|must be an array",
                    "data.children[0]|\"t1\"|must be an object",
                    "data.children[0].kind|[]|must be a string",
                    "data.children[0].data|[]|must be an object",
                    "data.children[0].data.name|\"t3_kq1a2b3\"|must be a t1_ fullname",
                    "data.children[0].data.name|\"t1_\"|must be a t1_ fullname",
                    "data.children[0].data.author|5|must be a string",
                    "data.children[0].data.author|\"\"|must not be blank",
                    "data.children[0].data.body|{}|must be a string",
                    "data.children[0].data.body_html|1|must be a string",
                    "data.children[0].data.created_utc|\"1764583200\"|must be a number",
                    "data.children[0].data.created_utc|1e300|is out of range",
                    "data.children[0].data.created_utc|-1e12|is out of range",
                    "data.children[0].data.parent_id|{}|must be a string",
                    "data.children[0].data.subreddit|1|must be a string",
                    "data.children[0].data.link_title|[]|must be a string",
                    "data.children[1].data.name|\"t1_2bcdef\"|must be a t4_ fullname",
                    "data.children[1].data.dest|true|must be a string",
                    "data.children[1].data.subject|7|must be a string",
                    "data.children[1].data.first_message_name|5|must be a string",
                    "data.children[2].data.parent_id|[]|must be a string",
                })
        void wrongType_refusesThePayloadNamingTheField(String path, String value, String reason) {
            assertThat(refusal(Samples.with(INBOX_TREE, path, Samples.JSON.readTree(value)))
                            .violations())
                    .containsExactly(new Violation(path, reason));
        }

        @Test
        void jsonNull_countsAsAbsent() {
            assertThat(refusal(Samples.with(INBOX_TREE, "data.children[1].data.body", Samples.JSON.readTree("null")))
                            .violations())
                    .containsExactly(new Violation("data.children[1].data.body", "is required"));
        }

        @Test
        void everyProblem_isListedAtOnce() {
            JsonNode broken = Samples.JSON.readTree(Samples.without(INBOX_TREE, "data.children[0].data.author"));
            String json = Samples.without(broken, "data.children[2].data.name");

            assertThat(refusal(json).violations())
                    .containsExactly(
                            new Violation("data.children[0].data.author", "is required"),
                            new Violation("data.children[2].data.name", "is required"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "\"Listing\"", "null", "true"})
        void rootNeitherObjectNorArray_isRefusedAsPayload(String json) {
            assertThat(refusal(json).violations())
                    .containsExactly(new Violation("payload", "must be a JSON object or array"));
        }

        @Test
        void nonObjectInTheRootArray_isRefusedByIndex() {
            assertThat(refusal("[{\"kind\":\"more\"}, 1]").violations())
                    .containsExactly(new Violation("[1]", "must be an object"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "{", "{\"kind\":\"t1\",}", "[1,]", "{\"kind\":'t1'}", "{} []"})
        void malformedJson_isRefusedAsPayload(String json) {
            assertThat(refusal(json).violations()).extracting(Violation::path).containsExactly("payload");
        }

        @Test
        void reasons_neverQuoteTheContent() {
            String json =
                    Samples.with(INBOX_TREE, "data.children[1].data.name", Samples.JSON.readTree("\"t1_zzsecret\""));

            assertThat(refusal(json).getMessage()).doesNotContain("zzsecret", "Zoe_Mueller", "zurückschicken");
        }

        @Test
        void builder_reportsEveryMisconfigurationAtOnce() {
            assertThatThrownBy(() -> RedditParser.builder()
                            .maxPayloadBytes(-1)
                            .maxNestingDepth(0)
                            .ownAccount("  ")
                            .build())
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::path)
                            .containsExactly("ownAccount", "maxPayloadBytes", "maxNestingDepth"));
        }

        private ValidationException refusal(String json) {
            ValidationException e = catchThrowableOfType(ValidationException.class, () -> parser.parse(json));
            assertThat(e).as("refused").isNotNull();
            return e;
        }
    }
}
