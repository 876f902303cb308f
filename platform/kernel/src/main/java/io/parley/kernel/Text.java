package io.parley.kernel;

import java.util.regex.Pattern;

/** Small text rules used at every boundary. */
public final class Text {

    /** Compiled once: {@code String.replaceAll} compiles its pattern at every call (a message append makes a preview). */
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

    private Text() {
    }

    /** True when the string has no NUL and no unpaired surrogate (so it is valid Unicode PostgreSQL can store). */
    public static boolean isCleanUnicode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text itself when it has at most {@code max} code points, else its {@link #preview}: the one way
     * a text that must fit a limit (a stored reply, a ticket reason, a span's name) is cut.
     */
    public static String fit(String value, int max) {
        return value.codePointCount(0, value.length()) <= max ? value : preview(value, max);
    }

    /** At most {@code max} code points, cut at the last word boundary and marked with an ellipsis when cut. */
    public static String preview(String value, int max) {
        String trimmed = WHITESPACE_RUN.matcher(value.strip()).replaceAll(" ");
        if (trimmed.codePointCount(0, trimmed.length()) <= max) {
            return trimmed;
        }
        int end = trimmed.offsetByCodePoints(0, max - 1);
        int space = trimmed.lastIndexOf(' ', end);
        String cut = space > 0 ? trimmed.substring(0, space) : trimmed.substring(0, end);
        return cut.stripTrailing() + "…";
    }
}
