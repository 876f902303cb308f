package io.parley.tracing.application.port.in;

import java.math.BigDecimal;

/**
 * One span as a client sent it: ids, enums and timestamps still raw text, so that garbage is
 * reported as a rule violation naming the span ({@code spans[3].operation_type}) instead of a
 * conversion error. {@code payload} is the parsed JSON value (a map when it is an object).
 */
public record SpanInput(String id, String traceId, String parentId, String conversationId, String messageId,
                        String agentType, String operationType, String name, String status,
                        String startedAt, String endedAt,
                        Long inputTokens, Long outputTokens, BigDecimal costUsd, String model,
                        Object payload, String error) {
}
