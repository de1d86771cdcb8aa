package dev.rapport.crm.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's definition of a custom attribute: its key, type, whether it is required and the
 * constraints its values must meet.
 *
 * <p>Constraints: {@code maxLength} applies to text, choice and each element of a text list;
 * {@code min} and {@code max} (inclusive) to integers and decimals; {@code choices} lists the
 * allowed values of a choice attribute. Build one with {@link #of(String, AttributeType)} and the
 * {@code with...} copies.
 *
 * @param key lower-case letters, digits and underscores, starting with a letter, at most 64
 * @param type the type of every value
 * @param required true if every customer created from now on must have a value
 * @param maxLength the longest text allowed, if limited
 * @param min the smallest number allowed, if limited
 * @param max the largest number allowed, if limited
 * @param choices the allowed values of a {@link AttributeType#CHOICE} attribute
 * @since 0.1
 */
public record AttributeDefinition(
        String key,
        AttributeType type,
        boolean required,
        @Nullable Integer maxLength,
        @Nullable BigDecimal min,
        @Nullable BigDecimal max,
        List<String> choices) {

    /** Checks presence and copies the choices. Rule checks are the engine's. */
    public AttributeDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
    }

    /**
     * @param key the key
     * @param type the type
     * @return an optional attribute with no constraints
     */
    public static AttributeDefinition of(String key, AttributeType type) {
        return new AttributeDefinition(key, type, false, null, null, null, List.of());
    }

    /** @return a copy that is required on create */
    public AttributeDefinition asRequired() {
        return new AttributeDefinition(key, type, true, maxLength, min, max, choices);
    }

    /**
     * @param length the longest text allowed
     * @return a copy with that limit
     */
    public AttributeDefinition withMaxLength(int length) {
        return new AttributeDefinition(key, type, required, length, min, max, choices);
    }

    /**
     * @param minInclusive the smallest number allowed, or null for none
     * @param maxInclusive the largest number allowed, or null for none
     * @return a copy with that range
     */
    public AttributeDefinition withRange(@Nullable BigDecimal minInclusive, @Nullable BigDecimal maxInclusive) {
        return new AttributeDefinition(key, type, required, maxLength, minInclusive, maxInclusive, choices);
    }

    /**
     * @param allowed the allowed values
     * @return a copy with those choices
     */
    public AttributeDefinition withChoices(String... allowed) {
        return new AttributeDefinition(key, type, required, maxLength, min, max, List.of(allowed));
    }

    /** @return the text length limit, if any */
    public Optional<Integer> maxLengthIfSet() {
        return Optional.ofNullable(maxLength);
    }
}
