package io.parley.knowledge.application.service;

import io.parley.knowledge.api.KnowledgeSearch;
import io.parley.knowledge.application.port.in.KnowledgeSearchQuery;
import io.parley.knowledge.application.port.in.ReadKnowledgeUseCase;
import io.parley.knowledge.application.port.in.SearchKnowledgeUseCase;
import io.parley.knowledge.application.port.out.LoadKnowledgeDocumentPort;
import io.parley.knowledge.application.port.out.LoadKnowledgeDocumentPort.Position;
import io.parley.knowledge.application.port.out.SearchKnowledgePort;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.knowledge.domain.KnowledgeSearchHit;
import io.parley.kernel.Cursor;
import io.parley.kernel.Ids;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.Page;
import io.parley.kernel.PageRequest;
import io.parley.kernel.RuleViolationException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reading and searching the knowledge base: the public routes, and the chat turn's passage search. */
@Singleton
@Transactional(readOnly = true)
public class KnowledgeQueryService implements ReadKnowledgeUseCase, SearchKnowledgeUseCase, KnowledgeSearch {

    private final LoadKnowledgeDocumentPort documents;
    private final SearchKnowledgePort search;

    public KnowledgeQueryService(LoadKnowledgeDocumentPort documents, SearchKnowledgePort search) {
        this.documents = documents;
        this.search = search;
    }

    @Override
    public KnowledgeDocument get(String documentId) {
        UUID id = Ids.parseOrNotFound(documentId, "knowledge document");
        return documents.find(id).orElseThrow(() -> new NotFoundException("knowledge document"));
    }

    @Override
    public Page<KnowledgeDocument> list(PageRequest page) {
        List<KnowledgeDocument> rows = documents.listNewestFirst(position(page.cursor()), page.limit() + 1);
        return Page.fromLookahead(rows, page.limit(), d -> Cursor.of(d.createdAt(), d.id()));
    }

    @Override
    public List<KnowledgeSearchHit> search(KnowledgeSearchQuery query) {
        return search.search(query.text(), query.language(), query.limit());
    }

    @Override
    public FoundPassages findPassages(String text, String locale, int limit) {
        KnowledgeLanguage language = KnowledgeLanguage.forLocale(locale);
        return new FoundPassages(language.configName(), search.findPassages(text, language, limit));
    }

    private static Position position(Cursor cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            if (cursor.values().size() != 2) {
                throw new IllegalArgumentException("wrong arity");
            }
            return new Position(Instant.parse(cursor.value(0)), UUID.fromString(cursor.value(1)));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new RuleViolationException("cursor", "is not a cursor of this list");
        }
    }
}
