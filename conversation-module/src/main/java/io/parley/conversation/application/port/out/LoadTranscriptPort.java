package io.parley.conversation.application.port.out;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/** Streams a conversation's messages oldest first without holding them all in memory. */
public interface LoadTranscriptPort {

    void forEachMessage(UUID conversationId, Consumer<TranscriptLine> consumer);

    record TranscriptLine(long seq, String role, String content, Instant createdAt) {
    }
}
