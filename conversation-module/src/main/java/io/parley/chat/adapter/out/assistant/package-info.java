/**
 * The model providers ({@link io.parley.chat.application.port.out.AssistantPort}), chosen by
 * {@code parley.assistant.provider}: {@code knowledge} (the default) needs none, the chat turn quotes the
 * knowledge base itself; {@code openai} ({@link io.parley.chat.adapter.out.assistant.OpenAiAssistant}) calls
 * an OpenAI-compatible Chat Completions endpoint. A new provider is a new adapter here with its own
 * {@code @Requires(property = "parley.assistant.provider", value = ...)}. Package-private.
 */
package io.parley.chat.adapter.out.assistant;
