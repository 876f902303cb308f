package io.parley.ticketing.application.port.in;

import io.parley.kernel.Ids;
import io.parley.kernel.NotFoundException;

import java.util.UUID;

/**
 * The conversation a request is about: by id (authenticated callers) or by the guest's session id,
 * which is itself the guest's capability for that one conversation.
 */
public record ConversationRef(UUID id, String sessionId) {

    public ConversationRef {
        if ((id == null) == (sessionId == null)) {
            throw new IllegalArgumentException("exactly one of id and sessionId");
        }
    }

    /** A path id; a malformed one names nothing: 404. */
    public static ConversationRef byId(String rawId) {
        return new ConversationRef(Ids.parseOrNotFound(rawId, "conversation"), null);
    }

    public static ConversationRef byId(UUID id) {
        return new ConversationRef(id, null);
    }

    /** A guest session id from a path; one that cannot be a session id names nothing: 404. */
    public static ConversationRef bySession(String rawSessionId) {
        if (!Ids.isSessionId(rawSessionId)) {
            throw new NotFoundException("conversation");
        }
        return new ConversationRef(null, rawSessionId);
    }

    public boolean isSession() {
        return sessionId != null;
    }
}
