package io.parley.ticketing.application.port.in;

import io.parley.kernel.Text;
import io.parley.kernel.Validation;

import java.util.Collection;
import java.util.Map;

/**
 * What a client-supplied {@code metadata} JSON object may hold: text PostgreSQL can store in jsonb
 * (no NUL, no lone surrogates), a bounded depth, and a bounded size, so a ticket stays a small row.
 */
public final class MetadataRules {

    public static final int MAX_CHARACTERS = 16 * 1024;
    public static final int MAX_DEPTH = 16;

    private MetadataRules() {
    }

    public static void check(Validation validation, Map<String, Object> metadata, String field) {
        if (metadata == null) {
            return;
        }
        long[] size = {0};
        String problem = walk(metadata, 1, size);
        if (problem != null) {
            validation.require(false, field, problem);
        } else {
            validation.require(size[0] <= MAX_CHARACTERS, field, "must be at most " + MAX_CHARACTERS + " characters of JSON");
        }
    }

    private static String walk(Object node, int depth, long[] size) {
        if (depth > MAX_DEPTH) {
            return "must not nest deeper than " + MAX_DEPTH + " levels";
        }
        size[0] += 2;
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String problem = text(String.valueOf(entry.getKey()), size);
                if (problem == null) {
                    problem = walk(entry.getValue(), depth + 1, size);
                }
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node instanceof Collection<?> list) {
            for (Object item : list) {
                String problem = walk(item, depth + 1, size);
                if (problem != null) {
                    return problem;
                }
            }
        } else if (node instanceof String text) {
            return text(text, size);
        } else {
            size[0] += String.valueOf(node).length();
        }
        return size[0] > MAX_CHARACTERS ? "must be at most " + MAX_CHARACTERS + " characters of JSON" : null;
    }

    private static String text(String value, long[] size) {
        size[0] += value.length() + 3;
        return Text.isCleanUnicode(value) ? null : "must hold valid Unicode text without NUL characters";
    }
}
