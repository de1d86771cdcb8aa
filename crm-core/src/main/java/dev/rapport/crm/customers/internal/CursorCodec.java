package dev.rapport.crm.customers.internal;

import dev.rapport.crm.model.Customer;
import dev.rapport.crm.model.CustomerId;
import dev.rapport.crm.model.ValidationException;
import dev.rapport.crm.query.CustomerSort;
import dev.rapport.crm.spi.SortKey;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Encodes and decodes the opaque page cursors: URL-safe Base64 of {@code 1|C|seconds|nanos|id} or
 * {@code 1|N|id|sortName}. Decoding accepts only what encoding produces; anything else is a {@link
 * ValidationException} on {@code cursor}.
 */
public final class CursorCodec {
    private static final int MAX_LENGTH = 2048;

    private CursorCodec() {}

    /**
     * @param sort the listing order
     * @param last the last customer of a page
     * @return the cursor that continues after it
     */
    public static String encode(CustomerSort sort, Customer last) {
        String plain =
                switch (sort) {
                    case CREATED ->
                        "1|C|" + last.createdAt().getEpochSecond() + "|"
                                + last.createdAt().getNano() + "|" + last.id();
                    case NAME -> "1|N|" + last.id() + "|" + sortName(last.displayName());
                };
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param displayName a display name
     * @return the key the NAME order compares
     */
    public static String sortName(String displayName) {
        return displayName.toLowerCase(Locale.ROOT);
    }

    /**
     * @param sort the order of the listing the cursor is used with
     * @param cursor a cursor from {@link #encode}
     * @return the position to continue after
     * @throws ValidationException if the cursor is malformed or belongs to another order
     */
    public static SortKey decode(CustomerSort sort, String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw bad();
        }
        String plain;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            plain = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw bad();
        }
        String[] parts = plain.split("\\|", 4);
        if (parts.length < 4 || !parts[0].equals("1")) {
            throw bad();
        }
        try {
            if (parts[1].equals("C")) {
                if (sort != CustomerSort.CREATED) {
                    throw ValidationException.of("cursor", "belongs to a listing in another order");
                }
                String[] rest = parts[3].split("\\|", -1);
                if (rest.length != 2) {
                    throw bad();
                }
                long seconds = Long.parseLong(parts[2]);
                long nanos = Long.parseLong(rest[0]);
                if (nanos < 0 || nanos > 999_999_999) {
                    throw bad();
                }
                return new SortKey(Instant.ofEpochSecond(seconds, nanos), null, id(rest[1]));
            }
            if (parts[1].equals("N")) {
                if (sort != CustomerSort.NAME) {
                    throw ValidationException.of("cursor", "belongs to a listing in another order");
                }
                return new SortKey(null, parts[3], id(parts[2]));
            }
        } catch (NumberFormatException | DateTimeException e) {
            throw bad();
        }
        throw bad();
    }

    private static CustomerId id(String text) {
        try {
            return CustomerId.parse(text); // canonical form only: one position has one cursor
        } catch (ValidationException e) {
            throw bad();
        }
    }

    private static ValidationException bad() {
        return ValidationException.of("cursor", "not a cursor issued by this listing");
    }
}
