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
import io.parley.knowledge.adapter.in.web.KnowledgeResponses.DocumentPageResponse;
import io.parley.knowledge.adapter.in.web.KnowledgeResponses.DocumentResponse;
import io.parley.knowledge.adapter.in.web.KnowledgeResponses.SearchResponse;
import io.parley.knowledge.application.port.in.KnowledgeSearchQuery;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.knowledge.application.port.in.ReadKnowledgeUseCase;
import io.parley.knowledge.application.port.in.SearchKnowledgeUseCase;
import io.parley.knowledge.domain.KnowledgeDocument;
import io.parley.kernel.Caller;
import io.parley.kernel.PageRequest;
import io.parley.kernel.BodyProblemResponses;
import io.parley.kernel.TooManyRequestsResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;

import static io.parley.kernel.ApiDocs.BAD_REQUEST;
import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.CURSOR;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.LIMIT;
import static io.parley.kernel.ApiDocs.NOT_FOUND;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_KNOWLEDGE;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED_GUEST;
import static io.parley.kernel.ApiDocs.UNPROCESSABLE;

/**
 * docs/api.md "Knowledge base": admins write (others 403, no token 401); everyone reads and searches,
 * anonymous guests included, since the knowledge base is the public help center.
 */
@Controller("/api/v1/knowledge")
@Tag(name = TAG_KNOWLEDGE)
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
    @Operation(operationId = "createKnowledgeDocument", summary = "Create a knowledge document (admin)",
            description = "Other roles: 403 before the body is read.", security = @SecurityRequirement(name = BEARER))
    @ApiResponse(responseCode = "201", description = "The document", useReturnTypeSchema = true, headers = @Header(name = "Location",
            description = "/api/v1/knowledge/documents/{id}", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    HttpResponse<DocumentResponse> create(@Body KnowledgeDocumentRequest body, @Parameter(hidden = true) Caller caller) {
        KnowledgeDocument created = management.create(caller, body.command());
        return HttpResponse.created(DocumentResponse.of(created), URI.create(DOCUMENTS + created.id()));
    }

    @Get("/documents{?limit,cursor}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(operationId = "listKnowledgeDocuments", summary = "List knowledge documents, newest first", security = {})
    @ApiResponse(responseCode = "200", description = "A page of documents", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED_GUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    DocumentPageResponse list(@Nullable @QueryValue @Parameter(description = LIMIT,
                                      schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) String limit,
                              @Nullable @QueryValue @Parameter(description = CURSOR) String cursor) {
        return DocumentPageResponse.of(reading.list(PageRequest.of(limit, cursor)));
    }

    @Get("/documents/{id}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(operationId = "getKnowledgeDocument", summary = "Read a knowledge document", security = {})
    @ApiResponse(responseCode = "200", description = "The document", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED_GUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    DocumentResponse get(@PathVariable @Parameter(description = "The document's id; unknown or malformed: 404", schema = @Schema(format = "uuid")) String id) {
        return DocumentResponse.of(reading.get(id));
    }

    @Put("/documents/{id}")
    @Secured(ADMIN)
    @Operation(operationId = "replaceKnowledgeDocument", summary = "Replace a knowledge document (admin)",
            description = "Absent members are cleared; the id and created_at stay. Other roles: 403 before the body is read.",
            security = @SecurityRequirement(name = BEARER))
    @ApiResponse(responseCode = "200", description = "The document", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    DocumentResponse replace(@PathVariable @Parameter(description = "The document's id; unknown or malformed: 404", schema = @Schema(format = "uuid")) String id, @Body KnowledgeDocumentRequest body, @Parameter(hidden = true) Caller caller) {
        return DocumentResponse.of(management.replace(caller, id, body.command()));
    }

    @Delete("/documents/{id}")
    @Secured(ADMIN)
    @Operation(operationId = "deleteKnowledgeDocument", summary = "Delete a knowledge document (admin)",
            security = @SecurityRequirement(name = BEARER))
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @TooManyRequestsResponse
    HttpResponse<Void> delete(@PathVariable @Parameter(description = "The document's id; unknown or malformed: 404", schema = @Schema(format = "uuid")) String id, @Parameter(hidden = true) Caller caller) {
        management.delete(caller, id);
        return HttpResponse.noContent();
    }

    @Get("/search{?q,limit,locale}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(operationId = "searchKnowledge", summary = "Full-text search, best match first", security = {},
            description = "A ranked top-k without a cursor. Nothing found (or only stop words): empty items.")
    @ApiResponse(responseCode = "200", description = "The best matches", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED_GUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    SearchResponse search(@Nullable @QueryValue @Parameter(description = "1..500 characters in web-search syntax: every word must match,"
                                  + " \"quoted phrases\" keep their order, or between alternatives, -word excludes; words are stemmed",
                                  required = true, schema = @Schema(type = "string", minLength = 1, maxLength = 500)) String q,
                          @Nullable @QueryValue @Parameter(description = "1..200 (default 10)",
                                  schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "10")) String limit,
                          @Nullable @QueryValue @Parameter(description = "the language the words are stemmed in (de-AT, pt_BR): PostgreSQL's"
                                  + " configuration for the tag's language, simple when there is none, english when absent",
                                  example = "en-US") String locale) {
        return SearchResponse.of(searching.search(KnowledgeSearchQuery.of(q, locale, limit)));
    }
}
