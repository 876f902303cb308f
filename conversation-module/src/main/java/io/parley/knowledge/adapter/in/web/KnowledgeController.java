package io.parley.knowledge.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.knowledge.adapter.in.web.KnowledgeReplies.DocumentPageReply;
import io.parley.knowledge.adapter.in.web.KnowledgeReplies.DocumentReply;
import io.parley.knowledge.adapter.in.web.KnowledgeReplies.SearchReply;
import io.parley.knowledge.application.port.in.KnowledgeSearchQuery;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.knowledge.application.port.in.ReadKnowledgeUseCase;
import io.parley.knowledge.application.port.in.SearchKnowledgeUseCase;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.kernel.Caller;
import io.parley.kernel.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;

/**
 * API.md "Knowledge base": admins write (others 403, no token 401); everyone reads and searches,
 * anonymous guests included, since the knowledge base is the public help center.
 */
@Controller("/api/v1/knowledge")
@Tag(name = "Knowledge base")
class KnowledgeController {

    private static final String DOCUMENTS = "/api/v1/knowledge/documents/";
    /**
     * Writes are refused before the body is read (403 whatever it holds); the use case checks the
     * role again, the application layer being where the rule lives.
     */
    private static final String ADMIN = "admin";

    private final ManageKnowledgeUseCase management;
    private final ReadKnowledgeUseCase reading;
    private final SearchKnowledgeUseCase searching;

    KnowledgeController(ManageKnowledgeUseCase management, ReadKnowledgeUseCase reading, SearchKnowledgeUseCase searching) {
        this.management = management;
        this.reading = reading;
        this.searching = searching;
    }

    @Post("/documents")
    @Secured(ADMIN)
    @Operation(summary = "Create a knowledge document (admin)")
    HttpResponse<DocumentReply> create(@Body KnowledgeDocumentBody body, @Parameter(hidden = true) Caller caller) {
        KnowledgeDocument created = management.create(caller, body.command());
        return HttpResponse.created(DocumentReply.of(created), URI.create(DOCUMENTS + created.id()));
    }

    @Get("/documents{?limit,cursor}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "List knowledge documents, newest first")
    DocumentPageReply list(@Nullable @QueryValue String limit, @Nullable @QueryValue String cursor) {
        return DocumentPageReply.of(reading.list(PageRequest.of(limit, cursor)));
    }

    @Get("/documents/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Read a knowledge document")
    DocumentReply get(@PathVariable String id) {
        return DocumentReply.of(reading.get(id));
    }

    @Put("/documents/{id}")
    @Secured(ADMIN)
    @Operation(summary = "Replace a knowledge document (admin)")
    DocumentReply replace(@PathVariable String id, @Body KnowledgeDocumentBody body, @Parameter(hidden = true) Caller caller) {
        return DocumentReply.of(management.replace(caller, id, body.command()));
    }

    @Delete("/documents/{id}")
    @Secured(ADMIN)
    @Operation(summary = "Delete a knowledge document (admin)")
    HttpResponse<Void> delete(@PathVariable String id, @Parameter(hidden = true) Caller caller) {
        management.delete(caller, id);
        return HttpResponse.noContent();
    }

    @Get("/search{?q,limit,locale}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Full-text search, best match first",
            description = "q in websearch syntax; locale (e.g. de-AT) picks the stemming language, english when absent, simple when PostgreSQL has none")
    SearchReply search(@Nullable @QueryValue String q, @Nullable @QueryValue String limit, @Nullable @QueryValue String locale) {
        return SearchReply.of(searching.search(KnowledgeSearchQuery.of(q, locale, limit)));
    }
}
