package dev.rapport.crm.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.EventId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.ReversalId;
import dev.rapport.crm.model.TenantId;
import dev.rapport.crm.model.activity.Attachment;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.Participant;
import dev.rapport.crm.model.activity.ParticipantRole;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.ReversalKind;
import dev.rapport.crm.model.activity.ReversedLine;
import dev.rapport.crm.model.activity.SourceRef;
import dev.rapport.crm.model.event.CrmEvent;
import dev.rapport.crm.model.event.InteractionLinked;
import dev.rapport.crm.model.event.InteractionRecorded;
import dev.rapport.crm.model.event.OrderRecorded;
import dev.rapport.crm.model.event.OrderReversed;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The activity records and events round-trip through the one JSON mapping, scales and nulls included. */
class ActivityJsonTest {
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");
    private static final CustomerId CUSTOMER = CustomerId.of(UUID.fromString("01930000-0000-7000-8000-00000000000b"));
    private static final Currency GBP = Currency.getInstance("GBP");

    @Test
    void interaction_roundTripsWithEveryFieldAndWithNulls() {
        Interaction full = new Interaction(
                InteractionId.of(UUID.randomUUID()),
                2,
                CUSTOMER,
                Channel.PHONE,
                Direction.OUTBOUND,
                AT,
                AT.plusSeconds(1),
                "Subject",
                "body\nline",
                "<p>body</p>",
                "agent-1",
                List.of(Participant.of(ParticipantRole.FROM, "+441"), Participant.of(ParticipantRole.CC, "a@b")),
                "thread-1",
                Duration.ofSeconds(241, 5000),
                "answered",
                List.of(
                        new Attachment("a.pdf", "application/pdf", 12, null),
                        new Attachment(null, "image/png", -1, "s3://x")),
                Map.of(
                        "reason",
                        new AttributeValue.Choice("billing"),
                        "score",
                        new AttributeValue.Decimal(new BigDecimal("1.50"))),
                SourceRef.of("pbx", "CALL-1"));
        assertThat(CrmJson.read(CrmJson.write(full), Interaction.class)).isEqualTo(full);
        Interaction bare = new Interaction(
                InteractionId.of(UUID.randomUUID()),
                1,
                null,
                Channel.EMAIL,
                Direction.INBOUND,
                AT,
                AT,
                null,
                "",
                null,
                null,
                List.of(),
                null,
                null,
                null,
                List.of(),
                Map.of(),
                null);
        assertThat(CrmJson.read(CrmJson.write(bare), Interaction.class)).isEqualTo(bare);
    }

    @Test
    void orderAndReversal_roundTripKeepingScales() {
        Order order = new Order(
                OrderId.of(UUID.randomUUID()),
                3,
                CUSTOMER,
                AT,
                AT,
                Channel.WEB,
                "site",
                GBP,
                List.of(
                        new OrderLine(
                                1,
                                "A",
                                "x",
                                new BigDecimal("2.5"),
                                new BigDecimal("0.0125"),
                                new BigDecimal("0.03"),
                                new BigDecimal("1")),
                        new OrderLine(
                                2,
                                "B",
                                null,
                                new BigDecimal("10"),
                                new BigDecimal("100"),
                                new BigDecimal("1000.00"),
                                BigDecimal.ZERO)),
                new BigDecimal("1000.03"),
                new BigDecimal("0.01"),
                SourceRef.of("shop", "536365"));
        Order back = CrmJson.read(CrmJson.write(order), Order.class);
        assertThat(back).isEqualTo(order);
        assertThat(back.lines().get(1).total().scale()).isEqualTo(2);
        Reversal reversal = new Reversal(
                ReversalId.of(UUID.randomUUID()),
                order.id(),
                CUSTOMER,
                ReversalKind.RETURN,
                AT,
                AT,
                Channel.WEB,
                GBP,
                List.of(new ReversedLine(1, BigDecimal.ONE, new BigDecimal("0.01"))),
                new BigDecimal("0.01"),
                null,
                null);
        assertThat(CrmJson.read(CrmJson.write(reversal), Reversal.class)).isEqualTo(reversal);
    }

    @Test
    void activityEvents_roundTripWithTheirTypeNames() {
        TenantId tenant = TenantId.of(UUID.randomUUID());
        List<CrmEvent> events = List.of(
                new InteractionRecorded(
                        new EventId(UUID.randomUUID()),
                        tenant,
                        AT,
                        InteractionId.of(UUID.randomUUID()),
                        null,
                        Channel.SMS,
                        Direction.INBOUND),
                new InteractionLinked(
                        new EventId(UUID.randomUUID()), tenant, AT, InteractionId.of(UUID.randomUUID()), CUSTOMER),
                new OrderRecorded(
                        new EventId(UUID.randomUUID()),
                        tenant,
                        AT,
                        OrderId.of(UUID.randomUUID()),
                        CUSTOMER,
                        GBP,
                        new BigDecimal("5.10")),
                new OrderReversed(
                        new EventId(UUID.randomUUID()),
                        tenant,
                        AT,
                        ReversalId.of(UUID.randomUUID()),
                        OrderId.of(UUID.randomUUID()),
                        CUSTOMER,
                        ReversalKind.CANCELLATION,
                        GBP,
                        new BigDecimal("5.10")));
        for (CrmEvent e : events) {
            String json = CrmJson.write(e);
            assertThat(json).contains("\"type\":\"" + e.type() + "\"");
            assertThat(CrmJson.read(json, CrmEvent.class)).isEqualTo(e);
        }
    }
}
