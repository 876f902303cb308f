package io.parley.kernel;

import java.util.regex.Pattern;

/**
 * {@code ?limit=&cursor=} of every list: limit 1..200 (default 50), cursor opaque.
 * Raw strings come in so that garbage answers 422 here instead of a conversion error elsewhere.
 */
public record PageRequest(int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;
    private static final Pattern ASCII_NUMBER = Pattern.compile("[0-9]{1,9}");

    public static PageRequest of(String rawLimit, String rawCursor) {
        Validation validation = Validation.check();
        int limit = limit(validation, rawLimit, DEFAULT_LIMIT);
        Cursor cursor = null;
        if (rawCursor != null && !rawCursor.isBlank()) {
            cursor = Cursor.decode(rawCursor);
            validation.require(cursor != null, "cursor", "is not a cursor this service issued");
        }
        validation.throwIfInvalid();
        return new PageRequest(limit, cursor);
    }

    /**
     * A {@code ?limit=} of 1..{@value #MAX_LIMIT} in ASCII digits ({@code Integer.parseInt} would also take
     * {@code +5} and other scripts' digits such as {@code １}); {@code defaultLimit} when absent or blank.
     */
    public static int limit(Validation validation, String rawLimit, int defaultLimit) {
        if (rawLimit == null || rawLimit.isBlank()) {
            return defaultLimit;
        }
        String digits = rawLimit.strip();
        int limit = ASCII_NUMBER.matcher(digits).matches() ? Integer.parseInt(digits) : -1;
        validation.require(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be an integer between 1 and " + MAX_LIMIT);
        return limit;
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
