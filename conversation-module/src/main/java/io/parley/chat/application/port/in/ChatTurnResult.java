package io.parley.chat.application.port.in;

import io.parley.conversation.api.ConversationView;
import io.parley.conversation.api.MessageView;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A chat turn as the customer sees it: the conversation (with its session id), the stored customer
 * message and assistant reply, and the hand-over when the reply recommended one (null otherwise).
 * While a person holds the conversation there is no reply ({@code null}) and the hand-over is the
 * ticket's current one.
 *
 * @param replayed true when an earlier request with the same idempotency key wrote this turn
 */
public record ChatTurnResult(ConversationView conversation, MessageView message, MessageView reply, List<Source> sources,
                             Handoff handoff, boolean replayed) {

    public ChatTurnResult {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(message, "message");
        if (reply == null && handoff == null) {
            throw new IllegalArgumentException("a turn without a reply is one a person answers: it has a handoff");
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** A knowledge document the reply is based on. */
    public record Source(UUID documentId, String title) {
    }

    /**
     * The hand-over to human support. {@code status} is the handoff's ({@code pending}, {@code created},
     * {@code routed}, {@code resolved}, {@code failed}); {@code pending} with null ticket fields when no
     * ticketing is deployed, {@code failed} with null ticket fields when escalating failed (a retry of the
     * turn with the same idempotency key tries again).
     */
    public record Handoff(boolean recommended, String reason, String provider, UUID ticketId, String ticketNumber, String status) {

        public static final String PENDING = "pending";
        public static final String FAILED = "failed";

        public Handoff {
            Objects.requireNonNull(status, "status");
        }

        /** The hand-over the assistant recommended with its reply. */
        public static Handoff recommended(String reason, String provider, UUID ticketId, String ticketNumber, String status) {
            return new Handoff(true, reason, provider, ticketId, ticketNumber, status);
        }
    }
}
