package io.parley.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort key values of the last row of a page. Encoded as
 * base64url so clients cannot rely on its shape; keyset (not offset) paging keeps pages
 * free of duplicates and gaps while rows are inserted concurrently.
 */
public record Cursor(List<String> values) {

    private static final String VERSION = "v1";
    private static final char SEPARATOR = '\u001f';

    public Cursor {
        values = List.copyOf(values);
    }

    public static Cursor of(Object... keys) {
        List<String> values = new ArrayList<>(keys.length);
        for (Object key : keys) {
            values.add(String.valueOf(key));
        }
        return new Cursor(values);
    }

    public String value(int index) {
        return values.get(index);
    }

    public String encode() {
        String joined = VERSION + SEPARATOR + String.join(String.valueOf(SEPARATOR), values);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(joined.getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded cursor, or null when the text is not one this service issued. */
    public static Cursor decode(String encoded) {
        if (encoded.length() > 512) {
            return null;
        }
        try {
            String joined = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = joined.split(String.valueOf(SEPARATOR), -1);
            if (parts.length < 2 || !VERSION.equals(parts[0])) {
                return null;
            }
            return new Cursor(List.of(parts).subList(1, parts.length));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
