package io.parley.knowledge.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Locale → PostgreSQL text search configuration. */
class KnowledgeLanguageTest {

    @ParameterizedTest
    @CsvSource({
            "en, english", "en-US, english", "EN_gb, english", "de, german", "de-AT, german", "fr-CA, french",
            "es-419, spanish", "pt_BR, portuguese", "nb-NO, norwegian", "sv, swedish", "ru, russian",
            "ja-JP, simple", "zh-Hant-TW, simple", "xx, simple", "!!, simple"})
    void a_locale_maps_to_its_language_or_to_simple(String locale, String config) {
        assertEquals(config, KnowledgeLanguage.forLocale(locale).configName());
    }

    @Test
    void no_locale_means_the_default_document_language() {
        assertEquals(KnowledgeLanguage.ENGLISH, KnowledgeLanguage.forLocale(null));
        assertEquals(KnowledgeLanguage.ENGLISH, KnowledgeLanguage.forLocale(" "));
        assertEquals(KnowledgeLanguage.ENGLISH, KnowledgeLanguage.DEFAULT);
    }

    @Test
    void configuration_names_are_read_case_insensitively_and_unknown_ones_are_empty() {
        assertEquals(KnowledgeLanguage.GERMAN, KnowledgeLanguage.fromConfigName(" German ").orElseThrow());
        assertEquals(KnowledgeLanguage.SIMPLE, KnowledgeLanguage.fromConfigName("simple").orElseThrow());
        assertTrue(KnowledgeLanguage.fromConfigName("klingon").isEmpty());
        assertTrue(KnowledgeLanguage.fromConfigName(null).isEmpty());
    }
}
