package io.parley.conversation.application.port.out;

/**
 * The assistant that answers a customer's message. The chat turn calls it once per message and
 * records {@link AssistantReply#steps()} as the turn's trace.
 *
 * <p>Chosen by {@code parley.assistant.provider}: {@code knowledge} (default; answers from the
 * knowledge base, no external service) or {@code openai} (any OpenAI-compatible Chat Completions
 * endpoint, falling back to {@code knowledge} when it fails). Implementations never throw for a
 * provider failure: they fall back and say so in {@link AssistantReply#fallbackReason()}. Database
 * errors propagate.
 *
 * <p>Call it outside a transaction: it reads the knowledge base in a short read-only transaction of
 * its own, and a model call can take seconds during which no database connection should be held.
 */
public interface AssistantPort {

    AssistantReply reply(AssistantRequest request);
}
