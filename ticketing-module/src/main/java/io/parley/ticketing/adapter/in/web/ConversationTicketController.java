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
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;

/** The ticket of a conversation: escalate it, let the AI open it early, read it and its handoff. */
@Controller("/api/v1/conversations/{id}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Tickets")
class ConversationTicketController {

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
    HttpResponse<TicketResponse> escalate(@PathVariable String id, @Nullable @Body TicketRequests.Escalate body, Caller caller) {
        ConversationLookup conversation = ConversationLookup.byId(id);
        var result = escalation.escalate(new EscalateCommand(conversation, caller, body == null ? null : body.reasonText()));
        return created(result.ticket(), result.created());
    }

    /** The AI agent (service) opens the ticket early, in OPEN_AI_HANDLING: 201, or 200 with the existing one. */
    @Post("/ticket")
    HttpResponse<TicketResponse> open(@PathVariable String id, @Nullable @Body TicketRequests.Open body, Caller caller) {
        ConversationLookup conversation = ConversationLookup.byId(id);
        TicketRequests.Open request = body == null ? TicketRequests.Open.EMPTY : body;
        var result = opening.open(OpenTicketCommand.of(conversation, caller, request.descriptionText(), request.priorityText(),
                request.metadataObject()));
        return created(result.ticket(), result.created());
    }

    @Get("/ticket")
    TicketResponse ticket(@PathVariable String id, Caller caller) {
        return TicketResponse.of(tickets.forConversation(ConversationLookup.byId(id), caller));
    }

    @Get("/handoff")
    HandoffResponse handoff(@PathVariable String id, Caller caller) {
        return HandoffResponse.of(handoffs.forConversation(ConversationLookup.byId(id), caller));
    }

    static HttpResponse<TicketResponse> created(Ticket ticket, boolean created) {
        TicketResponse body = TicketResponse.of(ticket);
        return created
                ? HttpResponse.<TicketResponse>status(HttpStatus.CREATED).body(body).headers(h -> h.location(URI.create("/api/v1/tickets/" + ticket.id())))
                : HttpResponse.ok(body);
    }
}
