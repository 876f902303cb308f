package io.parley.ticketing.application.port.out;

import java.util.Optional;
import java.util.UUID;

/** The whole conversation as plain text, for a helpdesk; empty once the conversation is gone. */
public interface LoadTranscriptPort {

    Optional<String> plainText(UUID conversationId);
}
