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
import io.parley.ticketing.application.port.in.TransitionOwnTicketUseCase;
import io.parley.ticketing.application.port.in.TransitionOwnTicketUseCase.OwnTransitionCommand;
import io.parley.kernel.BodyProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import static io.parley.kernel.ApiDocs.BAD_REQUEST;
import static io.parley.kernel.ApiDocs.NOT_FOUND_SESSION;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.SESSION_ID;
import static io.parley.kernel.ApiDocs.TAG_SESSIONS;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED_GUEST;

/**
 * The guest variants: no token, the unguessable session id is the capability for its one
 * conversation. An unknown session, or one of a signed-in user's conversation, is a 404.
 */
@Controller("/api/v1/sessions/{session_id}")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = TAG_SESSIONS)
@ApiResponse(responseCode = "401", description = UNAUTHORIZED_GUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
@ApiResponse(responseCode = "404", description = NOT_FOUND_SESSION,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
class SessionTicketController {

    private final ConversationTicketEndpoints endpoints;
    private final TransitionOwnTicketUseCase ownTransitions;

    SessionTicketController(ConversationTicketEndpoints endpoints, TransitionOwnTicketUseCase ownTransitions) {
        this.endpoints = endpoints;
        this.ownTransitions = ownTransitions;
    }

    @Post("/escalate")
    @Operation(operationId = "escalateSession", summary = "The guest asks for a person", security = {},
            description = "As POST /api/v1/conversations/{id}/escalate, for the guest's conversation.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
    @ConversationTicketEndpoints.EscalationResponses
    HttpResponse<TicketResponse> escalate(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId, @Nullable @Body TicketRequests.EscalateRequest body) {
        return endpoints.escalate(ConversationLookup.bySession(sessionId), Caller.guest(sessionId), body);
    }

    @Get("/ticket")
    @Operation(operationId = "getSessionTicket", summary = "The guest's ticket", security = {},
            description = "404 also when the conversation has no ticket.")
    @ApiResponse(responseCode = "200", description = "The ticket", useReturnTypeSchema = true)
    TicketResponse ticket(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId) {
        return endpoints.ticket(ConversationLookup.bySession(sessionId), Caller.guest(sessionId));
    }

    /**
     * The guest closes their ticket: {@code {"to": "CLOSED_BY_CLIENT", "reason"?}} → 200 with the ticket.
     * Any other {@code to} is 403 (422 when it is no status at all), an already closed ticket 409, no ticket 404.
     */
    @Post("/ticket/transitions")
    @Operation(operationId = "closeSessionTicket", summary = "The guest closes their ticket (to CLOSED_BY_CLIENT)", security = {},
            description = "Another valid status is 403; no ticket 404; an already closed ticket 409.")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true)
    @ApiResponse(responseCode = "200", description = "The closed ticket", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = "A status other than CLOSED_BY_CLIENT",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "The ticket is already closed (current_status, current_version)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    TicketResponse transition(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId, @Nullable @Body TicketRequests.OwnTransitionRequest body) {
        ConversationLookup conversation = ConversationLookup.bySession(sessionId);
        TicketRequests.OwnTransitionRequest request = body == null ? TicketRequests.OwnTransitionRequest.EMPTY : body;
        return TicketResponse.of(ownTransitions.transition(OwnTransitionCommand.of(conversation, Caller.guest(sessionId), request.toText(),
                request.reasonText())));
    }

    @Get("/handoff")
    @Operation(operationId = "getSessionHandoff", summary = "The handoff of the guest's ticket", security = {},
            description = "404 also when there is no handoff.")
    @ApiResponse(responseCode = "200", description = "The handoff", useReturnTypeSchema = true)
    HandoffResponse handoff(@PathVariable("session_id") @Parameter(name = "session_id", description = SESSION_ID) String sessionId) {
        return endpoints.handoff(ConversationLookup.bySession(sessionId), Caller.guest(sessionId));
    }
}
