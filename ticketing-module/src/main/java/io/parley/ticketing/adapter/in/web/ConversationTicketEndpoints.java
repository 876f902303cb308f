package io.parley.ticketing.adapter.in.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.parley.kernel.BodyProblemResponses;
import io.parley.kernel.Caller;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.EscalateCommand;
import io.parley.ticketing.application.port.in.GetHandoffUseCase;
import io.parley.ticketing.application.port.in.GetTicketUseCase;
import io.parley.ticketing.domain.Ticket;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Singleton;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;

import static io.parley.kernel.ApiDocs.BAD_REQUEST;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;

/**
 * What the conversation-id routes and the guest session routes of a conversation's ticket share: the same
 * use cases and the same answers behind both, so a guest's view of its ticket can never drift from the owner's.
 */
@Singleton
class ConversationTicketEndpoints {

    static final String LOCATION = "/api/v1/tickets/{id}";

    private final EscalateConversationUseCase escalation;
    private final GetTicketUseCase tickets;
    private final GetHandoffUseCase handoffs;

    ConversationTicketEndpoints(EscalateConversationUseCase escalation, GetTicketUseCase tickets, GetHandoffUseCase handoffs) {
        this.escalation = escalation;
        this.tickets = tickets;
        this.handoffs = handoffs;
    }

    /** 201 when this call created or moved the ticket into the human queue, 200 with the ticket when it already was there or beyond. */
    HttpResponse<TicketResponse> escalate(ConversationLookup conversation, Caller caller, @Nullable TicketRequests.EscalateRequest body) {
        var result = escalation.escalate(new EscalateCommand(conversation, caller, body == null ? null : body.reasonText()));
        return created(result.ticket(), result.created());
    }

    TicketResponse ticket(ConversationLookup conversation, Caller caller) {
        return TicketResponse.of(tickets.forConversation(conversation, caller));
    }

    HandoffResponse handoff(ConversationLookup conversation, Caller caller) {
        return HandoffResponse.of(handoffs.forConversation(conversation, caller));
    }

    static HttpResponse<TicketResponse> created(Ticket ticket, boolean created) {
        TicketResponse body = TicketResponse.of(ticket);
        return created
                ? HttpResponse.<TicketResponse>status(HttpStatus.CREATED).body(body).headers(h -> h.location(URI.create("/api/v1/tickets/" + ticket.id())))
                : HttpResponse.ok(body);
    }

    /** The OpenAPI responses of both escalate routes (micronaut-openapi reads {@code @ApiResponse} through it). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "201", description = "This call created the ticket or moved it into the human queue",
            useReturnTypeSchema = true, headers = @Header(name = "Location", description = LOCATION, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "200", description = "The ticket as it is: already in the human queue or beyond", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = BAD_REQUEST,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "409", description = "A closed conversation without an escalated ticket (conversation_status)",
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @BodyProblemResponses
    @interface EscalationResponses {
    }
}
