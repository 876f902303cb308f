package io.parley.knowledge.application.port.in;

import io.parley.knowledge.domain.KnowledgeSearchHit;

import java.util.List;

/** Full-text search over the knowledge base, best match first; open to everyone. */
public interface SearchKnowledgeUseCase {

    List<KnowledgeSearchHit> search(KnowledgeSearchQuery query);
}
