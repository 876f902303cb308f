package io.parley.tracing.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an agent span did: the operation types docs/api.md lists, nothing else. */
public enum OperationType {
    LLM_CALL, TOOL_CALL, RETRIEVAL, GUARDRAIL, HANDOFF_DECISION, OTHER;

    /** The values a client may send, for error messages: {@code llm_call, tool_call, ...}. */
    public static final String WIRE_VALUES = Arrays.stream(values()).map(OperationType::wireValue).collect(Collectors.joining(", "));

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Exact, case-sensitive match: {@code "LLM_CALL"} is not a wire value. */
    public static Optional<OperationType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireValue().equals(value)).findFirst();
    }
}
