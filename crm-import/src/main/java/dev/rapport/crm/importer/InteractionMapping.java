package dev.rapport.crm.importer;

import dev.rapport.crm.model.Channel;
import dev.rapport.crm.model.IdentityKind;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.model.ValidationException.Violation;
import dev.rapport.crm.model.activity.Direction;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of an interaction file map to interactions, one row each. Every interaction
 * gets the source reference {@code (source, id column)}, so re-importing changes nothing; the
 * customer is found by an identity column (a row whose customer is unknown is rejected). Channel
 * and direction cells are enum names, case-insensitive ({@code email}, {@code inbound}).
 * Immutable and thread-safe.
 *
 * @since 0.2
 */
public final class InteractionMapping {
    final String source;
    final String externalId;
    final IdentityKind customerKind;
    final String customerScope;
    final String customer;
    final @Nullable Channel channel;
    final @Nullable String channelColumn;
    final @Nullable Direction direction;
    final @Nullable String directionColumn;
    final String occurredAt;
    final @Nullable DateTimeFormatter dateFormat;
    final ZoneId zone;
    final @Nullable String subject;
    final @Nullable String body;
    final @Nullable String author;
    final @Nullable String thread;

    private InteractionMapping(Builder b) {
        this.source = Objects.requireNonNull(b.source);
        this.externalId = Objects.requireNonNull(b.externalId);
        this.customerKind = Objects.requireNonNull(b.customerKind);
        this.customerScope = b.customerScope;
        this.customer = Objects.requireNonNull(b.customer);
        this.channel = b.channel;
        this.channelColumn = b.channelColumn;
        this.direction = b.direction;
        this.directionColumn = b.directionColumn;
        this.occurredAt = Objects.requireNonNull(b.occurredAt);
        this.dateFormat = b.dateFormat;
        this.zone = b.zone;
        this.subject = b.subject;
        this.body = b.body;
        this.author = b.author;
        this.thread = b.thread;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    List<String> columns() {
        List<String> out = new ArrayList<>(List.of(externalId, customer, occurredAt));
        for (String c : new String[] {channelColumn, directionColumn, subject, body, author, thread}) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** Builds an {@link InteractionMapping}; {@link #build()} reports every problem at once. Not thread-safe. */
    public static final class Builder {
        private @Nullable String source;
        private @Nullable String externalId;
        private @Nullable IdentityKind customerKind;
        private String customerScope = "";
        private @Nullable String customer;
        private @Nullable Channel channel;
        private @Nullable String channelColumn;
        private @Nullable Direction direction;
        private @Nullable String directionColumn;
        private @Nullable String occurredAt;
        private @Nullable DateTimeFormatter dateFormat;
        private ZoneId zone = ZoneId.of("UTC");
        private @Nullable String subject;
        private @Nullable String body;
        private @Nullable String author;
        private @Nullable String thread;

        private Builder() {}

        /**
         * @param system the source system, such as {@code helpdesk}
         * @param idColumn the column of each interaction's id there (required)
         * @return this builder
         */
        public Builder source(String system, String idColumn) {
            this.source = system;
            this.externalId = idColumn;
            return this;
        }

        /**
         * @param system the external system of the customer ids
         * @param column the customer id column
         * @return this builder
         */
        public Builder customerExternalId(String system, String column) {
            this.customerKind = IdentityKind.EXTERNAL;
            this.customerScope = system;
            this.customer = column;
            return this;
        }

        /**
         * @param column the customer's email address column
         * @return this builder
         */
        public Builder customerEmail(String column) {
            this.customerKind = IdentityKind.EMAIL;
            this.customerScope = "";
            this.customer = column;
            return this;
        }

        /**
         * @param fixed the channel of every row
         * @return this builder
         */
        public Builder channel(Channel fixed) {
            this.channel = fixed;
            this.channelColumn = null;
            return this;
        }

        /**
         * @param column the column of each row's channel
         * @return this builder
         */
        public Builder channelColumn(String column) {
            this.channelColumn = column;
            this.channel = null;
            return this;
        }

        /**
         * @param fixed the direction of every row
         * @return this builder
         */
        public Builder direction(Direction fixed) {
            this.direction = fixed;
            this.directionColumn = null;
            return this;
        }

        /**
         * @param column the column of each row's direction
         * @return this builder
         */
        public Builder directionColumn(String column) {
            this.directionColumn = column;
            this.direction = null;
            return this;
        }

        /**
         * @param column the time column (required)
         * @param format its format, or null for ISO-8601
         * @param zoneOfLocalTimes the zone of times without an offset
         * @return this builder
         */
        public Builder occurredAt(String column, @Nullable DateTimeFormatter format, ZoneId zoneOfLocalTimes) {
            this.occurredAt = column;
            this.dateFormat = format;
            this.zone = Objects.requireNonNull(zoneOfLocalTimes, "zoneOfLocalTimes");
            return this;
        }

        /**
         * @param subjectColumn the subject column, or null
         * @param bodyColumn the body column, or null
         * @return this builder
         */
        public Builder content(@Nullable String subjectColumn, @Nullable String bodyColumn) {
            this.subject = subjectColumn;
            this.body = bodyColumn;
            return this;
        }

        /**
         * @param column the author (agent) column
         * @return this builder
         */
        public Builder author(@Nullable String column) {
            this.author = column;
            return this;
        }

        /**
         * @param column the thread id column
         * @return this builder
         */
        public Builder thread(@Nullable String column) {
            this.thread = column;
            return this;
        }

        /**
         * @return the mapping
         * @throws ValidationException naming every missing setting
         */
        public InteractionMapping build() {
            List<Violation> v = new ArrayList<>();
            if (source == null || externalId == null) {
                v.add(new Violation(
                        "source", "a source system and id column are required: they make re-imports idempotent"));
            }
            if (customer == null) {
                v.add(new Violation("customer", "a customer identity column is required"));
            }
            if (channel == null && channelColumn == null) {
                v.add(new Violation("channel", "give a channel or a channel column"));
            }
            if (direction == null && directionColumn == null) {
                v.add(new Violation("direction", "give a direction or a direction column"));
            }
            if (occurredAt == null) {
                v.add(new Violation("occurredAt", "a column is required"));
            }
            if (!v.isEmpty()) {
                throw new ValidationException(v);
            }
            return new InteractionMapping(this);
        }
    }
}
