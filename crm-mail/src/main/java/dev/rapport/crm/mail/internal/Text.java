package dev.rapport.crm.mail.internal;

/** Small text clean-ups shared by the mapping. */
final class Text {
    private Text() {}

    /** Line ends to {@code \n}, a leading byte order mark dropped, trailing whitespace dropped. */
    static String normalizeBody(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        if (t.startsWith("\ufeff")) {
            t = t.substring(1);
        }
        return t.stripTrailing();
    }

    /** One line: control characters and runs of whitespace become one space; stripped. */
    static String clean(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\u00a0') {
                space = true;
            } else {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** At most {@code max} chars, never cutting a surrogate pair. */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Unwraps RFC 3676 {@code format=flowed} text: a line ending in a space continues on the next
     * line of the same quote depth (the space removed too with {@code delsp=yes}); space-stuffing is
     * undone; the signature separator {@code "-- "} stays a hard break. Input lines end in {@code \n}.
     */
    static String unflow(String text, boolean delsp) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        boolean open = false; // the previous line was soft: this one continues it
        int openDepth = 0;
        for (String line : lines) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '>') {
                depth++;
            }
            String content = line.substring(depth);
            if (content.startsWith(" ")) {
                content = content.substring(1);
            }
            boolean soft = content.endsWith(" ") && !content.equals("-- ");
            if (soft && delsp) {
                content = content.substring(0, content.length() - 1);
            }
            if (open && depth == openDepth) {
                out.append(content);
            } else {
                if (open) {
                    out.append('\n');
                }
                if (out.length() > 0 && !open) {
                    out.append('\n');
                }
                if (depth > 0) {
                    out.append(">".repeat(depth)).append(' ');
                }
                out.append(content);
            }
            open = soft;
            openDepth = depth;
        }
        return out.toString();
    }
}
