/**
 * The {@link io.parley.conversation.application.port.out.AssistantPort} adapters, chosen by
 * {@code parley.assistant.provider}: {@code knowledge} (default, {@link io.parley.conversation.adapter.out.assistant.KnowledgeAssistant})
 * answers from the knowledge base; {@code openai} ({@link io.parley.conversation.adapter.out.assistant.OpenAiAssistant})
 * calls an OpenAI-compatible Chat Completions endpoint and falls back to the knowledge adapter when it fails.
 */
package io.parley.conversation.adapter.out.assistant;
