package dev.rapport.crm.model.activity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is known of an attachment: its metadata only. Rapport never stores attachment content; an
 * application that keeps files stores them elsewhere and may put their location in {@code
 * reference}.
 *
 * @param fileName the file name as sent, if any
 * @param contentType the MIME type, such as {@code application/pdf}
 * @param size the decoded size in bytes, or -1 if unknown
 * @param reference where the application keeps the content, if anywhere
 * @since 0.2
 */
public record Attachment(
        @Nullable String fileName,
        String contentType,
        long size,
        @Nullable String reference) {
    /** Checks presence and the size. */
    public Attachment {
        Objects.requireNonNull(contentType, "contentType");
        if (size < -1) {
            throw new IllegalArgumentException("size must be -1 (unknown) or at least 0, was " + size);
        }
    }
}
