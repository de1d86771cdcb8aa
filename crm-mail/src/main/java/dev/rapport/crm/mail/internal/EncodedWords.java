package dev.rapport.crm.mail.internal;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B?...?=}, {@code =?charset?Q?...?=}) wherever
 * they stand, not only between spaces, as mailers in the wild write them. Adjacent words separated
 * only by whitespace are joined (the whitespace dropped, RFC 2047 section 6.2), and their bytes
 * decoded together when they share charset and encoding, so that a multi-byte character split
 * across two words survives. A word whose payload cannot be decoded is left as it stands; an
 * unknown charset is read as {@link Charsets#decode} says.
 */
final class EncodedWords {
    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,80})\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {}

    static String decode(String text) {
        if (!text.contains("=?")) {
            return text;
        }
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        Run run = null;
        int last = 0;
        while (m.find()) {
            String between = text.substring(last, m.start());
            byte[] bytes = payload(m.group(2), m.group(3));
            if (bytes == null) {
                // undecodable: flush and keep the word as text
                if (run != null) {
                    run.appendTo(out);
                    run = null;
                }
                out.append(between).append(m.group());
                last = m.end();
                continue;
            }
            String charset = m.group(1);
            int star = charset.indexOf('*'); // RFC 2231 language: =?utf-8*en?Q?...?=
            if (star >= 0) {
                charset = charset.substring(0, star);
            }
            boolean adjacent = run != null && between.isBlank();
            if (adjacent && run.joins(charset, m.group(2))) {
                run.bytes.writeBytes(bytes);
            } else {
                if (run != null) {
                    run.appendTo(out);
                }
                if (!adjacent) {
                    out.append(between);
                }
                run = new Run(charset, m.group(2));
                run.bytes.writeBytes(bytes);
            }
            last = m.end();
        }
        if (run != null) {
            run.appendTo(out);
        }
        out.append(text, last, text.length());
        return out.toString();
    }

    private static byte @Nullable [] payload(String encoding, String data) {
        if (encoding.equalsIgnoreCase("B")) {
            try {
                return Base64.getMimeDecoder().decode(data);
            } catch (IllegalArgumentException corrupt) {
                return null;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '='
                    && i + 2 < data.length()
                    && hex(data.charAt(i + 1)) >= 0
                    && hex(data.charAt(i + 2)) >= 0) {
                out.write(hex(data.charAt(i + 1)) * 16 + hex(data.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static final class Run {
        final String charset;
        final String encoding;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Run(String charset, String encoding) {
            this.charset = charset;
            this.encoding = encoding.toUpperCase(Locale.ROOT);
        }

        boolean joins(String otherCharset, String otherEncoding) {
            return charset.equalsIgnoreCase(otherCharset)
                    && Objects.equals(encoding, otherEncoding.toUpperCase(Locale.ROOT));
        }

        void appendTo(StringBuilder out) {
            out.append(Charsets.decode(bytes.toByteArray(), charset));
        }
    }
}
