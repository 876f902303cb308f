package io.parley.chat.application.port.out;

import io.parley.knowledge.api.KnowledgePassage;

import java.util.List;

/**
 * An assistant provider that writes the answer with a language model, grounded in the passages the chat
 * turn retrieved. Optional: chosen by {@code parley.assistant.provider} ({@code openai}: any
 * OpenAI-compatible Chat Completions endpoint); without one ({@code knowledge}, the default) the chat turn
 * quotes the best passage itself. The provider only answers: whether to hand off, the texts and the
 * intent of the reply are the chat turn's policy ({@code AssistantPolicy}).
 *
 * <p>Never throws for a provider failure: it returns {@link ModelAnswer.Failed}, and the chat turn
 * answers from the knowledge base instead. Called outside any transaction: a model call can take
 * seconds during which no database connection should be held.
 */
public interface AssistantPort {

    /** The provider's name, recorded as the reply's provider ({@code openai}). */
    String provider();

    /** @param passages what retrieval found, best first (the provider may leave out those it judges noise) */
    ModelAnswer answer(AssistantRequest request, List<KnowledgePassage> passages);
}
