package io.parley.conversation.api;

import io.parley.kernel.Caller;

import java.util.UUID;

/**
 * Outbound port of the conversation module: hand a conversation to human support.
 * Implemented by the ticketing module; the chat turn calls it when the assistant recommends a handoff.
 */
public interface Escalation {

    /**
     * Opens (or moves) the one ticket of the conversation to {@code PENDING_HUMAN_ASSIGNMENT} and
     * queues its handoff. Idempotent: a second call returns the existing ticket.
     */
    EscalationResult escalate(UUID conversationId, Caller caller, String reason);

    /** @param created true when this call created or moved the ticket; false when it was already escalated */
    record EscalationResult(UUID ticketId, String ticketNumber, String ticketStatus, String provider,
                            String handoffStatus, String reason, boolean created) {
    }
}
