package io.parley.conversation.domain;

import io.parley.kernel.Text;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Rules for a document's free-form {@code metadata} JSON object (maps, lists, strings, numbers,
 * booleans, null as a JSON reader produces them): every key and string is storable Unicode, and
 * the compact JSON encoding stays within a size bound.
 */
public final class KnowledgeMetadata {

    private KnowledgeMetadata() {
    }

    /** True when no key or string in the tree holds a NUL or a lone surrogate (PostgreSQL's jsonb rejects both). */
    public static boolean isCleanUnicode(Object tree) {
        if (tree instanceof String text) {
            return Text.isCleanUnicode(text);
        }
        if (tree instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!isCleanUnicode(String.valueOf(entry.getKey())) || !isCleanUnicode(entry.getValue())) {
                    return false;
                }
            }
        } else if (tree instanceof List<?> list) {
            for (Object element : list) {
                if (!isCleanUnicode(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The size in bytes of the tree's compact UTF-8 JSON encoding (escapes counted as written), so a
     * limit can be checked before anything is serialised or stored.
     */
    public static long encodedSize(Object tree) {
        if (tree == null) {
            return 4;
        }
        if (tree instanceof String text) {
            return stringSize(text);
        }
        if (tree instanceof Map<?, ?> map) {
            long size = 2 + Math.max(0, map.size() - 1);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += stringSize(String.valueOf(entry.getKey())) + 1 + encodedSize(entry.getValue());
            }
            return size;
        }
        if (tree instanceof List<?> list) {
            long size = 2 + Math.max(0, list.size() - 1);
            for (Object element : list) {
                size += encodedSize(element);
            }
            return size;
        }
        return String.valueOf(tree).length();
    }

    private static long stringSize(String text) {
        long escapes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                escapes += 1;
            } else if (c < 0x20) {
                escapes += 5;
            }
        }
        return 2 + text.getBytes(StandardCharsets.UTF_8).length + escapes;
    }
}
