package io.parley.knowledge.application.port.in;

import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.kernel.PageRequest;
import io.parley.kernel.Validation;

import java.util.Objects;

/**
 * {@code GET /api/v1/knowledge/search?q=&limit=&locale=}: the words (websearch syntax: "quoted
 * phrases", {@code or}, {@code -excluded}), at most {@code limit} results (1..200, default 10), and
 * the language the words are stemmed in, from the locale (see {@link KnowledgeLanguage#forLocale}).
 */
public record KnowledgeSearchQuery(String text, KnowledgeLanguage language, int limit) {

    public static final int MAX_TEXT = 500;
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = PageRequest.MAX_LIMIT;

    public KnowledgeSearchQuery {
        Objects.requireNonNull(language, "language");
        text(Validation.check(), text)
                .require(limit >= 1 && limit <= MAX_LIMIT, "limit", "must be an integer between 1 and " + MAX_LIMIT)
                .throwIfInvalid();
    }

    public static KnowledgeSearchQuery of(String rawText, String rawLocale, String rawLimit) {
        Validation validation = text(Validation.check(), rawText);
        int limit = PageRequest.limit(validation, rawLimit, DEFAULT_LIMIT);
        boolean noLocale = rawLocale == null || rawLocale.isBlank();
        validation.require(noLocale || Validation.isLanguageTag(rawLocale.strip()), "locale",
                "must be a language tag such as en, de-AT or pt_BR");
        validation.throwIfInvalid();
        return new KnowledgeSearchQuery(rawText.strip(), KnowledgeLanguage.forLocale(noLocale ? null : rawLocale.strip()), limit);
    }

    private static Validation text(Validation validation, String text) {
        validation.text(text, "q", 1, MAX_TEXT);
        return validation.require(text == null || text.isEmpty() || !text.isBlank(), "q", "must not be blank");
    }
}
