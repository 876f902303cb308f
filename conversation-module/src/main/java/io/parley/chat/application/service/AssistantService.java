package io.parley.chat.application.service;

import io.parley.chat.application.port.out.AssistantPort;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.application.port.out.ModelAnswer;
import io.parley.chat.application.service.KnowledgeRetrieval.Retrieval;
import io.parley.chat.domain.AssistantPolicy;
import io.parley.chat.domain.AssistantPolicy.Handoff;
import io.parley.chat.domain.AssistantReply;
import io.parley.chat.domain.AssistantStep;
import io.parley.knowledge.api.KnowledgePassage;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The assistant's reply to one customer message, by the {@link AssistantPolicy}:
 * <ol>
 *   <li>an explicit request for a person is handed off at once (no search, no model);</li>
 *   <li>otherwise the message is searched ({@link KnowledgeRetrieval});</li>
 *   <li>without a model provider (the default, {@code knowledge}), the best passage is quoted when its article
 *       scores at least the threshold, else the conversation is handed off;</li>
 *   <li>with one ({@link AssistantPort}), the model answers from the passages or finds no answer (hand-off); when
 *       the provider fails, the knowledge answer of step 3 is given instead and says so in {@code fallbackReason}.</li>
 * </ol>
 * Every reply carries its steps (retrieval, model call, extractive answer, hand-off decision) for the turn's trace.
 * Call it outside a transaction: retrieval opens its own short one, and a model call can take seconds.
 */
@Singleton
public class AssistantService {

    private final KnowledgeRetrieval retrieval;
    private final Optional<AssistantPort> model;
    private final AssistantPolicy policy;
    private final Clock clock;

    /** @param model empty with {@code parley.assistant.provider: knowledge}: the service quotes the knowledge base itself */
    public AssistantService(KnowledgeRetrieval retrieval, Optional<AssistantPort> model, AssistantPolicy policy, Clock clock) {
        this.retrieval = retrieval;
        this.model = model;
        this.policy = policy;
        this.clock = clock;
    }

    public AssistantReply reply(AssistantRequest request) {
        Optional<Handoff> asked = policy.onMessage(request.message());
        if (asked.isPresent()) {
            return handoff(asked.get(), AssistantReply.KNOWLEDGE, null, List.of(decision(true, asked.get().outcome(), null)));
        }
        Retrieval found = retrieval.retrieve(request.message(), request.locale(), policy.candidates());
        if (model.isEmpty()) {
            return fromKnowledge(found, List.of(found.step()), null);
        }
        AssistantPort provider = model.get();
        ModelAnswer answer = provider.answer(request, found.passages());
        if (answer instanceof ModelAnswer.Failed failed) {
            return fromKnowledge(found, List.of(found.step(), failed.call()), provider.provider() + " failed: " + failed.description());
        }
        if (answer instanceof ModelAnswer.NoAnswer noAnswer) {
            Handoff handoff = policy.onModelWithoutAnswer(bestScore(noAnswer.grounding()));
            return handoff(handoff, provider.provider(), null, List.of(found.step(), noAnswer.call(), modelDecision(true, handoff.outcome())));
        }
        ModelAnswer.Answered answered = (ModelAnswer.Answered) answer;
        List<KnowledgePassage> grounding = answered.grounding();
        String intent = grounding.isEmpty() ? KnowledgePassage.UNTAGGED_INTENT : grounding.get(0).intent();
        return new AssistantReply(answered.text(), intent, policy.modelAnswerConfidence(bestScore(grounding)), sources(grounding),
                false, null, provider.provider(), null, List.of(found.step(), answered.call(), modelDecision(false, "answered")));
    }

    /** Quotes the best passage when it clears the threshold, else hands off; after {@code earlier} steps. */
    private AssistantReply fromKnowledge(Retrieval found, List<AssistantStep> earlier, String fallbackReason) {
        List<AssistantStep> steps = new ArrayList<>(earlier);
        KnowledgePassage best = found.best();
        Optional<Handoff> handoff = policy.onRetrieval(found.bestScore());
        if (handoff.isPresent()) {
            steps.add(decision(true, handoff.get().outcome(), best));
            return handoff(handoff.get(), AssistantReply.KNOWLEDGE, fallbackReason, steps);
        }
        Instant started = clock.instant();
        String text = AssistantPolicy.quoting(best.excerpt(policy.passageMaxChars()), best.title());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("document_id", best.documentId().toString());
        details.put("score", round(best.score()));
        details.put("chars", text.length());
        steps.add(new AssistantStep(AssistantStep.Kind.EXTRACTIVE_ANSWER, "extractive_answer", started, clock.instant(),
                null, null, null, details, null));
        steps.add(decision(false, "answered", best));
        return new AssistantReply(text, best.intent(), policy.confidence(best.score()), sources(List.of(best)), false, null,
                AssistantReply.KNOWLEDGE, fallbackReason, steps);
    }

    private static AssistantReply handoff(Handoff handoff, String provider, String fallbackReason, List<AssistantStep> steps) {
        return new AssistantReply(handoff.text(), handoff.intent(), handoff.confidence(), List.of(), true, handoff.reason(), provider,
                fallbackReason, steps);
    }

    private static List<AssistantReply.Source> sources(List<KnowledgePassage> passages) {
        return passages.stream().map(p -> new AssistantReply.Source(p.documentId(), p.title())).toList();
    }

    private static double bestScore(List<KnowledgePassage> passages) {
        return passages.isEmpty() ? 0 : passages.get(0).score();
    }

    /** The hand-off decision from the knowledge base: with the best score and the threshold it was held against. */
    private AssistantStep decision(boolean recommended, String outcome, KnowledgePassage best) {
        Instant at = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recommended", recommended);
        details.put("outcome", outcome);
        if (best != null) {
            details.put("best_score", round(best.score()));
        }
        details.put("threshold", policy.minScore());
        return new AssistantStep(AssistantStep.Kind.HANDOFF_DECISION, "handoff_decision", at, at, null, null, null, details, null);
    }

    /** The hand-off decision after a model answered (or found no answer): the model judged, no threshold applies. */
    private AssistantStep modelDecision(boolean recommended, String outcome) {
        Instant at = clock.instant();
        return new AssistantStep(AssistantStep.Kind.HANDOFF_DECISION, "handoff_decision", at, at, null, null, null,
                Map.of("recommended", recommended, "outcome", outcome), null);
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
