package dev.rapport.crm.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.model.ValidationException;

/**
 * Coverage-guided fuzzing of {@link MailParser#parse(byte[])}. The contract: it returns a message
 * or throws a {@link ValidationException} with at least one violation; nothing else ever comes out.
 *
 * <p>A plain build runs the target on its seed corpus ({@code MailParserFuzzTestInputs/} in the test
 * resources: real-shaped messages and broken ones). Fuzzing mode: {@code JAZZER_FUZZ=1 ./mvnw -pl
 * crm-mail test -Dtest=MailParserFuzzTest}; findings land in the same folder and are replayed by
 * every later build.
 */
class MailParserFuzzTest {
    private static final MailParser PARSER =
            MailParser.builder().maxMessageBytes(1 << 20).build();

    @FuzzTest(maxDuration = "60s")
    void parse_returnsOrRefusesWithValidationException(byte[] raw) {
        InboundMessage m;
        try {
            m = PARSER.parse(raw);
        } catch (ValidationException refused) {
            assertThat(refused.violations()).isNotEmpty();
            return;
        }
        assertThat(m.sender().value()).contains("@");
        assertThat(m.interaction().source()).isNotNull();
        assertThat(m.interaction().participants()).hasSizeLessThanOrEqualTo(100);
        assertThat(m.interaction().attachments()).hasSizeLessThanOrEqualTo(100);
        assertThat(m.replyTo()).hasSizeLessThanOrEqualTo(100);
    }
}
