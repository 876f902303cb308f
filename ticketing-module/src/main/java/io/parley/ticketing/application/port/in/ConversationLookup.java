package io.parley.ticketing.application.port.in;

import io.parley.kernel.Ids;
import io.parley.kernel.NotFoundException;

import java.util.UUID;

/**
 * How a ticket request names the conversation it is about, for ticketing to look it up through the
 * conversation module's api: by id (authenticated callers) or by the guest's session id, which is itself
 * the guest's capability for that one conversation. (The conversation module's own {@code ConversationRef}
 * is the reference its use cases take; this is ticketing's lookup key, resolved by {@code ConversationResolver}.)
 */
public record ConversationLookup(UUID id, String sessionId) {

    public ConversationLookup {
        if ((id == null) == (sessionId == null)) {
            throw new IllegalArgumentException("exactly one of id and sessionId");
        }
    }

    /** A path id; a malformed one names nothing: 404. */
    public static ConversationLookup byId(String rawId) {
        return new ConversationLookup(Ids.parseOrNotFound(rawId, "conversation"), null);
    }

    public static ConversationLookup byId(UUID id) {
        return new ConversationLookup(id, null);
    }

    /** A guest session id from a path; one that cannot be a session id names nothing: 404. */
    public static ConversationLookup bySession(String rawSessionId) {
        if (!Ids.isSessionId(rawSessionId)) {
            throw new NotFoundException("conversation");
        }
        return new ConversationLookup(null, rawSessionId);
    }

    public boolean isSession() {
        return sessionId != null;
    }
}
