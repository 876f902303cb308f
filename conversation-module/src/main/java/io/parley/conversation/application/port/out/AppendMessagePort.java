package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.Message;
import io.parley.conversation.domain.MessageRole;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

public interface AppendMessagePort {

    /**
     * Stores the message with the next seq of its conversation, assigned by the database in the same
     * transaction (so concurrent appends never share or skip a seq), and moves the conversation's
     * {@code last_seq} and {@code updated_at}; takes {@code summaryIfNone} as the conversation's summary
     * when it has none yet. With an idempotency key already used in this conversation nothing is
     * written and the first message comes back as {@link Replayed}, also under concurrent duplicates.
     */
    AppendOutcome append(NewMessage message);

    record NewMessage(UUID id, UUID conversationId, MessageRole role, String content, String intent, Double confidence,
                      Map<String, Object> metadata, int redactions, String idempotencyKey, Instant createdAt,
                      String summaryIfNone) {
    }

    sealed interface AppendOutcome {
    }

    record Appended(Message message) implements AppendOutcome {
    }

    record Replayed(Message message) implements AppendOutcome {
    }

    /** The conversation is closed, or gone; nothing was written. */
    record NotOpen() implements AppendOutcome {
    }
}
