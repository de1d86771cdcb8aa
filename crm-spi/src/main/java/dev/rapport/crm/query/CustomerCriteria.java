package dev.rapport.crm.query;

import dev.rapport.crm.model.AttributeValue;
import dev.rapport.crm.model.LifecycleStage;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A filter over customers: a small tree that the in-memory adapter evaluates and the JDBC adapter
 * translates to parameterised SQL. Every leaf is two-valued: a customer without the attribute a
 * leaf compares simply does not match it, so {@code not(attribute("tier").eq("gold"))} matches
 * customers with no tier.
 *
 * <p>Build with the static factories: {@code and(stageIn(CUSTOMER), hasTag("vip"))}.
 *
 * @since 0.1
 */
public sealed interface CustomerCriteria {

    /** Matches every customer. */
    record All() implements CustomerCriteria {}

    /**
     * Matches when every part matches (true when empty).
     *
     * @param parts the parts
     */
    record And(List<CustomerCriteria> parts) implements CustomerCriteria {
        /** Copies the parts. */
        public And {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Matches when any part matches (false when empty).
     *
     * @param parts the parts
     */
    record Or(List<CustomerCriteria> parts) implements CustomerCriteria {
        /** Copies the parts. */
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Matches when the part does not.
     *
     * @param part the negated part
     */
    record Not(CustomerCriteria part) implements CustomerCriteria {
        /** Checks presence. */
        public Not {
            Objects.requireNonNull(part, "part");
        }
    }

    /**
     * Matches customers in any of the stages.
     *
     * @param stages the stages
     */
    record StageIn(Set<LifecycleStage> stages) implements CustomerCriteria {
        /** Copies the stages. */
        public StageIn {
            stages = stages.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(stages));
        }
    }

    /**
     * Matches customers whose display name starts with the prefix, ignoring case (lower-cased
     * with {@code Locale.ROOT}).
     *
     * @param prefix the prefix
     */
    record NamePrefix(String prefix) implements CustomerCriteria {
        /** Checks presence. */
        public NamePrefix {
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /**
     * Matches customers carrying the tag (normalised by the engine before it reaches a store).
     *
     * @param tag the tag
     */
    record HasTag(String tag) implements CustomerCriteria {
        /** Checks presence. */
        public HasTag {
            Objects.requireNonNull(tag, "tag");
        }
    }

    /**
     * Matches customers created in {@code [from, to)}.
     *
     * @param from inclusive start
     * @param to exclusive end
     */
    record CreatedBetween(Instant from, Instant to) implements CustomerCriteria {
        /** Checks presence. */
        public CreatedBetween {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * Compares a custom attribute with a value of the attribute's type. {@code NE} matches
     * customers that have the attribute with another value; {@code CONTAINS} applies to text
     * lists.
     *
     * @param key the attribute key
     * @param op the comparison
     * @param value the value compared with
     */
    record AttributeCompare(String key, Comparison op, AttributeValue value) implements CustomerCriteria {
        /** Checks presence. */
        public AttributeCompare {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Matches customers whose attribute equals one of the values.
     *
     * @param key the attribute key
     * @param values the values
     */
    record AttributeIn(String key, List<AttributeValue> values) implements CustomerCriteria {
        /** Copies the values. */
        public AttributeIn {
            Objects.requireNonNull(key, "key");
            values = List.copyOf(values);
        }
    }

    /**
     * Matches customers that have a value for the attribute.
     *
     * @param key the attribute key
     */
    record AttributePresent(String key) implements CustomerCriteria {
        /** Checks presence. */
        public AttributePresent {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The comparisons of {@link AttributeCompare}. */
    enum Comparison {
        /** Equal. */
        EQ,
        /** Present and not equal. */
        NE,
        /** Less than (ordered types). */
        LT,
        /** Less than or equal (ordered types). */
        LE,
        /** Greater than (ordered types). */
        GT,
        /** Greater than or equal (ordered types). */
        GE,
        /** The text list contains the text. */
        CONTAINS
    }

    /** @return a criterion matching every customer */
    static CustomerCriteria all() {
        return new All();
    }

    /**
     * @param parts the parts
     * @return a criterion matching when all parts match
     */
    static CustomerCriteria and(CustomerCriteria... parts) {
        return new And(Arrays.asList(parts));
    }

    /**
     * @param parts the parts
     * @return a criterion matching when any part matches
     */
    static CustomerCriteria or(CustomerCriteria... parts) {
        return new Or(Arrays.asList(parts));
    }

    /**
     * @param part the part
     * @return its negation
     */
    static CustomerCriteria not(CustomerCriteria part) {
        return new Not(part);
    }

    /**
     * @param first a stage
     * @param more more stages
     * @return customers in any of them
     */
    static CustomerCriteria stageIn(LifecycleStage first, LifecycleStage... more) {
        return new StageIn(EnumSet.of(first, more));
    }

    /**
     * @param prefix a name prefix
     * @return customers whose display name starts with it, ignoring case
     */
    static CustomerCriteria namePrefix(String prefix) {
        return new NamePrefix(prefix);
    }

    /**
     * @param tag a tag
     * @return customers carrying it
     */
    static CustomerCriteria hasTag(String tag) {
        return new HasTag(tag);
    }

    /**
     * @param from inclusive start
     * @param to exclusive end
     * @return customers created in {@code [from, to)}
     */
    static CustomerCriteria createdBetween(Instant from, Instant to) {
        return new CreatedBetween(from, to);
    }

    /**
     * Starts an attribute comparison: {@code attribute("tier").eq("gold")}. Plain values are
     * converted with the attribute's definition when the query runs.
     *
     * @param key the attribute key
     * @return a builder of comparisons on it
     */
    static AttributeCriteria attribute(String key) {
        return new AttributeCriteria(key);
    }
}
