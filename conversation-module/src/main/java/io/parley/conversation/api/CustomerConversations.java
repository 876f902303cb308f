package io.parley.conversation.api;

import io.parley.kernel.Caller;

import java.time.Duration;

/**
 * The conversation a customer talks in, for the chat turn: started, or continued by its session id.
 * Join the caller's transaction (the chat turn opens one around this and the customer's message).
 */
public interface CustomerConversations {

    /**
     * Starts a conversation for the caller (a guest's gets a new session id; a user's is theirs). For a signed-in
     * caller whose first turn with {@code idempotencyKey} already started one within {@code retryWindow}, that
     * conversation instead, so a retried first turn does not start a second one (concurrent retries queue up on a
     * lock held until the caller's transaction ends). {@code channel} and {@code locale} follow
     * {@link NewConversationRules} (channel null: the default).
     */
    CustomerConversation start(Caller caller, String channel, String locale, String idempotencyKey, Duration retryWindow);

    /**
     * The conversation a session id names, for its customer only: the user who owns it, or whoever holds a guest
     * conversation's session id. Anyone else, staff included (they read, but do not talk), and an unknown or
     * malformed session id: {@link io.parley.kernel.NotFoundException}.
     */
    CustomerConversation continueBySession(String sessionId, Caller caller);

    /**
     * @param customer how the customer acts on the conversation: for a guest conversation the guest holding its
     *                 session, else the caller
     */
    record CustomerConversation(ConversationView conversation, Caller customer) {
    }
}
