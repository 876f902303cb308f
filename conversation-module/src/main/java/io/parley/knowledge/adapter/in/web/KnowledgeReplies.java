package io.parley.knowledge.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.knowledge.domain.KnowledgeSearchHit;
import io.parley.kernel.Page;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Response bodies of the knowledge routes. Every member is always present (null when unknown). */
final class KnowledgeReplies {

    private KnowledgeReplies() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DocumentReply(UUID id, String title, String content, String sourceUrl, List<String> tags, Map<String, Object> metadata,
                         String language, Instant createdAt, Instant updatedAt) {
        static DocumentReply of(KnowledgeDocument d) {
            return new DocumentReply(d.id(), d.title(), d.content(), d.sourceUrl(), d.tags(), d.metadata(), d.language().configName(),
                    d.createdAt(), d.updatedAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DocumentPageReply(List<DocumentReply> items, String nextCursor) {
        static DocumentPageReply of(Page<KnowledgeDocument> page) {
            return new DocumentPageReply(page.items().stream().map(DocumentReply::of).toList(), page.nextCursor());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SearchHitReply(UUID documentId, String title, String snippet, double score) {
        static SearchHitReply of(KnowledgeSearchHit hit) {
            return new SearchHitReply(hit.documentId(), hit.title(), hit.snippet(), Math.round(hit.score() * 10_000) / 10_000.0);
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record SearchReply(List<SearchHitReply> items) {
        static SearchReply of(List<KnowledgeSearchHit> hits) {
            return new SearchReply(hits.stream().map(SearchHitReply::of).toList());
        }
    }
}
