package dev.rapport.crm.inmemory.internal;

/** Orders strings by Unicode code point, as databases with a binary UTF-8 collation do. */
public final class CodePoints {
    private CodePoints() {}

    /**
     * Compares by code point without decoding: UTF-16 order differs from code point order only
     * when a surrogate meets a character in {@code U+E000..U+FFFF}, so at the first difference
     * both units are rotated to put surrogates above every other BMP unit.
     *
     * @param a a string
     * @param b another string
     * @return negative, zero or positive as {@code a} is before, equal to or after {@code b}
     */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
                    return rotate(x) - rotate(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static int rotate(char c) {
        return c > Character.MAX_SURROGATE ? c - 0x800 : c + 0x2000;
    }
}
