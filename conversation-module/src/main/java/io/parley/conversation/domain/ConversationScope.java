package io.parley.conversation.domain;

import io.parley.kernel.Caller;
import io.parley.kernel.Role;

/**
 * The conversations a caller could possibly see, for the database to filter on so isolation is
 * enforced in the query as well as in {@link ConversationAccess}: those owned by {@code ownerSubject},
 * the guest conversation of {@code guestSession}, or any ({@code admin}, {@code service}, and
 * {@code agent}, whose access is then narrowed to conversations with a ticket).
 */
public record ConversationScope(boolean any, String ownerSubject, String guestSession) {

    /** Background work on behalf of nobody (outbox dispatch, retention, other modules' system lookups). */
    public static final ConversationScope SYSTEM = new ConversationScope(true, null, null);

    public static ConversationScope of(Caller caller) {
        boolean any = caller.has(Role.ADMIN) || caller.has(Role.SERVICE) || caller.has(Role.AGENT);
        return new ConversationScope(any, caller.subject(), caller.sessionId());
    }
}
