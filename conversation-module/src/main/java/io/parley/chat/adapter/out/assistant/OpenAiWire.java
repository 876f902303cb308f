package io.parley.chat.adapter.out.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The Chat Completions wire format (the subset Parley uses). Names are spelled out so the format does
 * not depend on the service's global naming strategy; unknown response members are ignored.
 */
final class OpenAiWire {

    private OpenAiWire() {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatRequest(@JsonProperty("model") String model,
                       @JsonProperty("messages") List<ChatMessage> messages,
                       @JsonProperty("temperature") @Nullable Double temperature,
                       @JsonProperty("max_tokens") @Nullable Integer maxTokens) {
    }

    @Serdeable
    record ChatMessage(@JsonProperty("role") String role, @JsonProperty("content") @Nullable String content) {
    }

    @Serdeable
    record ChatResponse(@JsonProperty("model") @Nullable String model,
                        @JsonProperty("choices") @Nullable List<Choice> choices,
                        @JsonProperty("usage") @Nullable Usage usage) {
    }

    @Serdeable
    record Choice(@JsonProperty("message") @Nullable ChatMessage message,
                  @JsonProperty("finish_reason") @Nullable String finishReason) {
    }

    @Serdeable
    record Usage(@JsonProperty("prompt_tokens") @Nullable Integer promptTokens,
                 @JsonProperty("completion_tokens") @Nullable Integer completionTokens) {
    }
}
