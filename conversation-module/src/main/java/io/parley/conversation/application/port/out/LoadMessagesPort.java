package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.Message;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface LoadMessagesPort {

    /** Up to {@code limit} messages with {@code afterSeq < seq <= upToSeq}, oldest first: an index range scan. */
    List<Message> page(UUID conversationId, long afterSeq, long upToSeq, int limit);

    /** Up to {@code limit} messages with {@code seq < beforeSeq}, newest first: the same index range scan, backwards. */
    List<Message> pageBackwards(UUID conversationId, long beforeSeq, int limit);

    /** The message of the conversation stored with this idempotency key, if any: a unique-index lookup. */
    Optional<Message> findByIdempotencyKey(UUID conversationId, String idempotencyKey);
}
