package io.parley.tracing.web;

import io.parley.kernel.Ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Span bodies as a client sends them: valid by default, each test changes what it is about. */
final class Spans {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private Spans() {
    }

    static Map<String, Object> span(UUID id, UUID traceId, UUID parentId, UUID conversationId, long startMs, long endMs) {
        Map<String, Object> span = new LinkedHashMap<>();
        span.put("id", id.toString());
        span.put("trace_id", traceId.toString());
        if (parentId != null) {
            span.put("parent_id", parentId.toString());
        }
        span.put("conversation_id", conversationId.toString());
        span.put("agent_type", "support-agent");
        span.put("operation_type", "llm_call");
        span.put("name", "answer");
        span.put("status", "ok");
        span.put("started_at", T0.plusMillis(startMs).toString());
        span.put("ended_at", T0.plusMillis(endMs).toString());
        return span;
    }

    static Map<String, Object> span(UUID conversationId) {
        return span(Ids.newId(), Ids.newId(), null, conversationId, 0, 10);
    }

    static Map<String, Object> with(Map<String, Object> span, Object... keysAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(span);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                copy.remove((String) keysAndValues[i]);
            } else {
                copy.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return copy;
    }

    static Map<String, Object> batch(List<Map<String, Object>> spans) {
        return Map.of("spans", spans);
    }

    @SafeVarargs
    static Map<String, Object> batch(Map<String, Object>... spans) {
        return batch(List.of(spans));
    }

    static List<Map<String, Object>> many(UUID conversationId, int count) {
        List<Map<String, Object>> spans = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            spans.add(span(conversationId));
        }
        return spans;
    }
}
