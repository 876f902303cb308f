package io.parley.conversation.domain;

import io.parley.kernel.Caller;
import io.parley.kernel.Role;

/**
 * Who may see and act on a conversation (docs/api.md "Isolation"). One place for the rule; every
 * query applies it again by scoping on the caller.
 *
 * <p>Whoever may not read a conversation must not learn it exists (404); the other checks here
 * only run for callers who may read it, and a "no" is a 403.
 */
public final class ConversationAccess {

    private ConversationAccess() {
    }

    /**
     * The customer side: the owning user, or whoever holds the session id of a guest conversation
     * (the session id is the guest's capability, with or without a token). The session id of a
     * user's conversation is no capability: only the owner's token opens it.
     */
    public static boolean isCustomer(Conversation conversation, Caller caller) {
        if (conversation.isGuest()) {
            return caller.sessionId() != null && conversation.sessionId().equals(caller.sessionId());
        }
        return caller.isAuthenticated() && caller.subject().equals(conversation.userSubject());
    }

    /** Admins and the AI agent backend act on any conversation. */
    public static boolean actsOnAny(Caller caller) {
        return caller.has(Role.ADMIN) || caller.has(Role.SERVICE);
    }

    /** Whether the caller's visibility depends on the conversation having a ticket (an agent who is neither customer nor admin/service). */
    public static boolean needsTicketToRead(Conversation conversation, Caller caller) {
        return !isCustomer(conversation, caller) && !actsOnAny(caller) && caller.has(Role.AGENT);
    }

    /** Read access: the customer, admins, services, and agents once the conversation has a ticket. */
    public static boolean mayRead(Conversation conversation, Caller caller, boolean hasTicket) {
        return isCustomer(conversation, caller) || actsOnAny(caller) || (caller.has(Role.AGENT) && hasTicket);
    }

    /**
     * Who may write a message of a role (given read access): {@code user} messages come from the
     * customer (or a service/admin relaying them); {@code assistant} and {@code system} messages from
     * the AI backend ({@code service}) or a human ({@code agent}, {@code admin}).
     */
    public static boolean mayWrite(Conversation conversation, Caller caller, MessageRole role) {
        return switch (role) {
            case USER -> isCustomer(conversation, caller) || actsOnAny(caller);
            case ASSISTANT, SYSTEM -> caller.has(Role.SERVICE) || caller.has(Role.AGENT) || caller.has(Role.ADMIN);
        };
    }

    /**
     * A human support person (agent or admin, not the AI backend) writing an assistant or system
     * message: the message is signed with {@code metadata.author}.
     */
    public static boolean writesAsStaff(Caller caller, MessageRole role) {
        return role != MessageRole.USER && !caller.has(Role.SERVICE) && (caller.has(Role.AGENT) || caller.has(Role.ADMIN));
    }

    /** Closing (given read access): anyone who may read it may end the conversation, and closing twice is harmless. */
    public static boolean mayClose(Conversation conversation, Caller caller, boolean hasTicket) {
        return mayRead(conversation, caller, hasTicket);
    }

    /** Erasure is the customer's right (and an admin's duty); the AI backend and agents may not erase. */
    public static boolean mayErase(Conversation conversation, Caller caller) {
        return isCustomer(conversation, caller) || caller.has(Role.ADMIN);
    }

    /** Feedback is the customer's opinion; nobody rates on their behalf. */
    public static boolean mayGiveFeedback(Conversation conversation, Caller caller) {
        return isCustomer(conversation, caller);
    }

    /** A summary other than the first-message preview is set by the AI backend or an admin. */
    public static boolean maySetSummary(Caller caller) {
        return caller.has(Role.SERVICE) || caller.has(Role.ADMIN);
    }
}
