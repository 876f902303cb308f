package io.parley.knowledge.application.port.in;

import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every content rule of a knowledge document, each proven to bite, and all reported at once. */
class KnowledgeDocumentCommandTest {

    private static KnowledgeDocumentCommand valid() {
        return KnowledgeDocumentCommand.of("Refunds", "How refunds work.", null, null, null, null);
    }

    private static List<String> fieldsOf(Executable build) {
        RuleViolationException e = assertThrows(RuleViolationException.class, build);
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void defaults_are_no_url_no_tags_empty_metadata_and_english() {
        KnowledgeDocumentCommand command = valid();
        assertEquals(null, command.sourceUrl());
        assertEquals(List.of(), command.tags());
        assertEquals(Map.of(), command.metadata());
        assertEquals(KnowledgeLanguage.ENGLISH, command.language());
    }

    @Test
    void title_is_required_not_blank_and_at_most_300_characters() {
        assertEquals(List.of("title"), fieldsOf(() -> KnowledgeDocumentCommand.of(null, "c", null, null, null, null)));
        assertEquals(List.of("title"), fieldsOf(() -> KnowledgeDocumentCommand.of("", "c", null, null, null, null)));
        assertEquals(List.of("title"), fieldsOf(() -> KnowledgeDocumentCommand.of("   ", "c", null, null, null, null)));
        assertEquals(List.of("title"), fieldsOf(() -> KnowledgeDocumentCommand.of("t".repeat(301), "c", null, null, null, null)));
        assertEquals(300, KnowledgeDocumentCommand.of("t".repeat(300), "c", null, null, null, null).title().length());
    }

    @Test
    void lengths_count_characters_not_utf16_units() {
        String emoji = "\uD83D\uDE00".repeat(300);
        assertEquals(emoji, KnowledgeDocumentCommand.of(emoji, "c", null, null, null, null).title());
    }

    @Test
    void content_is_required_and_at_most_100000_characters() {
        assertEquals(List.of("content"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", null, null, null, null, null)));
        assertEquals(List.of("content"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "\n\t ", null, null, null, null)));
        assertEquals(List.of("content"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c".repeat(100_001), null, null, null, null)));
        assertEquals(100_000, KnowledgeDocumentCommand.of("t", "c".repeat(100_000), null, null, null, null).content().length());
    }

    @Test
    void text_must_be_valid_unicode_without_nul() {
        assertEquals(List.of("title", "content"), fieldsOf(() -> KnowledgeDocumentCommand.of("a\u0000b", "bad \uD800 surrogate", null, null, null, null)));
    }

    @Test
    void source_url_is_an_absolute_http_url_of_at_most_2048_characters() {
        assertEquals("https://help.example.com/a", KnowledgeDocumentCommand.of("t", "c", " https://help.example.com/a ", null, null, null).sourceUrl());
        assertEquals("http://x.example/", KnowledgeDocumentCommand.of("t", "c", "http://x.example/", null, null, null).sourceUrl());
        for (String bad : List.of("ftp://x.example/a", "javascript:alert(1)", "/relative/path", "https://", "not a url at all")) {
            assertEquals(List.of("source_url"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", bad, null, null, null)), bad);
        }
        String longUrl = "https://x.example/" + "a".repeat(2048);
        assertEquals(List.of("source_url"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", longUrl, null, null, null)));
    }

    @Test
    void tags_are_trimmed_deduplicated_at_most_50_of_1_to_50_characters() {
        assertEquals(List.of("billing.refund", "billing"),
                KnowledgeDocumentCommand.of("t", "c", null, List.of(" billing.refund ", "billing", "billing.refund"), null, null).tags());
        assertEquals(List.of("tags"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", null, Collections.nCopies(51, "x"), null, null)));
        List<String> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add("tag" + i);
        }
        assertEquals(50, KnowledgeDocumentCommand.of("t", "c", null, fifty, null, null).tags().size());
        assertEquals(List.of("tags[1]"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", null, List.of("ok", "x".repeat(51)), null, null)));
        assertEquals(List.of("tags[0]"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", null, List.of("  "), null, null)));
        assertEquals(List.of("tags[0]"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", null, Arrays.asList((String) null), null, null)));
        assertEquals(List.of("tags[0]"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", null, List.of("a\nb"), null, null)));
    }

    @Test
    void metadata_is_at_most_16_KiB_of_json_and_clean_unicode() {
        Map<String, Object> fits = Map.of("k", "v".repeat(16 * 1024 - 8));
        assertEquals(fits, KnowledgeDocumentCommand.of("t", "c", null, null, fits, null).metadata());
        Map<String, Object> tooBig = Map.of("k", "v".repeat(16 * 1024));
        assertEquals(List.of("metadata"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", null, null, tooBig, null)));
        assertEquals(List.of("metadata"), fieldsOf(() -> KnowledgeDocumentCommand.of("t", "c", null, null, Map.of("k", List.of("\u0000")), null)));
    }

    @Test
    void language_is_one_of_the_supported_configurations() {
        assertEquals(KnowledgeLanguage.GERMAN, KnowledgeDocumentCommand.of("t", "c", null, null, null, "German").language());
        assertEquals(KnowledgeLanguage.SIMPLE, KnowledgeDocumentCommand.of("t", "c", null, null, null, "simple").language());
        RuleViolationException e = assertThrows(RuleViolationException.class,
                () -> KnowledgeDocumentCommand.of("t", "c", null, null, null, "klingon"));
        assertTrue(e.errors().get(0).message().contains("english"), e.errors().toString());
    }

    @Test
    void every_broken_rule_is_reported_at_once() {
        assertEquals(List.of("title", "content", "source_url", "tags[0]", "language"),
                fieldsOf(() -> KnowledgeDocumentCommand.of("", null, "ftp://x", List.of(""), Map.of(), "xx")));
    }

    @Test
    void the_constructor_itself_refuses_what_the_rules_refuse() {
        assertThrows(RuleViolationException.class, () -> new KnowledgeDocumentCommand(" ", "c", null, List.of(), Map.of(), null));
        assertThrows(RuleViolationException.class, () -> new KnowledgeDocumentCommand("t", "c", "ftp://x", List.of(), Map.of(), null));
        assertThrows(RuleViolationException.class, () -> new KnowledgeDocumentCommand("t", "c", null, List.of("x".repeat(51)), Map.of(), null));
        assertEquals(KnowledgeLanguage.ENGLISH, new KnowledgeDocumentCommand("t", "c", null, null, null, null).language());
    }
}
