package io.parley.ticketing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.kernel.Caller;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.OpenTicketUseCase;
import io.parley.ticketing.application.port.in.OpenTicketUseCase.OpenTicketCommand;
import io.parley.kernel.BodyProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;


import static io.parley.kernel.ApiDocs.BAD_REQUEST;
import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.NOT_FOUND;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_TICKETS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;

/** The ticket of a conversation: escalate it, let the AI open it early, read it and its handoff. */
@Controller("/api/v1/conversations/{id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = TAG_TICKETS)
@SecurityRequirement(name = BEARER)
@ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
class ConversationTicketController {

    static final String CONVERSATION_ID = "The conversation's id; unknown, malformed or not readable by the caller: 404";
    static final String TICKET_ID = "The ticket's id; unknown, malformed or not readable by the caller: 404";
    static final String LOCATION = ConversationTicketEndpoints.LOCATION;

    private final ConversationTicketEndpoints endpoints;
    private final OpenTicketUseCase opening;

    ConversationTicketController(ConversationTicketEndpoints endpoints, OpenTicketUseCase opening) {
        this.endpoints = endpoints;
        this.opening = opening;
    }

    /** 201 when this call created or moved the ticket into the human queue, 200 with the ticket when it already was there or beyond. */
    @Post("/escalate")
    @Operation(operationId = "escalateConversation", summary = "Hand the conversation to a person",
            description = "Opens the conversation's one ticket (or moves it) to PENDING_HUMAN_ASSIGNMENT and queues its handoff; a closed"
                    + " ticket is reopened. Who: the customer, admin, service (an agent gets 404). Concurrent escalations: one 201.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
    @ConversationTicketEndpoints.EscalationResponses
    HttpResponse<TicketResponse> escalate(@PathVariable @Parameter(description = CONVERSATION_ID, schema = @Schema(format = "uuid")) String id,
                                          @Nullable @Body TicketRequests.EscalateRequest body, @Parameter(hidden = true) Caller caller) {
        return endpoints.escalate(ConversationLookup.byId(id), caller, body);
    }

    /** The AI agent (service) opens the ticket early, in OPEN_AI_HANDLING: 201, or 200 with the existing one. */
    @Post("/ticket")
    @Operation(operationId = "openTicket", summary = "Open the conversation's ticket early, in OPEN_AI_HANDLING (service, admin)",
            description = "The AI agent opens the ticket while it still handles the case itself. Body optional. Other roles: 403.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false)
    @ApiResponse(responseCode = "201", description = "The ticket, opened now", useReturnTypeSchema = true,
            headers = @Header(name = "Location", description = LOCATION, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "The conversation's existing ticket (any status)", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "A closed conversation without a ticket",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    HttpResponse<TicketResponse> open(@PathVariable @Parameter(description = CONVERSATION_ID, schema = @Schema(format = "uuid")) String id,
                                      @Nullable @Body TicketRequests.OpenTicketRequest body, @Parameter(hidden = true) Caller caller) {
        ConversationLookup conversation = ConversationLookup.byId(id);
        TicketRequests.OpenTicketRequest request = body == null ? TicketRequests.OpenTicketRequest.EMPTY : body;
        var result = opening.open(OpenTicketCommand.of(conversation, caller, request.descriptionText(), request.priorityText(),
                request.metadataObject()));
        return ConversationTicketEndpoints.created(result.ticket(), result.created());
    }

    @Get("/ticket")
    @Operation(operationId = "getConversationTicket", summary = "The conversation's ticket",
            description = "Who: those who may read the conversation. 404 also when it has no ticket.")
    @ApiResponse(responseCode = "200", description = "The ticket", useReturnTypeSchema = true)
    TicketResponse ticket(@PathVariable @Parameter(description = CONVERSATION_ID, schema = @Schema(format = "uuid")) String id, @Parameter(hidden = true) Caller caller) {
        return endpoints.ticket(ConversationLookup.byId(id), caller);
    }

    @Get("/handoff")
    @Operation(operationId = "getConversationHandoff", summary = "The handoff of the conversation's ticket",
            description = "Who: those who may read the conversation. 404 also when there is no handoff (a ticket in OPEN_AI_HANDLING).")
    @ApiResponse(responseCode = "200", description = "The handoff", useReturnTypeSchema = true)
    HandoffResponse handoff(@PathVariable @Parameter(description = CONVERSATION_ID, schema = @Schema(format = "uuid")) String id, @Parameter(hidden = true) Caller caller) {
        return endpoints.handoff(ConversationLookup.byId(id), caller);
    }
}
