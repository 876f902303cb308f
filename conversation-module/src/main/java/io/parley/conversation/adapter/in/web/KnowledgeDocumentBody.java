package io.parley.conversation.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * {@code POST} and {@code PUT /api/v1/knowledge/documents}: everything optional at the JSON level so
 * that a missing or empty value is a 422 naming the field, and unknown members are ignored.
 */
@Serdeable
record KnowledgeDocumentBody(@Nullable String title, @Nullable String content, @Nullable String sourceUrl,
                             @Nullable List<String> tags, @Nullable Map<String, Object> metadata, @Nullable String language) {
}
