package io.parley.conversation.application.port.in;

import io.parley.kernel.Caller;

import java.util.UUID;

/**
 * A caller allowed to follow a conversation: which one, who reads (the caller as they act on it, the
 * guest on a session route), whether they see it as its customer (the session id is shown to them only),
 * and where their stream starts.
 */
public record ConversationWatch(UUID conversationId, Caller viewer, boolean customerView, ConversationPosition start) {
}
