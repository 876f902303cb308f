package io.parley.conversation.application.port.out;

import java.time.Instant;
import java.util.UUID;

public interface UpdateConversationPort {

    /** Closes an open conversation at {@code at}; false when it was not open (closing twice changes nothing). */
    boolean close(UUID conversationId, Instant at);

    /** Replaces the summary; first-message previews never overwrite a summary once set. */
    void setSummary(UUID conversationId, String summary, Instant at);
}
