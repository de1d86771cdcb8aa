package dev.rapport.crm.mail.internal;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns bytes into text by a MIME charset label, leniently: a label Java supports is used as
 * declared (undecodable bytes become U+FFFD); a missing, {@code us-ascii} or unknown label is read
 * as UTF-8 when the bytes are valid UTF-8, else as ISO-8859-1; ISO-8859-1 with bytes in 0x80-0x9F
 * (C1 controls, which no one means) is read as windows-1252, as the WHATWG encoding standard does.
 */
final class Charsets {
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Charsets() {}

    /**
     * @param label a MIME charset name, possibly quoted, or null
     * @return the charset, or null when the label is missing or Java does not know it
     */
    static @Nullable Charset forLabel(@Nullable String label) {
        if (label == null) {
            return null;
        }
        String name = label.strip();
        if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1).strip();
        }
        if (name.isEmpty() || name.length() > 64) {
            return null;
        }
        try {
            String java = MimeUtility.javaCharset(name);
            return Charset.forName(java == null ? name : java);
        } catch (RuntimeException unknown) { // IllegalCharsetNameException, UnsupportedCharsetException
            return null;
        }
    }

    /**
     * @param bytes the encoded text
     * @param label the declared MIME charset, or null
     * @return the text
     */
    static String decode(byte[] bytes, @Nullable String label) {
        Charset cs = forLabel(label);
        if (cs == null || cs.equals(StandardCharsets.US_ASCII)) {
            return sniff(bytes);
        }
        if (cs.equals(StandardCharsets.ISO_8859_1)) {
            return latin1(bytes);
        }
        return lenient(bytes, cs);
    }

    /** Bytes without a usable label: ASCII or UTF-8 if they are that, else ISO-8859-1. */
    static String sniff(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return latin1(bytes);
        }
    }

    private static String latin1(byte[] bytes) {
        for (byte b : bytes) {
            int v = b & 0xff;
            if (v >= 0x80 && v <= 0x9f) {
                return lenient(bytes, WINDOWS_1252);
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String lenient(byte[] bytes, Charset cs) {
        try {
            return cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException | RuntimeException e) {
            // REPLACE never reports; a broken decoder of an exotic charset still must not escape
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Header text as Jakarta Mail reads it (each byte one char, ISO-8859-1) re-read as UTF-8 when
     * its 8-bit bytes form valid UTF-8 (RFC 6532 headers); otherwise left as ISO-8859-1.
     */
    static String fixHeader8bit(String value) {
        boolean eight = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xff) {
                return value; // already decoded text
            }
            if (c >= 0x80) {
                eight = true;
            }
        }
        return eight ? sniff(value.getBytes(StandardCharsets.ISO_8859_1)) : value;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
