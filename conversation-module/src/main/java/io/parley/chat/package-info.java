/**
 * The chat turn (a bounded context of its own inside conversation-module): {@code POST /api/v1/chat}, the
 * orchestration of one customer message — the conversation and its messages (through
 * {@code io.parley.conversation.api}), the knowledge base (through {@code io.parley.knowledge.api}), the
 * assistant's hand-off policy and its model providers, escalation to human support and the turn's trace
 * (the conversation module's outbound ports {@code Escalation} and {@code AssistantTraceSink}).
 * It owns no table. ArchUnit keeps it to those two modules' api packages.
 */
package io.parley.chat;
