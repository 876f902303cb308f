package io.parley.knowledge.application.service;

import io.parley.knowledge.application.port.in.KnowledgeDocumentCommand;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.knowledge.application.port.out.LoadKnowledgeDocumentPort;
import io.parley.knowledge.application.port.out.StoreKnowledgeDocumentPort;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Ids;
import io.parley.kernel.NotFoundException;
import io.parley.kernel.Timestamps;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

@Singleton
public class KnowledgeManagementService implements ManageKnowledgeUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeManagementService.class);
    private static final String WHAT = "knowledge document";

    private final StoreKnowledgeDocumentPort store;
    private final LoadKnowledgeDocumentPort documents;
    private final Clock clock;

    public KnowledgeManagementService(StoreKnowledgeDocumentPort store, LoadKnowledgeDocumentPort documents, Clock clock) {
        this.store = store;
        this.documents = documents;
        this.clock = clock;
    }

    @Override
    @Transactional
    public KnowledgeDocument create(Caller caller, KnowledgeDocumentCommand command) {
        requireAdmin(caller);
        Instant now = now();
        KnowledgeDocument document = new KnowledgeDocument(Ids.newId(clock), command.title(), command.content(), command.sourceUrl(),
                command.tags(), command.metadata(), command.language(), now, now);
        store.insert(document);
        LOG.info("knowledge document {} created ({} chars, {} tags)", document.id(), document.content().length(), document.tags().size());
        return document;
    }

    @Override
    @Transactional
    public KnowledgeDocument replace(Caller caller, String documentId, KnowledgeDocumentCommand command) {
        requireAdmin(caller);
        UUID id = Ids.parseOrNotFound(documentId, WHAT);
        KnowledgeDocument current = documents.find(id).orElseThrow(() -> new NotFoundException(WHAT));
        Instant now = now();
        KnowledgeDocument revised = current.revise(command.title(), command.content(), command.sourceUrl(), command.tags(),
                command.metadata(), command.language(), now.isBefore(current.createdAt()) ? current.createdAt() : now);
        if (!store.update(revised)) {
            throw new NotFoundException(WHAT);
        }
        LOG.info("knowledge document {} replaced ({} chars, {} tags)", id, revised.content().length(), revised.tags().size());
        return revised;
    }

    @Override
    @Transactional
    public void delete(Caller caller, String documentId) {
        requireAdmin(caller);
        UUID id = Ids.parseOrNotFound(documentId, WHAT);
        if (!store.delete(id)) {
            throw new NotFoundException(WHAT);
        }
        LOG.info("knowledge document {} deleted", id);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only admins may change the knowledge base.");
        }
    }

    /** Milliseconds, like every timestamp of the API (and stored as shown, so cursors survive the round trip). */
    private Instant now() {
        return Timestamps.now(clock);
    }
}
