package dev.rapport.crm.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * A value of a custom attribute. One record per {@link AttributeType}; the engine converts plain
 * Java values ({@code String}, {@code Long}, {@code BigDecimal}, ...) to these using the
 * attribute's definition.
 *
 * @since 0.1
 */
public sealed interface AttributeValue {

    /** @return the type this value belongs to */
    AttributeType type();

    /** @return the plain Java value: String, Long, BigDecimal, Boolean, LocalDate, Instant or List */
    Object raw();

    /**
     * Text.
     *
     * @param value the text
     */
    record Text(String value) implements AttributeValue {
        /** Checks presence. */
        public Text {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public AttributeType type() {
            return AttributeType.TEXT;
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /**
     * A whole number.
     *
     * @param value the number
     */
    record Int(long value) implements AttributeValue {
        @Override
        public AttributeType type() {
            return AttributeType.INTEGER;
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /**
     * An exact decimal, kept with trailing zeros stripped so that {@code 1.50} and {@code 1.5} are
     * one value.
     *
     * @param value the number
     */
    record Decimal(BigDecimal value) implements AttributeValue {
        /** Strips trailing zeros (keeping a non-negative scale). */
        public Decimal {
            Objects.requireNonNull(value, "value");
            BigDecimal stripped = value.stripTrailingZeros();
            value = stripped.scale() < 0 ? stripped.setScale(0) : stripped;
        }

        @Override
        public AttributeType type() {
            return AttributeType.DECIMAL;
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /**
     * True or false.
     *
     * @param value the flag
     */
    record Bool(boolean value) implements AttributeValue {
        @Override
        public AttributeType type() {
            return AttributeType.BOOLEAN;
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /**
     * A calendar date.
     *
     * @param value the date
     */
    record Date(LocalDate value) implements AttributeValue {
        /** Checks presence. */
        public Date {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public AttributeType type() {
            return AttributeType.DATE;
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /**
     * An instant, truncated to the microsecond (the precision every supported database keeps).
     *
     * @param value the instant
     */
    record Timestamp(Instant value) implements AttributeValue {
        /** Truncates to microseconds. */
        public Timestamp {
            value = Objects.requireNonNull(value, "value").truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public AttributeType type() {
            return AttributeType.TIMESTAMP;
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /**
     * One of a definition's choices.
     *
     * @param value the choice
     */
    record Choice(String value) implements AttributeValue {
        /** Checks presence. */
        public Choice {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public AttributeType type() {
            return AttributeType.CHOICE;
        }

        @Override
        public Object raw() {
            return value;
        }
    }

    /**
     * A list of text values, in the order given.
     *
     * @param value the texts
     */
    record TextList(List<String> value) implements AttributeValue {
        /** Copies the list. */
        public TextList {
            value = List.copyOf(value);
        }

        @Override
        public AttributeType type() {
            return AttributeType.TEXT_LIST;
        }

        @Override
        public Object raw() {
            return value;
        }
    }
}
