package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.TicketNumber;

import java.util.UUID;

/**
 * Delivers a handoff to one helpdesk. Implementations never throw for a helpdesk's answer: every
 * failure is a {@link DeliveryOutcome}, described without response bodies or credentials.
 */
public interface HelpdeskProvider {

    HelpdeskKind kind();

    DeliveryOutcome deliver(HandoffRequest request);

    /**
     * What a helpdesk gets: the ticket's identity and text, and the whole conversation as plain text.
     * {@code handoffId} is stable across attempts (an idempotency key for helpdesks that honour one).
     */
    record HandoffRequest(UUID handoffId, UUID ticketId, TicketNumber ticketNumber, UUID conversationId, UUID clientId,
                          Priority priority, String reason, String description, String summary, String transcript) {

        /** A one-line subject for the helpdesk ticket. */
        public String subject() {
            String topic = summary != null && !summary.isBlank() ? summary
                    : reason != null && !reason.isBlank() ? reason
                    : "Conversation escalated from the assistant";
            String line = topic.replaceAll("\\s+", " ").strip();
            if (line.length() > 150) {
                line = line.substring(0, 149) + "…";
            }
            return "[Parley " + ticketNumber + "] " + line;
        }
    }
}
