package io.parley.conversation.application.port.in;

import io.parley.kernel.Ids;
import io.parley.kernel.NotFoundException;

import java.util.UUID;

/**
 * How a request names a conversation: by id (authenticated routes) or by the guest's session id
 * (the {@code /sessions/{session_id}} routes, where holding the session id is the capability).
 * A malformed reference names nothing that exists: 404, like a missing one.
 */
public sealed interface ConversationRef {

    record ById(UUID id) implements ConversationRef {
    }

    record BySession(String sessionId) implements ConversationRef {
    }

    static ConversationRef id(UUID id) {
        return new ById(id);
    }

    static ConversationRef id(String raw) {
        return new ById(Ids.parseOrNotFound(raw, "conversation"));
    }

    static ConversationRef session(String raw) {
        if (!Ids.isSessionId(raw)) {
            throw new NotFoundException("conversation");
        }
        return new BySession(raw);
    }
}
