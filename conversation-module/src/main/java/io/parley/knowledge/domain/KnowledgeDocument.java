package io.parley.knowledge.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A help-center article the assistant answers from. Its text is indexed by PostgreSQL in its own
 * {@code language}; its {@code tags} double as intent labels ({@code billing.refund}): the first tag
 * of the article an answer comes from is the intent of that answer.
 */
public record KnowledgeDocument(
        UUID id,
        String title,
        String content,
        String sourceUrl,
        List<String> tags,
        Map<String, Object> metadata,
        KnowledgeLanguage language,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_TITLE = 300;
    public static final int MAX_CONTENT = 100_000;
    public static final int MAX_SOURCE_URL = 2048;
    public static final int MAX_TAGS = 50;
    public static final int MAX_TAG = 50;

    public KnowledgeDocument {
        tags = tags == null ? List.of() : List.copyOf(tags);
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** The same document with new contents, keeping its id and creation time. */
    public KnowledgeDocument revise(String title, String content, String sourceUrl, List<String> tags,
                                    Map<String, Object> metadata, KnowledgeLanguage language, Instant now) {
        return new KnowledgeDocument(id, title, content, sourceUrl, tags, metadata, language, createdAt, now);
    }
}
