package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.KnowledgeDocument;

import java.util.UUID;

public interface StoreKnowledgeDocumentPort {

    void insert(KnowledgeDocument document);

    /** Overwrites the document's contents and updated_at; false when it no longer exists. */
    boolean update(KnowledgeDocument document);

    /** False when there was nothing to delete. */
    boolean delete(UUID documentId);
}
