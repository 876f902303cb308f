package io.parley.knowledge.application.port.out;

import io.parley.knowledge.domain.KnowledgeDocument;

import java.util.UUID;

public interface StoreKnowledgeDocumentPort {

    void insert(KnowledgeDocument document);

    /** Overwrites the document's contents and updated_at; false when it no longer exists. */
    boolean update(KnowledgeDocument document);

    /** False when there was nothing to delete. */
    boolean delete(UUID documentId);
}
