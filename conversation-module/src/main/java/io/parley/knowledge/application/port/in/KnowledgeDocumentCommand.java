package io.parley.knowledge.application.port.in;

import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.kernel.Text;
import io.parley.kernel.MetadataRules;
import io.parley.kernel.Validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The contents of a knowledge document as an admin writes them (create, or replace as a whole).
 * Validates itself and reports every broken rule at once (422):
 * <ul>
 *   <li>{@code title} 1..300 and {@code content} 1..100,000 characters, not blank, valid Unicode without NUL;</li>
 *   <li>{@code source_url} an absolute http(s) URL of at most 2048 characters;</li>
 *   <li>{@code tags} at most 50, each 1..50 characters without control characters (trimmed; repeats dropped);</li>
 *   <li>{@code metadata} a JSON object within the kernel's {@link MetadataRules} (depth, size, clean Unicode), like every module's metadata;</li>
 *   <li>{@code language} one of the PostgreSQL configurations of {@link KnowledgeLanguage}, default english.</li>
 * </ul>
 */
public record KnowledgeDocumentCommand(String title, String content, String sourceUrl, List<String> tags,
                                       Map<String, Object> metadata, KnowledgeLanguage language) {

    public KnowledgeDocumentCommand {
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : metadata;
        language = language == null ? KnowledgeLanguage.DEFAULT : language;
        Validation validation = rules(Validation.check(), title, content, sourceUrl);
        tags(tags, validation);
        MetadataRules.check(validation, "metadata", metadata).throwIfInvalid();
    }

    /** Validates raw request values: every string as the client sent it (null for absent). */
    public static KnowledgeDocumentCommand of(String title, String content, String sourceUrl, List<String> tags,
                                              Map<String, Object> metadata, String language) {
        String url = sourceUrl == null || sourceUrl.isBlank() ? null : sourceUrl.strip();
        Validation validation = rules(Validation.check(), title, content, url);
        List<String> cleanTags = tags(tags, validation);

        Map<String, Object> cleanMetadata = metadata == null ? Map.of() : metadata;
        MetadataRules.check(validation, "metadata", cleanMetadata);

        KnowledgeLanguage chosen = KnowledgeLanguage.DEFAULT;
        if (language != null) {
            chosen = KnowledgeLanguage.fromConfigName(language).orElse(null);
            validation.require(chosen != null, "language", "must be one of: " + KnowledgeLanguage.supportedNames());
        }
        validation.throwIfInvalid();
        return new KnowledgeDocumentCommand(title, content, url, cleanTags, cleanMetadata, chosen);
    }

    private static Validation rules(Validation validation, String title, String content, String url) {
        validation.text(title, "title", 1, KnowledgeDocument.MAX_TITLE)
                .text(content, "content", 1, KnowledgeDocument.MAX_CONTENT);
        validation.require(title == null || title.isEmpty() || !title.isBlank(), "title", "must not be blank");
        validation.require(content == null || content.isEmpty() || !content.isBlank(), "content", "must not be blank");
        validation.require(url == null || url.length() <= KnowledgeDocument.MAX_SOURCE_URL, "source_url",
                "must have at most " + KnowledgeDocument.MAX_SOURCE_URL + " characters");
        return validation.require(url == null || url.length() > KnowledgeDocument.MAX_SOURCE_URL || isWebUrl(url), "source_url",
                "must be an absolute http or https URL");
    }

    private static List<String> tags(List<String> tags, Validation validation) {
        if (tags == null) {
            return List.of();
        }
        validation.require(tags.size() <= KnowledgeDocument.MAX_TAGS, "tags", "must have at most " + KnowledgeDocument.MAX_TAGS + " entries");
        Set<String> clean = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i) == null ? null : tags.get(i).strip();
            String field = "tags[" + i + "]";
            validation.text(tag, field, 1, KnowledgeDocument.MAX_TAG);
            if (tag != null && Text.isCleanUnicode(tag)) {
                validation.require(tag.codePoints().noneMatch(Character::isISOControl), field, "must not contain control characters");
                clean.add(tag);
            }
        }
        return new ArrayList<>(clean);
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
