package io.parley.conversation.api;

/** Rows of the conversation module's tables that a purge removed (or would remove). */
public record PurgedConversationRows(long conversations, long messages, long feedback) {

    public static final PurgedConversationRows NONE = new PurgedConversationRows(0, 0, 0);
}
