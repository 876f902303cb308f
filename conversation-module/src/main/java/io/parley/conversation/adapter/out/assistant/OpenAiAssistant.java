package io.parley.conversation.adapter.out.assistant;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.parley.conversation.adapter.out.assistant.KnowledgeRetrieval.Retrieval;
import io.parley.conversation.adapter.out.assistant.OpenAiWire.ChatRequest;
import io.parley.conversation.adapter.out.assistant.OpenAiWire.ChatResponse;
import io.parley.conversation.application.port.out.AssistantPort;
import io.parley.conversation.application.port.out.AssistantReply;
import io.parley.conversation.application.port.out.AssistantRequest;
import io.parley.conversation.application.port.out.AssistantStep;
import io.parley.conversation.domain.AssistantConfidence;
import io.parley.conversation.domain.AssistantHumanRequest;
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
 * grounded in the top knowledge passages ({@link OpenAiPrompt}).
 * <ul>
 *   <li>An explicit request for a person is handed off by the knowledge adapter without calling the model.</li>
 *   <li>The model answers, or says {@code [HANDOFF]} when the articles do not cover the question.</li>
 *   <li>When the provider fails (after retries, see {@link OpenAiChatClient}), the knowledge adapter
 *       answers from the same retrieval, and the reply says so in {@code fallbackReason}.</li>
 * </ul>
 * Confidence: an answer is at least 0.5 (the model judged the passages sufficient), more when the best
 * passage scores higher; a model handoff is below 0.5 (both by {@link AssistantConfidence}).
 */
@Singleton
@Primary
@Requires(property = "parley.assistant.provider", value = AssistantSettings.OPENAI)
class OpenAiAssistant implements AssistantPort {

    static final String PROVIDER = AssistantSettings.OPENAI;
    static final String MODEL_HANDOFF_REASON = "The assistant found no answer to the question in the help articles.";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiAssistant.class);

    private final OpenAiChatClient client;
    private final KnowledgeRetrieval retrieval;
    private final KnowledgeAssistant knowledge;
    private final OpenAiSettings settings;
    private final KnowledgeAssistantSettings knowledgeSettings;
    private final Clock clock;

    OpenAiAssistant(OpenAiChatClient client, KnowledgeRetrieval retrieval, KnowledgeAssistant knowledge, OpenAiSettings settings,
                    KnowledgeAssistantSettings knowledgeSettings, Clock clock) {
        this.client = client;
        this.retrieval = retrieval;
        this.knowledge = knowledge;
        this.settings = settings;
        this.knowledgeSettings = knowledgeSettings;
        this.clock = clock;
    }

    @Override
    public AssistantReply reply(AssistantRequest request) {
        if (AssistantHumanRequest.isExplicit(request.message())) {
            return knowledge.reply(request);
        }
        Retrieval found = retrieval.retrieve(request.message(), request.locale(), knowledgeSettings.getCandidates());
        List<KnowledgePassage> grounding = found.passages().stream().filter(p -> p.score() >= settings.getMinPassageScore()).toList();
        OpenAiPrompt prompt = OpenAiPrompt.build(settings.getSystemPrompt(), request, grounding,
                knowledgeSettings.getPassageMaxChars(), settings.getHistoryBudgetChars());
        ChatRequest body = new ChatRequest(settings.getModel(), prompt.messages(), settings.getTemperature(), settings.getMaxTokens());

        OpenAiChatClient.Attempts attempts = new OpenAiChatClient.Attempts();
        Instant started = clock.instant();
        ChatResponse response;
        try {
            response = client.complete(body, attempts);
        } catch (AssistantProviderException failure) {
            AssistantStep failed = llmCall(started, prompt, attempts, null, failure.getMessage());
            LOG.warn("assistant provider failed for conversation {} after {} attempt(s) ({}): answering from the knowledge base",
                    request.conversationId(), attempts.count(), failure.getMessage());
            return knowledge.answerFrom(found, List.of(found.step(), failed), PROVIDER + " failed: " + failure.getMessage());
        }
        AssistantStep call = llmCall(started, prompt, attempts, response, null);
        String text = response.choices().get(0).message().content().strip();
        double best = grounding.isEmpty() ? 0 : grounding.get(0).score();
        double scored = AssistantConfidence.fromScore(best, knowledgeSettings.getMinScore());

        if (text.contains(OpenAiPrompt.HANDOFF_MARKER)) {
            return new AssistantReply(KnowledgeAssistant.NO_ANSWER_TEXT, KnowledgeAssistant.UNKNOWN_INTENT,
                    Math.min(scored, AssistantConfidence.AT_THRESHOLD - 0.01), List.of(), true, MODEL_HANDOFF_REASON, PROVIDER, null,
                    List.of(found.step(), call, handoffDecision(true, "model_handoff")));
        }
        List<AssistantReply.Source> sources = grounding.stream()
                .map(p -> new AssistantReply.Source(p.documentId(), p.title())).toList();
        String intent = grounding.isEmpty() ? KnowledgePassage.UNTAGGED_INTENT : grounding.get(0).intent();
        return new AssistantReply(bounded(text), intent, Math.max(scored, AssistantConfidence.AT_THRESHOLD), sources, false, null,
                PROVIDER, null, List.of(found.step(), call, handoffDecision(false, "answered")));
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

    private AssistantStep handoffDecision(boolean recommended, String outcome) {
        Instant at = clock.instant();
        return new AssistantStep(AssistantStep.Kind.HANDOFF_DECISION, "handoff_decision", at, at, null, null, null,
                Map.of("recommended", recommended, "outcome", outcome), null);
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
