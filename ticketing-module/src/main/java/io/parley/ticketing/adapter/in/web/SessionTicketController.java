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
import io.parley.ticketing.application.port.in.ConversationRef;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.EscalateCommand;
import io.parley.ticketing.application.port.in.GetHandoffUseCase;
import io.parley.ticketing.application.port.in.GetTicketUseCase;
import io.parley.ticketing.application.port.in.TransitionOwnTicketUseCase;
import io.parley.ticketing.application.port.in.TransitionOwnTicketUseCase.OwnTransitionCommand;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The guest variants: no token, the unguessable session id is the capability for its one
 * conversation. An unknown session, or one of a signed-in user's conversation, is a 404.
 */
@Controller("/api/v1/sessions/{session_id}")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Tickets")
class SessionTicketController {

    private final EscalateConversationUseCase escalation;
    private final GetTicketUseCase tickets;
    private final GetHandoffUseCase handoffs;
    private final TransitionOwnTicketUseCase ownTransitions;

    SessionTicketController(EscalateConversationUseCase escalation, GetTicketUseCase tickets, GetHandoffUseCase handoffs,
                            TransitionOwnTicketUseCase ownTransitions) {
        this.escalation = escalation;
        this.tickets = tickets;
        this.handoffs = handoffs;
        this.ownTransitions = ownTransitions;
    }

    @Post("/escalate")
    HttpResponse<TicketResponse> escalate(@PathVariable("session_id") String sessionId, @Nullable @Body TicketRequests.Escalate body) {
        ConversationRef conversation = ConversationRef.bySession(sessionId);
        var result = escalation.escalate(new EscalateCommand(conversation, Caller.guest(sessionId), body == null ? null : body.reasonText()));
        return ConversationTicketController.created(result.ticket(), result.created());
    }

    @Get("/ticket")
    TicketResponse ticket(@PathVariable("session_id") String sessionId) {
        return TicketResponse.of(tickets.forConversation(ConversationRef.bySession(sessionId), Caller.guest(sessionId)));
    }

    /**
     * The guest closes their ticket: {@code {"to": "CLOSED_BY_CLIENT", "reason"?}} → 200 with the ticket.
     * Any other {@code to} is 403 (422 when it is no status at all), an already closed ticket 409, no ticket 404.
     */
    @Post("/ticket/transitions")
    TicketResponse transition(@PathVariable("session_id") String sessionId, @Nullable @Body TicketRequests.OwnTransition body) {
        ConversationRef conversation = ConversationRef.bySession(sessionId);
        TicketRequests.OwnTransition request = body == null ? TicketRequests.OwnTransition.EMPTY : body;
        return TicketResponse.of(ownTransitions.transition(OwnTransitionCommand.of(conversation, Caller.guest(sessionId), request.toText(),
                request.reasonText())));
    }

    @Get("/handoff")
    HandoffResponse handoff(@PathVariable("session_id") String sessionId) {
        return HandoffResponse.of(handoffs.forConversation(ConversationRef.bySession(sessionId), Caller.guest(sessionId)));
    }
}
