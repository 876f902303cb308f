package io.parley.conversation.domain;

import io.parley.kernel.Caller;
import io.parley.kernel.Role;

/**
 * Who may see and speak in a conversation (API.md "Isolation"). One place for the rule; every
 * query applies it again by scoping on the caller.
 */
public final class ConversationAccess {

    private ConversationAccess() {
    }

    /** The customer side: the owning user, or the guest holding the conversation's session. */
    public static boolean isCustomer(Conversation conversation, Caller caller) {
        if (caller.isAuthenticated()) {
            return conversation.userSubject() != null && conversation.userSubject().equals(caller.subject());
        }
        return caller.isGuest() && conversation.isGuest() && conversation.sessionId().equals(caller.sessionId());
    }

    /** Admins and the AI agent backend act on any conversation. */
    public static boolean actsOnAny(Caller caller) {
        return caller.has(Role.ADMIN) || caller.has(Role.SERVICE);
    }

    /** Read access: the customer, admins, services, and agents once the conversation has a ticket. */
    public static boolean mayRead(Conversation conversation, Caller caller, boolean hasTicket) {
        return isCustomer(conversation, caller) || actsOnAny(caller) || (caller.has(Role.AGENT) && hasTicket);
    }
}
