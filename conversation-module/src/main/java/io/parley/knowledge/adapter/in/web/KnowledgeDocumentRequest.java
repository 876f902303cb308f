package io.parley.knowledge.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.knowledge.application.port.in.KnowledgeDocumentCommand;
import io.parley.kernel.JsonValues;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * {@code POST} and {@code PUT /api/v1/knowledge/documents}: everything optional at the JSON level so
 * that a missing or empty value is a 422 naming the field, and unknown members are ignored. Members
 * are {@code Object} and read strictly ({@link JsonValues}), so {@code "title": 7} is a 400 instead of
 * the title "7"; {@code tags} is a list (anything else is a 400 from the JSON reader) whose elements are
 * read as strictly, and is declared a list so that the OpenAPI document says "array of strings".
 */
@Serdeable
@Schema(name = "KnowledgeDocumentRequest", description = "A whole document (PUT replaces everything: absent members are cleared)",
        example = "{\"title\": \"Resetting a forgotten password\", \"content\": \"Select Forgot password on the sign-in page.\","
                + " \"tags\": [\"account\", \"password\"], \"language\": \"english\"}")
record KnowledgeDocumentRequest(@Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, minLength = 1, maxLength = 300)
                                Object title,
                                @Nullable @Schema(type = "string", requiredMode = REQUIRED, nullable = false, minLength = 1, maxLength = 100_000)
                                Object content,
                                @Nullable @Schema(type = "string", format = "uri", maxLength = 2048,
                                        description = "an absolute http or https URL; blank = none") Object sourceUrl,
                                @Nullable @ArraySchema(maxItems = 50, schema = @Schema(type = "string", minLength = 1, maxLength = 50),
                                        arraySchema = @Schema(description = "each 1..50 characters after trimming, no control characters;"
                                                + " repeats dropped")) List<Object> tags,
                                @Nullable @Schema(type = "object", description = "metadata rules of docs/api.md") Object metadata,
                                @Nullable @Schema(type = "string", defaultValue = "english", description = "the PostgreSQL text-search"
                                        + " configuration the document is indexed in", allowableValues = {"english", "simple", "arabic", "armenian", "basque", "catalan", "danish", "dutch",
            "finnish", "french", "german", "greek", "hindi", "hungarian", "indonesian", "irish", "italian", "lithuanian", "nepali",
            "norwegian", "portuguese", "romanian", "russian", "serbian", "spanish", "swedish", "tamil", "turkish", "yiddish"}) Object language) {

    KnowledgeDocumentCommand command() {
        return KnowledgeDocumentCommand.of(JsonValues.text("title", title), JsonValues.text("content", content),
                JsonValues.text("source_url", sourceUrl), JsonValues.texts("tags", tags), JsonValues.object("metadata", metadata),
                JsonValues.text("language", language));
    }
}
