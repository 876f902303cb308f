package io.parley.chat.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing the assistant did for a reply, ready to become a span of the turn's trace
 * ({@code conversation.api.AssistantTraceSink.Span}): {@code kind.operationType()} is the span's
 * operation type, {@code name} its name, {@code error} null for {@code ok} and set for {@code error}.
 *
 * @param details small facts for the span payload (ids, counts, scores, attempts, statuses) —
 *                never message content or article text
 */
public record AssistantStep(Kind kind, String name, Instant startedAt, Instant endedAt, String model,
                            Integer inputTokens, Integer outputTokens, Map<String, Object> details, String error) {

    public AssistantStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public boolean ok() {
        return error == null;
    }

    /** {@code ok} or {@code error}, the span status vocabulary. */
    public String status() {
        return ok() ? "ok" : "error";
    }

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    public enum Kind {
        /** Knowledge search. */
        RETRIEVAL("retrieval"),
        /** A call to a language model (one span, however many HTTP attempts it took). */
        LLM_CALL("llm_call"),
        /** The knowledge adapter's reply: the best passage of the best article, no model involved. */
        EXTRACTIVE_ANSWER("other"),
        /** Whether a person should take over, and why. */
        HANDOFF_DECISION("handoff_decision");

        private final String operationType;

        Kind(String operationType) {
            this.operationType = operationType;
        }

        /** The span operation type: retrieval, llm_call, other or handoff_decision. */
        public String operationType() {
            return operationType;
        }
    }
}
