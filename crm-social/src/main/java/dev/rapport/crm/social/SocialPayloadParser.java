package dev.rapport.crm.social;

import dev.rapport.crm.interactions.InboundMessage;
import dev.rapport.crm.model.ValidationException;
import java.io.InputStream;
import java.util.List;

/**
 * Parses the inbound payload of one social platform into messages to ingest.
 *
 * <p>The contract every implementation keeps: a payload is mapped completely or refused as a
 * whole, never partly. Refusals are a {@link ValidationException} listing every problem found,
 * each by JSON path (such as {@code entry[0].messaging[1].sender.id}, or {@code payload} for the
 * payload as a whole: too large, too deeply nested, not well-formed JSON) with a reason that never
 * quotes the payload's content or handles. Nothing else is thrown for any input. Fields a parser
 * does not know are ignored; events that carry no message (read receipts, for example) are
 * skipped, not refused. Implementations are immutable and thread-safe.
 *
 * @since 0.2
 */
public interface SocialPayloadParser {

    /**
     * @param json the payload
     * @return the messages it carries, in payload order; empty if it carries none
     * @throws ValidationException if the payload is refused
     */
    List<InboundMessage> parse(String json);

    /**
     * @param json the payload, UTF-8 encoded
     * @return the messages it carries, in payload order; empty if it carries none
     * @throws ValidationException if the payload is refused
     */
    List<InboundMessage> parse(byte[] json);

    /**
     * Reads the stream to its end (at most the size limit and one byte more); does not close it.
     *
     * @param json the payload, UTF-8 encoded
     * @return the messages it carries, in payload order; empty if it carries none
     * @throws ValidationException if the payload is refused, or the stream fails ({@code payload}:
     *     "could not be read")
     */
    List<InboundMessage> parse(InputStream json);
}
