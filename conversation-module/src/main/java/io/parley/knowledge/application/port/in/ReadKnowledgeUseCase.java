package io.parley.knowledge.application.port.in;

import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.kernel.Page;
import io.parley.kernel.PageRequest;

/** Everyone may read the knowledge base, guests included: it is the public help center. */
public interface ReadKnowledgeUseCase {

    /** A malformed or unknown id is 404. */
    KnowledgeDocument get(String documentId);

    /** Newest first (created_at, then id, descending); the cursor is keyset, so pages neither repeat nor skip. */
    Page<KnowledgeDocument> list(PageRequest page);
}
