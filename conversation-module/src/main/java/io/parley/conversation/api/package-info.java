/**
 * What other modules may use of the conversation module: the directory and retention of conversations, the
 * conversation a customer talks in and its messages ({@link io.parley.conversation.api.CustomerConversations},
 * {@link io.parley.conversation.api.ConversationMessages}, for the chat turn), and the outbound ports it declares
 * for them to implement ({@link io.parley.conversation.api.Escalation}, {@link io.parley.conversation.api.AssistantTraceSink},
 * {@link io.parley.conversation.api.TicketPresence}). A stable contract: it imports nothing of the module's internals.
 */
package io.parley.conversation.api;
