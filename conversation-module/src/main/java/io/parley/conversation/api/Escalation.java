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
     * queues its handoff; a closed ticket is reopened there and handed off again. Idempotent while
     * people hold the ticket: a second call returns it unchanged. {@code handoffStatus} is the status
     * {@code GET …/handoff} shows.
     */
    EscalationResult escalate(UUID conversationId, Caller caller, String reason);

    /** @param created true when this call created, moved or reopened the ticket; false when people already held it */
    record EscalationResult(UUID ticketId, String ticketNumber, String ticketStatus, String provider,
                            String handoffStatus, String reason, boolean created) {
    }
}
