package io.parley.knowledge.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.knowledge.domain.KnowledgeSearchHit;
import io.parley.kernel.Page;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** Response bodies of the knowledge routes. Every member is always present (null when unknown). */
final class KnowledgeResponses {

    private KnowledgeResponses() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "KnowledgeDocument")
    record DocumentResponse(UUID id, String title, String content, @Nullable @Schema(requiredMode = REQUIRED) String sourceUrl,
                            List<String> tags,
                            @Schema(requiredMode = REQUIRED, type = "object", additionalProperties = TRUE) Map<String, Object> metadata,
                            @Schema(requiredMode = REQUIRED, example = "english", description = "the text-search configuration it is indexed in")
                            String language,
                            Instant createdAt, Instant updatedAt) {
        static DocumentResponse of(KnowledgeDocument d) {
            return new DocumentResponse(d.id(), d.title(), d.content(), d.sourceUrl(), d.tags(), d.metadata(), d.language().configName(),
                    d.createdAt(), d.updatedAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "KnowledgeDocumentPage")
    record DocumentPageResponse(List<DocumentResponse> items,
                                @Nullable @Schema(requiredMode = REQUIRED, description = "null on the last page") String nextCursor) {
        static DocumentPageResponse of(Page<KnowledgeDocument> page) {
            return new DocumentPageResponse(page.items().stream().map(DocumentResponse::of).toList(), page.nextCursor());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "KnowledgeSearchHit")
    record SearchHitResponse(UUID documentId, String title,
                             @Schema(requiredMode = REQUIRED, description = "one line around the match") String snippet,
                             @Schema(requiredMode = REQUIRED, description = "in (0, 1), rounded to 4 decimals") double score) {
        static SearchHitResponse of(KnowledgeSearchHit hit) {
            return new SearchHitResponse(hit.documentId(), hit.title(), hit.snippet(), Math.round(hit.score() * 10_000) / 10_000.0);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "KnowledgeSearchResult", description = "A ranked top-k, best first: relevance ranks are recomputed per query, so"
            + " a cursor could not continue a ranking stably; ask for a larger limit instead (there is no next_cursor)")
    record SearchResponse(List<SearchHitResponse> items) {
        static SearchResponse of(List<KnowledgeSearchHit> hits) {
            return new SearchResponse(hits.stream().map(SearchHitResponse::of).toList());
        }
    }
}
