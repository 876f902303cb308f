package io.parley.knowledge.application.port.out;

import io.parley.knowledge.domain.KnowledgeDocument;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface LoadKnowledgeDocumentPort {

    Optional<KnowledgeDocument> find(UUID documentId);

    /**
     * Up to {@code limit} documents, newest first (created_at desc, id desc), strictly after
     * {@code after} in that order (from the start when null).
     */
    List<KnowledgeDocument> listNewestFirst(Position after, int limit);

    /** A place in the newest-first order: the sort key of the last document seen. */
    record Position(Instant createdAt, UUID id) {
    }
}
