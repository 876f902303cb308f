package io.parley.kernel;

/**
 * {@code ?limit=&cursor=} of every list: limit 1..200 (default 50), cursor opaque.
 * Raw strings come in so that garbage answers 422 here instead of a conversion error elsewhere.
 */
public record PageRequest(int limit, Cursor cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String rawLimit, String rawCursor) {
        int limit = DEFAULT_LIMIT;
        Validation validation = Validation.check();
        if (rawLimit != null && !rawLimit.isBlank()) {
            try {
                limit = Integer.parseInt(rawLimit.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            validation.require(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be an integer between 1 and " + MAX_LIMIT);
        }
        Cursor cursor = null;
        if (rawCursor != null && !rawCursor.isBlank()) {
            cursor = Cursor.decode(rawCursor);
            validation.require(cursor != null, "cursor", "is not a cursor this service issued");
        }
        validation.throwIfInvalid();
        return new PageRequest(limit, cursor);
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
