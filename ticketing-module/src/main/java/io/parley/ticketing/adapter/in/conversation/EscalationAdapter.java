package io.parley.ticketing.adapter.in.conversation;

import io.parley.conversation.api.Escalation;
import io.parley.kernel.Caller;
import io.parley.kernel.Text;
import io.parley.ticketing.application.port.in.ConversationLookup;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase;
import io.parley.ticketing.application.port.in.EscalateConversationUseCase.EscalateCommand;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.HandoffStatus;
import io.parley.ticketing.domain.Ticket;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * The chat turn escalates through here when the assistant recommends a handoff. The assistant's
 * reason is free text the customer never typed: it is fitted to the ticket's rules rather than
 * failing the customer's chat turn.
 */
@Singleton
class EscalationAdapter implements Escalation {

    static final String DEFAULT_REASON = "The assistant recommended a handoff to human support.";

    private final EscalateConversationUseCase escalation;

    EscalationAdapter(EscalateConversationUseCase escalation) {
        this.escalation = escalation;
    }

    @Override
    public EscalationResult escalate(UUID conversationId, Caller caller, String reason) {
        EscalateConversationUseCase.Escalated result = escalation.escalate(
                new EscalateCommand(ConversationLookup.byId(conversationId), caller, fitted(reason)));
        Ticket ticket = result.ticket();
        Handoff handoff = result.handoff().orElse(null);
        return new EscalationResult(ticket.id(), ticket.number().toString(), ticket.status().wireValue(),
                handoff == null ? null : handoff.provider().wireValue(),
                HandoffStatus.of(ticket.status(), handoff == null ? null : handoff.delivery()).wireValue(),
                ticket.escalationReason(), result.created());
    }

    static String fitted(String reason) {
        if (reason == null || reason.isBlank() || !Text.isCleanUnicode(reason)) {
            return DEFAULT_REASON;
        }
        return Text.preview(reason, Ticket.MAX_REASON);
    }
}
