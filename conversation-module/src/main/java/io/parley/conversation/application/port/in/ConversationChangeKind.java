package io.parley.conversation.application.port.in;

import java.util.EnumSet;
import java.util.Set;

/**
 * What may have changed in a followed conversation, as its notifications say: a stream reads only that
 * part, so a new message costs one read of the messages after its position.
 */
public enum ConversationChangeKind {
    /** New messages. */
    MESSAGES,
    /** Its ticket (the messages are read first, so the ticket never overtakes one written before it changed). */
    TICKET,
    /** The conversation itself: closed, or erased. */
    STATUS;

    /** Anything may have changed (a stream that starts or resumes, a lost notification). */
    public static Set<ConversationChangeKind> any() {
        return EnumSet.allOf(ConversationChangeKind.class);
    }
}
