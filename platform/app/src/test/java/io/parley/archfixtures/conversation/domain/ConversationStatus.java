package io.parley.archfixtures.conversation.domain;

/** Obeys every rule. */
public enum ConversationStatus {
    OPEN, CLOSED
}
