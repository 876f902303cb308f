package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.Conversation;

import java.time.Instant;
import java.util.Optional;

/**
 * Finds the conversation a signed-in customer's first chat turn with an idempotency key already
 * started, so a retried first turn continues it instead of starting a second one.
 */
public interface FindStartedConversationPort {

    /**
     * Takes a transaction-scoped lock on ({@code ownerSubject}, {@code idempotencyKey}), held until the
     * caller's transaction ends so concurrent first turns with the same key queue up, then returns the
     * owner's conversation started at or after {@code since} whose first message carries that key.
     * Must run inside a transaction.
     */
    Optional<Conversation> lockAndFind(String ownerSubject, String idempotencyKey, Instant since);
}
