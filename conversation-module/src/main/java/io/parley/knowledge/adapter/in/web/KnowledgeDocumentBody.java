package io.parley.knowledge.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.knowledge.application.port.in.KnowledgeDocumentCommand;
import io.parley.kernel.JsonValues;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST} and {@code PUT /api/v1/knowledge/documents}: everything optional at the JSON level so
 * that a missing or empty value is a 422 naming the field, and unknown members are ignored. Members
 * are {@code Object} and read strictly ({@link JsonValues}), so {@code "title": 7} is a 400 instead of
 * the title "7".
 */
@Serdeable
record KnowledgeDocumentBody(@Nullable @Schema(type = "string") Object title, @Nullable @Schema(type = "string") Object content,
                             @Nullable @Schema(type = "string", format = "uri") Object sourceUrl,
                             @Nullable @Schema(type = "array") Object tags, @Nullable @Schema(type = "object") Object metadata,
                             @Nullable @Schema(type = "string") Object language) {

    KnowledgeDocumentCommand command() {
        return KnowledgeDocumentCommand.of(JsonValues.text("title", title), JsonValues.text("content", content),
                JsonValues.text("source_url", sourceUrl), JsonValues.texts("tags", tags), JsonValues.object("metadata", metadata),
                JsonValues.text("language", language));
    }
}
