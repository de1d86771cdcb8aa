package dev.rapport.benchmarks;

import dev.rapport.crm.interactions.NewInteraction;
import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.InteractionId;
import dev.rapport.crm.model.OrderId;
import dev.rapport.crm.model.activity.Direction;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Money;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.OrderLine;
import dev.rapport.crm.model.activity.Participant;
import dev.rapport.crm.model.activity.ParticipantRole;
import dev.rapport.crm.model.activity.SourceRef;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The activity every activity benchmark works on, the same for Rapport and for each baseline.
 *
 * <p>Recorded during a measurement (number {@code n} from a counter): an inbound email from
 * seeded customer g, with a subject, a body of about 300 characters, two participants, a thread id
 * and the source {@code email:<msg-n@mail.example.com>}, occurred one second after {@code
 * RECORD_EPOCH + n} seconds.
 *
 * <p>Seeded activity {@code k} (from 1) of a tenant is an interaction unless {@code k % 10 == 0},
 * which is an order of two lines in EUR; it occurred at {@link #SEED_EPOCH} plus {@code k}
 * seconds, so keys are unique and time order is seed order. Interactions rotate over email (with a
 * subject and a thread), phone (duration, outcome), chat and an internal note; every seeded
 * interaction and order has a source ({@code seed:i<k>}, {@code shop:o<k>}). Ids are time-ordered
 * like UUIDv7 and a function of {@code k} alone.
 */
final class ActivityData {
    /** When seeded activity happened (plus k seconds). */
    static final Instant SEED_EPOCH = Instant.parse("2020-01-01T00:00:00Z");

    /** When recorded interactions happened (plus n seconds): after every seeded one. */
    static final Instant RECORD_EPOCH = Instant.parse("2026-06-01T00:00:00Z");

    /** When seeded records were recorded. */
    static final Instant RECORDED_AT = Instant.parse("2026-05-01T12:00:00Z");

    static final Currency EUR = Currency.getInstance("EUR");

    private static final String BODY = "Hello, I ordered a pair of walking boots last week and the tracking page"
            + " still says the parcel is waiting at the depot. Could you tell me when it will be delivered, or"
            + " whether I should pick it up myself? I am at home in the mornings. The order number is in the"
            + " subject. Thanks, and kind regards. Reference ";

    private ActivityData() {}

    /** The email recorded as number n, for seeded customer g: the command Rapport gets. */
    static NewInteraction newEmail(CustomerId customer, long g, long n) {
        return NewInteraction.on(Channel.EMAIL, Direction.INBOUND)
                .customer(customer)
                .occurredAt(RECORD_EPOCH.plusSeconds(n))
                .subject("Re: Order " + (100_000 + n % 50_000) + " delivery date")
                .body(BODY + n)
                .participant(ParticipantRole.FROM, Data.seedEmail(g))
                .participant(ParticipantRole.TO, "support@shop.example")
                .thread("order-" + (100_000 + n % 50_000))
                .source("email", "<msg-" + n + "@mail.example.com>")
                .build();
    }

    /** Whether seeded activity k is an order (else an interaction). */
    static boolean isOrder(long k) {
        return k % 10 == 0;
    }

    static Instant seedAt(long k) {
        return SEED_EPOCH.plusSeconds(k);
    }

    /** A UUIDv7-shaped id: the millisecond of seeded activity k, version 7, then k itself. */
    static UUID seedActivityId(long k) {
        long millis = seedAt(k).toEpochMilli();
        long msb = (millis << 16) | 0x7000L | ((k >>> 48) & 0x0fffL);
        long lsb = 0x8000_0000_0000_0000L | (k & 0x0000_ffff_ffff_ffffL);
        return new UUID(msb, lsb);
    }

    /** Seeded interaction k, of the given customer (null: unmatched). */
    static Interaction seedInteraction(long k, CustomerId customer) {
        Instant at = seedAt(k);
        InteractionId id = new InteractionId(seedActivityId(k));
        return switch ((int) (k % 4)) {
            case 0 ->
                new Interaction(
                        id,
                        1,
                        customer,
                        Channel.EMAIL,
                        Direction.INBOUND,
                        at,
                        RECORDED_AT,
                        "Question about order " + k,
                        "Where is my parcel? Ref " + k,
                        null,
                        null,
                        List.of(new Participant(ParticipantRole.FROM, "c" + k % 1000 + "@example.com")),
                        "t-" + k / 40,
                        null,
                        null,
                        List.of(),
                        Map.of(),
                        new SourceRef("seed", "i" + k));
            case 1 ->
                new Interaction(
                        id,
                        1,
                        customer,
                        Channel.PHONE,
                        Direction.OUTBOUND,
                        at,
                        RECORDED_AT,
                        null,
                        "Called back about the delivery",
                        null,
                        "agent-" + k % 20,
                        List.of(),
                        null,
                        Duration.ofSeconds(60 + k % 600),
                        "answered",
                        List.of(),
                        Map.of(),
                        new SourceRef("seed", "i" + k));
            case 2 ->
                new Interaction(
                        id,
                        1,
                        customer,
                        Channel.CHAT,
                        Direction.INBOUND,
                        at,
                        RECORDED_AT,
                        null,
                        "Hi, is the blue one back in stock? " + k,
                        null,
                        null,
                        List.of(),
                        null,
                        null,
                        null,
                        List.of(),
                        Map.of(),
                        new SourceRef("seed", "i" + k));
            default ->
                new Interaction(
                        id,
                        1,
                        customer,
                        Channel.WEB,
                        Direction.INTERNAL,
                        at,
                        RECORDED_AT,
                        null,
                        "Prefers delivery after 10am",
                        null,
                        "agent-" + k % 20,
                        List.of(),
                        null,
                        null,
                        null,
                        List.of(),
                        Map.of(),
                        new SourceRef("seed", "i" + k));
        };
    }

    /** Seeded order k, of the given customer: two lines in EUR, nothing reversed. */
    static Order seedOrder(long k, CustomerId customer) {
        BigDecimal q1 = BigDecimal.valueOf(1 + k % 3);
        BigDecimal p1 = new BigDecimal("19.9");
        BigDecimal q2 = BigDecimal.ONE;
        BigDecimal p2 = new BigDecimal("4.5");
        BigDecimal t1 = Money.lineTotal(q1, p1, EUR);
        BigDecimal t2 = Money.lineTotal(q2, p2, EUR);
        return new Order(
                new OrderId(seedActivityId(k)),
                1,
                customer,
                seedAt(k),
                RECORDED_AT,
                Channel.WEB,
                "web-eu",
                EUR,
                List.of(
                        new OrderLine(1, "SKU-" + k % 500, "Walking socks", q1, p1, t1, BigDecimal.ZERO),
                        new OrderLine(2, "SKU-SHIP", null, q2, p2, t2, BigDecimal.ZERO)),
                t1.add(t2),
                Money.zero(EUR),
                new SourceRef("shop", "o" + k));
    }
}
