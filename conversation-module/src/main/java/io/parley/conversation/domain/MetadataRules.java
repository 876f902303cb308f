package io.parley.conversation.domain;

import io.parley.kernel.Text;
import io.parley.kernel.Validation;

import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Bounds of a free-form JSON object attached to a conversation or a message: at most
 * {@value #MAX_DEPTH} levels deep (the object itself is level 1) and {@value #MAX_BYTES} bytes as
 * compact UTF-8 JSON, and only text PostgreSQL can store (no NUL, no lone surrogate, keys included)
 * and finite numbers. The size is computed from the tree, so the rule needs no JSON library.
 */
public final class MetadataRules {

    public static final int MAX_DEPTH = 20;
    public static final int MAX_BYTES = 16 * 1024;

    private MetadataRules() {
    }

    public static Validation check(Validation validation, String field, Map<String, Object> metadata) {
        if (metadata == null) {
            return validation;
        }
        Walk walk = new Walk();
        long bytes = walk.size(metadata, 1);
        validation.require(!walk.tooDeep, field, "must be nested at most " + MAX_DEPTH + " levels deep");
        validation.require(walk.tooDeep || bytes <= MAX_BYTES, field, "must be at most " + MAX_BYTES + " bytes as JSON");
        validation.require(!walk.uncleanText, field, "must contain only valid Unicode without NUL characters");
        validation.require(!walk.nonFiniteNumber, field, "must contain only finite numbers");
        return validation;
    }

    /** The compact UTF-8 JSON encoding's length of a tree, noting the broken rules on the way. */
    private static final class Walk {
        boolean tooDeep;
        boolean uncleanText;
        boolean nonFiniteNumber;

        long size(Object node, int depth) {
            if (node instanceof Map<?, ?> map) {
                return container(depth, map.size(), () -> {
                    long sum = 0;
                    for (Map.Entry<?, ?> entry : map.entrySet()) {
                        sum += string(String.valueOf(entry.getKey())) + 1 + size(entry.getValue(), depth + 1);
                    }
                    return sum;
                });
            }
            if (node instanceof List<?> list) {
                return container(depth, list.size(), () -> {
                    long sum = 0;
                    for (Object element : list) {
                        sum += size(element, depth + 1);
                    }
                    return sum;
                });
            }
            if (node instanceof String text) {
                return string(text);
            }
            if (node == null) {
                return 4;
            }
            if (node instanceof Double || node instanceof Float) {
                double value = ((Number) node).doubleValue();
                if (!Double.isFinite(value)) {
                    nonFiniteNumber = true;
                    return 0;
                }
                return String.valueOf(node).length();
            }
            return String.valueOf(node).length();
        }

        private long container(int depth, int members, LongSupplier content) {
            if (depth > MAX_DEPTH) {
                tooDeep = true;
                return 0;
            }
            return 2 + Math.max(0, members - 1) + content.getAsLong();
        }

        private long string(String text) {
            if (!Text.isCleanUnicode(text)) {
                uncleanText = true;
            }
            long bytes = 2;
            for (int i = 0; i < text.length(); ) {
                int c = text.codePointAt(i);
                i += Character.charCount(c);
                if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                    bytes += 2;
                } else if (c < 0x20) {
                    bytes += 6;
                } else {
                    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
                }
            }
            return bytes;
        }
    }
}
