package dev.rapport.crm.jdbc;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.ReversalId;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Money;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.Participant;
import dev.rapport.crm.model.activity.ParticipantRole;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.model.activity.ReversedLine;
import dev.rapport.crm.model.activity.SourceRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Activity records for the adapter's tests: full ones, minimal ones and seeded random ones. */
final class ActivityData {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency JPY = Currency.getInstance("JPY");
    static final Currency BHD = Currency.getInstance("BHD");
    static final List<Currency> CURRENCIES = List.of(EUR, JPY, BHD);

    private ActivityData() {}

    static InteractionId interactionId() {
        return new InteractionId(UUID.randomUUID());
    }

    static Interaction fullInteraction(CustomerId customer, Instant at) {
        return new Interaction(
                interactionId(),
                1,
                customer,
                Channel.EMAIL,
                Direction.INBOUND,
                at,
                at.plusSeconds(3),
                "Re: delivery ✉",
                "When will it arrive? 👩‍💻",
                "<p>When will it <b>arrive</b>?</p>",
                "agent-7",
                List.of(
                        Participant.of(ParticipantRole.FROM, "ada@example.com"),
                        Participant.of(ParticipantRole.TO, "shop@example.com"),
                        Participant.of(ParticipantRole.CC, "boss@example.com")),
                "<thread-1@example.com>",
                Duration.ofSeconds(95, 123_456_789),
                "answered",
                List.of(
                        new Attachment("invoice.pdf", "application/pdf", 12345, "s3://bucket/invoice.pdf"),
                        new Attachment(null, "image/png", -1, null)),
                Map.of(
                        "note", new AttributeValue.Text("likes \"maths\""),
                        "score", new AttributeValue.Int(42),
                        "ratio", new AttributeValue.Decimal(new BigDecimal("0.125")),
                        "ok", new AttributeValue.Bool(true),
                        "day", new AttributeValue.Date(LocalDate.of(2020, 2, 29)),
                        "seen", new AttributeValue.Timestamp(Instant.parse("2026-01-02T03:04:05.000006Z")),
                        "tier", new AttributeValue.Choice("gold"),
                        "langs", new AttributeValue.TextList(List.of("en", "fr"))),
                SourceRef.of("email", "<msg-" + UUID.randomUUID() + "@example.com>"));
    }

    static Interaction interaction(
            @Nullable CustomerId customer,
            Channel channel,
            Instant at,
            @Nullable String threadId,
            @Nullable SourceRef source) {
        return new Interaction(
                interactionId(),
                1,
                customer,
                channel,
                customer == null ? Direction.INBOUND : Direction.OUTBOUND,
                at,
                at,
                null,
                "",
                null,
                null,
                List.of(),
                threadId,
                null,
                null,
                List.of(),
                Map.of(),
                source);
    }

    static OrderLine line(int number, String quantity, String unitPrice, Currency currency) {
        BigDecimal q = new BigDecimal(quantity);
        BigDecimal p = new BigDecimal(unitPrice);
        return new OrderLine(
                number,
                "SKU-" + number,
                number % 2 == 0 ? null : "item " + number,
                q,
                p,
                Money.lineTotal(q, p, currency),
                BigDecimal.ZERO.setScale(q.scale()));
    }

    static Order order(
            CustomerId customer,
            Instant at,
            Channel channel,
            Currency currency,
            @Nullable SourceRef source,
            List<OrderLine> lines) {
        BigDecimal total = Money.zero(currency);
        for (OrderLine line : lines) {
            total = total.add(line.total());
        }
        return new Order(
                new OrderId(UUID.randomUUID()),
                1,
                customer,
                at,
                at.plusMillis(1),
                channel,
                channel == Channel.IN_PERSON ? "shop-1" : null,
                currency,
                lines,
                total,
                Money.zero(currency),
                source);
    }

    /** A reversal of {@code quantities[i]} units of line i+1 (0 for none), and the order after it. */
    record Reversed(Reversal reversal, Order order) {}

    static Reversed reverse(Order order, Instant at, @Nullable SourceRef source, BigDecimal... quantities) {
        List<ReversedLine> reversedLines = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal amount = Money.zero(order.currency());
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            BigDecimal quantity = i < quantities.length ? quantities[i] : BigDecimal.ZERO;
            if (quantity.signum() <= 0) {
                lines.add(line);
                continue;
            }
            BigDecimal lineAmount = quantity.compareTo(line.remainingQuantity()) == 0
                    ? line.total().subtract(reversedAmount(line, order.currency()))
                    : Money.lineTotal(quantity, line.unitPrice(), order.currency());
            reversedLines.add(new ReversedLine(line.number(), quantity, lineAmount));
            amount = amount.add(lineAmount);
            lines.add(line.withReversed(quantity));
        }
        Reversal reversal = new Reversal(
                new ReversalId(UUID.randomUUID()),
                order.id(),
                order.customerId(),
                at.getEpochSecond() % 2 == 0 ? ReversalKind.RETURN : ReversalKind.CANCELLATION,
                at,
                at,
                order.channel(),
                order.currency(),
                reversedLines,
                amount,
                at.getEpochSecond() % 3 == 0 ? null : "damaged",
                source);
        Order after = new Order(
                order.id(),
                order.version() + 1,
                order.customerId(),
                order.occurredAt(),
                order.recordedAt(),
                order.channel(),
                order.store(),
                order.currency(),
                lines,
                order.total(),
                order.reversedTotal().add(amount),
                order.source());
        return new Reversed(reversal, after);
    }

    /** What was reversed of a line so far, valued at its unit price (good enough for test data). */
    private static BigDecimal reversedAmount(OrderLine line, Currency currency) {
        return Money.lineTotal(line.reversedQuantity(), line.unitPrice(), currency);
    }

    static Instant randomInstant(Random random, Instant base, int distinctSlots) {
        // Few slots: many activities share an instant, so ties are broken by id.
        return base.plusSeconds(3600L * random.nextInt(distinctSlots)).plusNanos(1000L * random.nextInt(3));
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
