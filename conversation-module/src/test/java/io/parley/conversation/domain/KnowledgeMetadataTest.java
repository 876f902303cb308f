package io.parley.conversation.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Metadata is checked before it is stored: storable Unicode, and its size as compact JSON. */
class KnowledgeMetadataTest {

    @Test
    void the_encoded_size_is_that_of_compact_json() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("a", "x\"y");
        tree.put("list", Arrays.asList(1, true, null, "é"));
        tree.put("nested", Map.of("k", 2.5));
        // {"a":"x\"y","list":[1,true,null,"é"],"nested":{"k":2.5}}
        assertEquals("{\"a\":\"x\\\"y\",\"list\":[1,true,null,\"é\"],\"nested\":{\"k\":2.5}}".getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                KnowledgeMetadata.encodedSize(tree));
        assertEquals(2, KnowledgeMetadata.encodedSize(Map.of()));
        assertEquals(9, KnowledgeMetadata.encodedSize("a\u0001"), "quotes, a, and a six-character escape");
    }

    @Test
    void a_nul_or_a_lone_surrogate_anywhere_is_unclean() {
        assertTrue(KnowledgeMetadata.isCleanUnicode(Map.of("k", List.of("fine", Map.of("deep", "ok")))));
        assertFalse(KnowledgeMetadata.isCleanUnicode(Map.of("k", List.of(Map.of("deep", "bad\u0000")))));
        assertFalse(KnowledgeMetadata.isCleanUnicode(Map.of("bad\uD800", 1)));
    }
}
