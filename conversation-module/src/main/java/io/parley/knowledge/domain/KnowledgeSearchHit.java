package io.parley.knowledge.domain;

import java.util.UUID;

/**
 * One search result: a document, a short excerpt around the matched words, and its rank
 * ({@code ts_rank_cd} normalised to 0..1 by {@code rank / (rank + 1)}; higher is better).
 */
public record KnowledgeSearchHit(UUID documentId, String title, String snippet, double score) {
}
