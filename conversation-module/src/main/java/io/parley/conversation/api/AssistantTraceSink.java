package io.parley.conversation.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Outbound port of the conversation module, implemented by tracing: records what the assistant
 * did for one chat turn (retrieval, generation, handoff decision) in-process, without HTTP.
 */
public interface AssistantTraceSink {

    void record(List<Span> spans);

    /** One span of an agent trace; {@code operationType} is one of llm_call, tool_call, retrieval, guardrail, handoff_decision, other. */
    record Span(UUID id, UUID traceId, UUID parentId, UUID conversationId, UUID messageId,
                String agentType, String operationType, String name, String status,
                Instant startedAt, Instant endedAt,
                Integer inputTokens, Integer outputTokens, BigDecimal costUsd, String model,
                Map<String, Object> payload, String error) {
    }
}
