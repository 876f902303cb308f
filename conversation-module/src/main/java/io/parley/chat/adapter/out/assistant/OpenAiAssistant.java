package io.parley.chat.adapter.out.assistant;

import io.micronaut.context.annotation.Requires;
import io.parley.chat.adapter.out.assistant.OpenAiWire.ChatRequest;
import io.parley.chat.adapter.out.assistant.OpenAiWire.ChatResponse;
import io.parley.chat.application.port.out.AssistantPort;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.application.port.out.ModelAnswer;
import io.parley.chat.domain.AssistantPolicy;
import io.parley.chat.domain.AssistantReply;
import io.parley.chat.domain.AssistantStep;
import io.parley.knowledge.api.KnowledgePassage;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code parley.assistant.provider: openai}: any OpenAI-compatible Chat Completions endpoint answers,
 * grounded in the retrieved passages that score at least {@code min-passage-score} ({@link OpenAiPrompt}).
 * The model answers, or says {@code [HANDOFF]} when the articles do not cover the question
 * ({@link ModelAnswer.NoAnswer}); a provider that fails after its retries ({@link OpenAiChatClient}) is
 * {@link ModelAnswer.Failed}. What the reply then says is the chat turn's policy, not this adapter's.
 */
@Singleton
@Requires(property = "parley.assistant.provider", value = AssistantSettings.OPENAI)
class OpenAiAssistant implements AssistantPort {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiAssistant.class);

    private final OpenAiChatClient client;
    private final OpenAiSettings settings;
    private final AssistantPolicy policy;
    private final Clock clock;

    OpenAiAssistant(OpenAiChatClient client, OpenAiSettings settings, AssistantPolicy policy, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return AssistantSettings.OPENAI;
    }

    @Override
    public ModelAnswer answer(AssistantRequest request, List<KnowledgePassage> passages) {
        List<KnowledgePassage> grounding = passages.stream().filter(p -> p.score() >= settings.getMinPassageScore()).toList();
        OpenAiPrompt prompt = OpenAiPrompt.build(settings.getSystemPrompt(), request, grounding, policy.passageMaxChars(),
                settings.getHistoryBudgetChars());
        ChatRequest body = new ChatRequest(settings.getModel(), prompt.messages(), settings.getTemperature(), settings.getMaxTokens());

        OpenAiChatClient.Attempts attempts = new OpenAiChatClient.Attempts();
        Instant started = clock.instant();
        ChatResponse response;
        try {
            response = client.complete(body, attempts);
        } catch (AssistantProviderException failure) {
            LOG.warn("assistant provider failed for conversation {} after {} attempt(s) ({}): answering from the knowledge base",
                    request.conversationId(), attempts.count(), failure.getMessage());
            return new ModelAnswer.Failed(failure.getMessage(), llmCall(started, prompt, attempts, null, failure.getMessage()));
        }
        AssistantStep call = llmCall(started, prompt, attempts, response, null);
        String text = response.choices().get(0).message().content().strip();
        if (text.contains(OpenAiPrompt.HANDOFF_MARKER)) {
            return new ModelAnswer.NoAnswer(grounding, call);
        }
        return new ModelAnswer.Answered(bounded(text), grounding, call);
    }

    private AssistantStep llmCall(Instant started, OpenAiPrompt prompt, OpenAiChatClient.Attempts attempts, ChatResponse response,
                                  String error) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("attempts", attempts.count());
        details.put("outcomes", attempts.outcomes());
        details.put("passages_sent", prompt.passages());
        details.put("history_turns_sent", prompt.historyTurns());
        details.put("history_chars_sent", prompt.historyChars());
        String model = response != null && response.model() != null ? response.model() : settings.getModel();
        Integer input = response != null && response.usage() != null ? response.usage().promptTokens() : null;
        Integer output = response != null && response.usage() != null ? response.usage().completionTokens() : null;
        if (response != null && response.choices().get(0).finishReason() != null) {
            details.put("finish_reason", response.choices().get(0).finishReason());
        }
        return new AssistantStep(AssistantStep.Kind.LLM_CALL, "chat_completion", started, clock.instant(), model, input, output,
                details, error);
    }

    /** A reply is stored as an assistant message, which holds at most {@link AssistantReply#MAX_TEXT} characters. */
    private static String bounded(String text) {
        if (text.length() <= AssistantReply.MAX_TEXT) {
            return text;
        }
        int cut = text.lastIndexOf(' ', AssistantReply.MAX_TEXT - 1);
        return text.substring(0, cut > 0 ? cut : AssistantReply.MAX_TEXT - 1).stripTrailing() + "…";
    }
}
