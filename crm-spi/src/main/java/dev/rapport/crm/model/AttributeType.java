package dev.rapport.crm.model;

/**
 * The type of a custom attribute, fixed when the tenant defines it.
 *
 * @since 0.1
 */
public enum AttributeType {
    /** Free text. */
    TEXT,
    /** A whole number ({@code long}). */
    INTEGER,
    /** An exact decimal ({@code BigDecimal}). */
    DECIMAL,
    /** True or false. */
    BOOLEAN,
    /** A calendar date. */
    DATE,
    /** An instant, kept to the microsecond. */
    TIMESTAMP,
    /** One of the definition's choices. */
    CHOICE,
    /** A list of text values. */
    TEXT_LIST;

    /** @return true if values of this type have an order (less than, greater than) */
    public boolean ordered() {
        return this == TEXT || this == INTEGER || this == DECIMAL || this == DATE || this == TIMESTAMP;
    }
}
