package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Message;

import java.util.Iterator;

/**
 * A whole conversation for export: the conversation as it was when the export began, and its
 * messages up to that point, oldest first, loaded batch by batch as {@code messages} is consumed
 * so a conversation of any length never sits in memory at once.
 */
public record Transcript(Conversation conversation, Iterator<Message> messages) {
}
