package dev.rapport.crm.jdbc.internal;

import dev.rapport.crm.jdbc.dialect.Dialect;
import dev.rapport.crm.json.CrmJson;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.StorageException;
import dev.rapport.crm.model.activity.Activity;
import dev.rapport.crm.model.activity.ActivityKind;
import dev.rapport.crm.model.activity.Interaction;
import dev.rapport.crm.model.activity.Order;
import dev.rapport.crm.model.activity.Reversal;
import dev.rapport.crm.model.activity.SourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The mapping of activity records to rows of {@code interactions}, {@code orders} and {@code
 * order_reversals} and back. A row keeps its whole record as JSON in {@code payload} (so that it
 * round-trips exactly, decimal scales and nullable fields included); the other columns repeat
 * what is queried, indexed or aggregated.
 */
final class ActivityRows {

    static final String INTERACTIONS = "interactions";
    static final String ORDERS = "orders";
    static final String REVERSALS = "order_reversals";

    private ActivityRows() {}

    /**
     * @param source a source reference, or null
     * @return the lower-case hex SHA-256 of the UTF-8 {@link SourceRef#key()}, or null for none:
     *     the indexed idempotency key (a key may be longer than an index key allows)
     */
    static @Nullable String sourceHash(@Nullable SourceRef source) {
        if (source == null) {
            return null;
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(source.key().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    static @Nullable String sourceKey(@Nullable SourceRef source) {
        return source == null ? null : source.key();
    }

    /** @return the table holding activities of the kind */
    static String table(ActivityKind kind) {
        return switch (kind) {
            case INTERACTION -> INTERACTIONS;
            case ORDER -> ORDERS;
            case REVERSAL -> REVERSALS;
        };
    }

    static String json(Activity activity) {
        return CrmJson.write(activity);
    }

    /**
     * @return the values of the order's row of {@code orders}, in {@link RowShape#ORDERS} order: the
     *     record beside the amounts, the fully-reversed flag, its UTC date and its source key; the
     *     record stands for its JSON, which {@link OrderJson} writes as the row is bound or copied
     */
    static @Nullable Object[] orderRow(UUID tenant, Order order) {
        CustomerId customer = order.customerId();
        return new Object[] {
            tenant,
            order.id().value(),
            order.version(),
            customer.value(),
            order.occurredAt(),
            LocalDate.ofInstant(order.occurredAt(), ZoneOffset.UTC),
            order.channel().name(),
            order.currency().getCurrencyCode(),
            order.total(),
            order.reversedTotal(),
            order.fullyReversed(),
            sourceHash(order.source()),
            sourceKey(order.source()),
            order
        };
    }

    /** @return the values of the interaction's row of {@code interactions}, in {@link RowShape#INTERACTIONS} order */
    static @Nullable Object[] interactionRow(UUID tenant, Interaction interaction) {
        CustomerId customer = interaction.customerId();
        return new Object[] {
            tenant,
            interaction.id().value(),
            interaction.version(),
            customer == null ? null : customer.value(),
            interaction.channel().name(),
            interaction.direction().name(),
            interaction.occurredAt(),
            interaction.threadId(),
            sourceHash(interaction.source()),
            sourceKey(interaction.source()),
            json(interaction)
        };
    }

    /** @return the values of the reversal's row of {@code order_reversals}, in {@link RowShape#REVERSALS} order */
    static @Nullable Object[] reversalRow(UUID tenant, Reversal reversal) {
        return new Object[] {
            tenant,
            reversal.id().value(),
            reversal.orderId().value(),
            reversal.customerId().value(),
            reversal.kind().name(),
            reversal.occurredAt(),
            reversal.channel().name(),
            reversal.currency().getCurrencyCode(),
            reversal.amount(),
            sourceHash(reversal.source()),
            sourceKey(reversal.source()),
            json(reversal)
        };
    }

    static Interaction interaction(ResultSet rows) throws SQLException {
        return read(rows, ActivityKind.INTERACTION, Interaction.class);
    }

    static Order order(ResultSet rows) throws SQLException {
        return read(rows, ActivityKind.ORDER, Order.class);
    }

    static Reversal reversal(ResultSet rows) throws SQLException {
        return read(rows, ActivityKind.REVERSAL, Reversal.class);
    }

    /** Reads a row of the timeline union: its {@code kind} column says which record it holds. */
    static Activity activity(ResultSet rows) throws SQLException {
        ActivityKind kind;
        try {
            kind = ActivityKind.valueOf(rows.getString("kind").strip());
        } catch (IllegalArgumentException e) {
            throw new StorageException("unknown activity kind in the timeline", e);
        }
        return switch (kind) {
            case INTERACTION -> interaction(rows);
            case ORDER -> order(rows);
            case REVERSAL -> reversal(rows);
        };
    }

    /** Reads the {@code payload} column; a row that cannot be read names the id column's value only. */
    private static <T> T read(ResultSet rows, ActivityKind kind, Class<T> type) throws SQLException {
        String payload = rows.getString("payload");
        try {
            return CrmJson.mapper().readValue(payload, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new StorageException(
                    "stored " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + rows.getString("id")
                            + " cannot be read",
                    e);
        }
    }

    /**
     * @return the instant in the column, or null if it is NULL
     */
    static @Nullable Instant nullableInstant(ResultSet rows, String column, Dialect dialect) throws SQLException {
        return rows.getObject(column) == null ? null : dialect.getInstant(rows, column);
    }

    /** @return the UUID in the column, or null if it is NULL */
    static @Nullable UUID nullableUuid(ResultSet rows, String column, Dialect dialect) throws SQLException {
        return rows.getObject(column) == null ? null : dialect.getUuid(rows, column);
    }
}
