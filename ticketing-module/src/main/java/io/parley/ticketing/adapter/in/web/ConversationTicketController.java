package io.parley.ticketing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.kernel.Caller;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.EscalateCommand;
import io.parley.ticketing.application.port.in.GetHandoffUseCase;
import io.parley.ticketing.application.port.in.GetTicketUseCase;
import io.parley.ticketing.application.port.in.OpenTicketUseCase;
import io.parley.ticketing.application.port.in.OpenTicketUseCase.OpenTicketCommand;
import io.parley.ticketing.domain.Ticket;
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
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.NOT_FOUND;
import static io.parley.kernel.ApiDocs.PAYLOAD_TOO_LARGE;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.RATE_LIMIT;
import static io.parley.kernel.ApiDocs.RATE_LIMIT_POLICY;
import static io.parley.kernel.ApiDocs.RETRY_AFTER;
import static io.parley.kernel.ApiDocs.TAG_TICKETS;
import static io.parley.kernel.ApiDocs.TOO_MANY_REQUESTS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;
import static io.parley.kernel.ApiDocs.UNPROCESSABLE;
import static io.parley.kernel.ApiDocs.UNSUPPORTED_MEDIA_TYPE;

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
    static final String LOCATION = "/api/v1/tickets/{id}";

    private final EscalateConversationUseCase escalation;
    private final OpenTicketUseCase opening;
    private final GetTicketUseCase tickets;
    private final GetHandoffUseCase handoffs;

    ConversationTicketController(EscalateConversationUseCase escalation, OpenTicketUseCase opening, GetTicketUseCase tickets,
                                 GetHandoffUseCase handoffs) {
        this.escalation = escalation;
        this.opening = opening;
        this.tickets = tickets;
        this.handoffs = handoffs;
    }

    /** 201 when this call created or moved the ticket into the human queue, 200 with the ticket when it already was there or beyond. */
    @Post("/escalate")
    @Operation(operationId = "escalateConversation", summary = "Hand the conversation to a person",
            description = "Opens the conversation's one ticket (or moves it) to PENDING_HUMAN_ASSIGNMENT and queues its handoff; a closed"
                    + " ticket is reopened. Who: the customer, admin, service (an agent gets 404). Concurrent escalations: one 201.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
    @ApiResponse(responseCode = "201", description = "This call created the ticket or moved it into the human queue",
            useReturnTypeSchema = true, headers = @Header(name = "Location", description = LOCATION, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "The ticket as it is: already in the human queue or beyond", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "A closed conversation without an escalated ticket (conversation_status)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "413", description = PAYLOAD_TOO_LARGE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "415", description = UNSUPPORTED_MEDIA_TYPE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "429", description = TOO_MANY_REQUESTS, headers = {
            @Header(name = "Retry-After", description = RETRY_AFTER, schema = @Schema(type = "integer")),
            @Header(name = "RateLimit-Policy", description = RATE_LIMIT_POLICY, schema = @Schema(type = "string")),
            @Header(name = "RateLimit", description = RATE_LIMIT, schema = @Schema(type = "string"))},
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    HttpResponse<TicketResponse> escalate(@PathVariable @Parameter(description = CONVERSATION_ID, schema = @Schema(format = "uuid")) String id,
                                          @Nullable @Body TicketRequests.EscalateRequest body, @Parameter(hidden = true) Caller caller) {
        ConversationLookup conversation = ConversationLookup.byId(id);
        var result = escalation.escalate(new EscalateCommand(conversation, caller, body == null ? null : body.reasonText()));
        return created(result.ticket(), result.created());
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
    @ApiResponse(responseCode = "413", description = PAYLOAD_TOO_LARGE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "415", description = UNSUPPORTED_MEDIA_TYPE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "429", description = TOO_MANY_REQUESTS, headers = {
            @Header(name = "Retry-After", description = RETRY_AFTER, schema = @Schema(type = "integer")),
            @Header(name = "RateLimit-Policy", description = RATE_LIMIT_POLICY, schema = @Schema(type = "string")),
            @Header(name = "RateLimit", description = RATE_LIMIT, schema = @Schema(type = "string"))},
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    HttpResponse<TicketResponse> open(@PathVariable @Parameter(description = CONVERSATION_ID, schema = @Schema(format = "uuid")) String id,
                                      @Nullable @Body TicketRequests.OpenTicketRequest body, @Parameter(hidden = true) Caller caller) {
        ConversationLookup conversation = ConversationLookup.byId(id);
        TicketRequests.OpenTicketRequest request = body == null ? TicketRequests.OpenTicketRequest.EMPTY : body;
        var result = opening.open(OpenTicketCommand.of(conversation, caller, request.descriptionText(), request.priorityText(),
                request.metadataObject()));
        return created(result.ticket(), result.created());
    }

    @Get("/ticket")
    @Operation(operationId = "getConversationTicket", summary = "The conversation's ticket",
            description = "Who: those who may read the conversation. 404 also when it has no ticket.")
    @ApiResponse(responseCode = "200", description = "The ticket", useReturnTypeSchema = true)
    TicketResponse ticket(@PathVariable @Parameter(description = CONVERSATION_ID, schema = @Schema(format = "uuid")) String id, @Parameter(hidden = true) Caller caller) {
        return TicketResponse.of(tickets.forConversation(ConversationLookup.byId(id), caller));
    }

    @Get("/handoff")
    @Operation(operationId = "getConversationHandoff", summary = "The handoff of the conversation's ticket",
            description = "Who: those who may read the conversation. 404 also when there is no handoff (a ticket in OPEN_AI_HANDLING).")
    @ApiResponse(responseCode = "200", description = "The handoff", useReturnTypeSchema = true)
    HandoffResponse handoff(@PathVariable @Parameter(description = CONVERSATION_ID, schema = @Schema(format = "uuid")) String id, @Parameter(hidden = true) Caller caller) {
        return HandoffResponse.of(handoffs.forConversation(ConversationLookup.byId(id), caller));
    }

    static HttpResponse<TicketResponse> created(Ticket ticket, boolean created) {
        TicketResponse body = TicketResponse.of(ticket);
        return created
                ? HttpResponse.<TicketResponse>status(HttpStatus.CREATED).body(body).headers(h -> h.location(URI.create("/api/v1/tickets/" + ticket.id())))
                : HttpResponse.ok(body);
    }
}
