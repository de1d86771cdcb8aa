package dev.rapport.crm.model.activity;

import java.util.Objects;

/**
 * Someone who took part in an interaction, by the address they used: an email address, a phone
 * number, a social handle. Addresses are kept as given; they are personal data and never logged.
 *
 * @param role the part they played
 * @param address the address, number or handle, trimmed, 1 to 320 characters
 * @since 0.2
 */
public record Participant(ParticipantRole role, String address) {
    /** Checks presence and trims. */
    public Participant {
        Objects.requireNonNull(role, "role");
        address = Objects.requireNonNull(address, "address").strip();
    }

    /**
     * @param role the role
     * @param address the address
     * @return the participant
     */
    public static Participant of(ParticipantRole role, String address) {
        return new Participant(role, address);
    }
}
