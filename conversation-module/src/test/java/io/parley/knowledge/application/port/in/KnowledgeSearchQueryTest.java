package io.parley.knowledge.application.port.in;

import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KnowledgeSearchQueryTest {

    private static List<String> fieldsOf(String q, String locale, String limit) {
        return assertThrows(RuleViolationException.class, () -> KnowledgeSearchQuery.of(q, locale, limit))
                .errors().stream().map(FieldError::field).toList();
    }

    @Test
    void defaults_are_ten_results_in_english() {
        assertEquals(new KnowledgeSearchQuery("refund", KnowledgeLanguage.ENGLISH, 10), KnowledgeSearchQuery.of(" refund ", null, null));
    }

    @Test
    void the_locale_picks_the_language_and_simple_when_postgresql_has_none() {
        assertEquals(KnowledgeLanguage.GERMAN, KnowledgeSearchQuery.of("x", "de-DE", null).language());
        assertEquals(KnowledgeLanguage.SIMPLE, KnowledgeSearchQuery.of("x", "ja", null).language());
    }

    @Test
    void q_is_required_and_bounded_limit_is_1_to_200_and_a_locale_must_look_like_one() {
        assertEquals(List.of("q"), fieldsOf(null, null, null));
        assertEquals(List.of("q"), fieldsOf("  ", null, null));
        assertEquals(List.of("q"), fieldsOf("x".repeat(501), null, null));
        assertEquals(List.of("q"), fieldsOf("nul\u0000", null, null));
        assertEquals(List.of("limit"), fieldsOf("x", null, "0"));
        assertEquals(List.of("limit"), fieldsOf("x", null, "201"));
        assertEquals(List.of("limit"), fieldsOf("x", null, "ten"));
        assertEquals(200, KnowledgeSearchQuery.of("x", null, "200").limit());
        assertEquals(List.of("locale"), fieldsOf("x", "not a locale!", null));
    }

    @Test
    void the_constructor_itself_refuses_what_the_rules_refuse() {
        assertThrows(RuleViolationException.class, () -> new KnowledgeSearchQuery("  ", KnowledgeLanguage.ENGLISH, 10));
        assertThrows(RuleViolationException.class, () -> new KnowledgeSearchQuery("refund", KnowledgeLanguage.ENGLISH, 0));
        assertThrows(RuleViolationException.class, () -> new KnowledgeSearchQuery("refund", KnowledgeLanguage.ENGLISH, 201));
        assertThrows(NullPointerException.class, () -> new KnowledgeSearchQuery("refund", null, 10));
    }
}
