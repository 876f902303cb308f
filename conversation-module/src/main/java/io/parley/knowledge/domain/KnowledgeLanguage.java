package io.parley.knowledge.domain;

import io.parley.kernel.Validation;

import java.util.Locale;
import java.util.Optional;

/**
 * The PostgreSQL text search configurations a knowledge document may be indexed with (the
 * {@code language regconfig} column), and which one a conversation or search locale maps to.
 *
 * <p>Every configuration listed ships with PostgreSQL 15 and later (Snowball stemmers plus
 * {@code simple}). A locale maps by its ISO 639-1 language subtag ({@code de-AT} → german); a
 * language PostgreSQL has no stemmer for maps to {@code simple} (lower-casing, no stemming, no stop
 * words), which still matches exact words. No locale at all means {@link #DEFAULT}, the language
 * documents are written in unless they say otherwise.
 */
public enum KnowledgeLanguage {
    SIMPLE("simple"),
    ARABIC("arabic", "ar"),
    ARMENIAN("armenian", "hy"),
    BASQUE("basque", "eu"),
    CATALAN("catalan", "ca"),
    DANISH("danish", "da"),
    DUTCH("dutch", "nl"),
    ENGLISH("english", "en"),
    FINNISH("finnish", "fi"),
    FRENCH("french", "fr"),
    GERMAN("german", "de"),
    GREEK("greek", "el"),
    HINDI("hindi", "hi"),
    HUNGARIAN("hungarian", "hu"),
    INDONESIAN("indonesian", "id"),
    IRISH("irish", "ga"),
    ITALIAN("italian", "it"),
    LITHUANIAN("lithuanian", "lt"),
    NEPALI("nepali", "ne"),
    NORWEGIAN("norwegian", "no", "nb", "nn"),
    PORTUGUESE("portuguese", "pt"),
    ROMANIAN("romanian", "ro"),
    RUSSIAN("russian", "ru"),
    SERBIAN("serbian", "sr"),
    SPANISH("spanish", "es"),
    SWEDISH("swedish", "sv"),
    TAMIL("tamil", "ta"),
    TURKISH("turkish", "tr"),
    YIDDISH("yiddish", "yi");

    public static final KnowledgeLanguage DEFAULT = ENGLISH;

    private final String configName;
    private final String[] isoCodes;

    KnowledgeLanguage(String configName, String... isoCodes) {
        this.configName = configName;
        this.isoCodes = isoCodes;
    }

    /** The PostgreSQL text search configuration, e.g. {@code english}. */
    public String configName() {
        return configName;
    }

    public static Optional<KnowledgeLanguage> fromConfigName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (KnowledgeLanguage language : values()) {
            if (language.configName.equals(wanted)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /**
     * The configuration for a locale such as {@code en-US}, {@code de}, {@code pt_BR}: its language when
     * PostgreSQL has a stemmer for it, {@link #SIMPLE} when it has none or the locale is malformed, and
     * {@link #DEFAULT} when there is no locale.
     */
    public static KnowledgeLanguage forLocale(String locale) {
        if (locale == null || locale.isBlank()) {
            return DEFAULT;
        }
        if (!Validation.isLanguageTag(locale.trim())) {
            return SIMPLE;
        }
        String language = locale.trim().split("[-_]")[0].toLowerCase(Locale.ROOT);
        for (KnowledgeLanguage candidate : values()) {
            for (String code : candidate.isoCodes) {
                if (code.equals(language)) {
                    return candidate;
                }
            }
        }
        return SIMPLE;
    }

    /** The configuration names, for error messages and documentation. */
    public static String supportedNames() {
        StringBuilder names = new StringBuilder();
        for (KnowledgeLanguage language : values()) {
            names.append(names.length() == 0 ? "" : ", ").append(language.configName);
        }
        return names.toString();
    }
}
