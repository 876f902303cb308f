package io.parley.ticketing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.ticketing.application.port.in.ClaimTicketUseCase;
import io.parley.ticketing.application.port.in.GetTicketUseCase;
import io.parley.ticketing.application.port.in.ListTicketsUseCase;
import io.parley.ticketing.application.port.in.ListTicketsUseCase.ListTicketsQuery;
import io.parley.ticketing.application.port.in.TransitionTicketUseCase;
import io.parley.ticketing.application.port.in.TransitionTicketUseCase.TransitionCommand;
import io.parley.ticketing.application.port.in.UpdateTicketUseCase;
import io.parley.ticketing.application.port.in.UpdateTicketUseCase.UpdateTicketCommand;
import io.parley.kernel.BodyProblemResponses;
import io.parley.kernel.TooManyRequestsResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import static io.parley.kernel.ApiDocs.BAD_REQUEST;
import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.CURSOR;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.LIMIT;
import static io.parley.kernel.ApiDocs.NOT_FOUND;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_TICKETS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;
import static io.parley.kernel.ApiDocs.UNPROCESSABLE;

/** Tickets for the agent console: the queue, listing, reading, editing and moving them. Roles are checked by the use cases. */
@Controller("/api/v1/tickets")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = TAG_TICKETS)
@SecurityRequirement(name = BEARER)
@ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
class TicketController {

    private final ListTicketsUseCase listing;
    private final ClaimTicketUseCase queue;
    private final GetTicketUseCase tickets;
    private final UpdateTicketUseCase updating;
    private final TransitionTicketUseCase transitions;

    TicketController(ListTicketsUseCase listing, ClaimTicketUseCase queue, GetTicketUseCase tickets, UpdateTicketUseCase updating,
                     TransitionTicketUseCase transitions) {
        this.listing = listing;
        this.queue = queue;
        this.tickets = tickets;
        this.updating = updating;
        this.transitions = transitions;
    }

    /** Newest opened first; {@code status} takes one status or several separated by commas; {@code assignee_id} a user id or {@code me}. */
    @Get
    @Operation(operationId = "listTickets", summary = "The agent console's list of tickets, newest opened first (agent, admin)")
    @ApiResponse(responseCode = "200", description = "A page of tickets", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    TicketPageResponse list(@Nullable @QueryValue @Parameter(description = "One status, or several separated by commas (exact, upper case)",
                                    example = "PENDING_HUMAN_ASSIGNMENT,ACTIVE_HUMAN_CHAT") String status,
                            @Nullable @QueryValue("assignee_id") @Parameter(name = "assignee_id", description = "A user id, or me") String assigneeId,
                            @Nullable @QueryValue @Parameter(description = LIMIT,
                                    schema = @Schema(type = "integer", minimum = "1", maximum = "200", defaultValue = "50")) String limit,
                            @Nullable @QueryValue @Parameter(description = CURSOR) String cursor, @Parameter(hidden = true) Caller caller) {
        return TicketPageResponse.of(listing.list(ListTicketsQuery.of(caller, status, assigneeId, limit, cursor)));
    }

    /** 200 with the claimed ticket, or 204 when the queue is empty. */
    @Post("/claim")
    @Operation(operationId = "claimTicket", summary = "Take the next ticket from the queue (agent, admin)",
            description = "The highest priority, then the oldest, in PENDING_HUMAN_ASSIGNMENT moves to ACTIVE_HUMAN_CHAT assigned to the caller."
                    + " Two agents never get the same ticket. No body.")
    @ApiResponse(responseCode = "200", description = "The claimed ticket", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "204", description = "The queue is empty")
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @TooManyRequestsResponse
    HttpResponse<TicketResponse> claim(@Parameter(hidden = true) Caller caller) {
        return queue.claimNext(caller).map(TicketResponse::of).map(HttpResponse::ok)
                .orElseGet(HttpResponse::noContent);
    }

    @Get("/{id}")
    @Operation(operationId = "getTicket", summary = "A ticket (agent, admin, service, the ticket's own signed-in customer)")
    @ApiResponse(responseCode = "200", description = "The ticket", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    TicketResponse get(@PathVariable @Parameter(description = ConversationTicketController.TICKET_ID, schema = @Schema(format = "uuid")) String id, @Parameter(hidden = true) Caller caller) {
        return TicketResponse.of(tickets.byId(Ids.parseOrNotFound(id, "ticket"), caller));
    }

    @Patch("/{id}")
    @Operation(operationId = "updateTicket", summary = "Edit a ticket's priority, description or metadata (agent, admin, service)",
            description = "Optimistic locking on version; not a status change (no history entry). Other roles: 403 before the lookup.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
    @ApiResponse(responseCode = "200", description = "The ticket, version + 1", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "A stale version (current_version) or a closed ticket (current_status)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    TicketResponse update(@PathVariable @Parameter(description = ConversationTicketController.TICKET_ID, schema = @Schema(format = "uuid")) String id, @Nullable @Body TicketRequests.UpdateRequest body,
                          @Parameter(hidden = true) Caller caller) {
        TicketRequests.UpdateRequest request = body == null ? TicketRequests.UpdateRequest.EMPTY : body;
        return TicketResponse.of(updating.update(UpdateTicketCommand.of(id, caller, request.priorityText(), request.descriptionText(),
                request.metadataObject(), request.versionNumber())));
    }

    @Post("/{id}/transitions")
    @Operation(operationId = "transitionTicket", summary = "Move a ticket to another status",
            description = "agent and admin: any allowed move; service: only while OPEN_AI_HANDLING; the ticket's own signed-in customer:"
                    + " only to CLOSED_BY_CLIENT (otherwise 403); anyone else 404. Closed is final here (409).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
    @ApiResponse(responseCode = "200", description = "The moved ticket", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409",
            description = "A move the state machine forbids (current_status, current_version) or a stale version (current_version)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    TicketResponse transition(@PathVariable @Parameter(description = ConversationTicketController.TICKET_ID, schema = @Schema(format = "uuid")) String id, @Nullable @Body TicketRequests.TransitionRequest body,
                              @Parameter(hidden = true) Caller caller) {
        TicketRequests.TransitionRequest request = body == null ? TicketRequests.TransitionRequest.EMPTY : body;
        return TicketResponse.of(transitions.transition(TransitionCommand.of(id, caller, request.toText(), request.reasonText(),
                request.assigneeIdText(), request.versionNumber())));
    }

    @Get("/{id}/history")
    @Operation(operationId = "getTicketHistory", summary = "Every status change of a ticket, oldest first",
            description = "Who: as GET /api/v1/tickets/{id}. Not paged.")
    @ApiResponse(responseCode = "200", description = "The history", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    TicketHistoryResponse history(@PathVariable @Parameter(description = ConversationTicketController.TICKET_ID, schema = @Schema(format = "uuid")) String id, @Parameter(hidden = true) Caller caller) {
        return TicketHistoryResponse.of(tickets.history(Ids.parseOrNotFound(id, "ticket"), caller));
    }
}
