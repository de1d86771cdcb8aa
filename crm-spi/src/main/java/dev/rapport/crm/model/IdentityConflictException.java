package dev.rapport.crm.model;

import java.util.Objects;

/**
 * An identity (email, phone, social handle, external id) is already held by another customer of
 * the same tenant. Names the holder's id, never the identity's value.
 *
 * @since 0.1
 */
public final class IdentityConflictException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final CustomerId existingCustomerId;
    private final IdentityKind kind;

    /**
     * @param kind the kind of identity that clashed
     * @param existingCustomerId the customer who holds it
     */
    public IdentityConflictException(IdentityKind kind, CustomerId existingCustomerId) {
        super(Objects.requireNonNull(kind, "kind").label() + " identity is already held by customer "
                + Objects.requireNonNull(existingCustomerId, "existingCustomerId"));
        this.kind = kind;
        this.existingCustomerId = existingCustomerId;
    }

    /** @return the customer who already holds the identity */
    public CustomerId existingCustomerId() {
        return existingCustomerId;
    }

    /** @return the kind of identity that clashed */
    public IdentityKind kind() {
        return kind;
    }
}
