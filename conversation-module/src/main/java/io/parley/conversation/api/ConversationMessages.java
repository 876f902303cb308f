package io.parley.conversation.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Appending to and reading a conversation's messages in-process (the chat turn). The append is the one the
 * REST route uses: the same limits, redaction, seq, idempotency and closed rule. Who may write what is the
 * caller's check, made before. Joins the caller's transaction.
 */
public interface ConversationMessages {

    /** The storage limit of a message's content, in code points: no role's configured limit is above it. */
    int MAX_CONTENT_LENGTH = 65_536;

    /** The longest content, in code points, a message of this role ({@code user}, {@code assistant}, {@code system}) may have. */
    int maxContentLength(String role);

    /**
     * Appends with the next seq; content over its role's limit is refused or fitted as {@code overLimit} says.
     * A missing conversation is a {@link io.parley.kernel.NotFoundException}, a closed one a
     * {@link io.parley.kernel.ConflictException}; an idempotency key used before returns the first message.
     */
    AppendedMessage append(UUID conversationId, NewMessage message, OverLimit overLimit);

    /** Up to {@code count} messages right before {@code seq}, oldest first. */
    List<MessageView> before(UUID conversationId, long seq, int count);

    /** The message stored with this idempotency key, if any. */
    Optional<MessageView> findByIdempotencyKey(UUID conversationId, String idempotencyKey);

    /** A message as its writer gives it (not yet redacted); {@code role} as on the wire. */
    record NewMessage(String role, String content, String intent, Double confidence, Map<String, Object> metadata,
                      String idempotencyKey) {
    }

    /**
     * The stored message. {@code replayed}: an earlier append with the same idempotency key stored it and nothing
     * was written; {@code sameAsRequested}: it has the role and the (redacted) content this append would have stored.
     */
    record AppendedMessage(MessageView message, boolean replayed, boolean sameAsRequested) {
    }
}
