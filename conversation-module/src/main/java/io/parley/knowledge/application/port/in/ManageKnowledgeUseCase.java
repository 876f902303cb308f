package io.parley.knowledge.application.port.in;

import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.kernel.Caller;

/** Admins write the knowledge base; anyone else is refused with 403. */
public interface ManageKnowledgeUseCase {

    KnowledgeDocument create(Caller caller, KnowledgeDocumentCommand command);

    /** Replaces the whole document; its id and creation time stay. A malformed or unknown id is 404. */
    KnowledgeDocument replace(Caller caller, String documentId, KnowledgeDocumentCommand command);

    /** A malformed or unknown id is 404. */
    void delete(Caller caller, String documentId);
}
