package io.parley.conversation.adapter.out.assistant;

import io.parley.conversation.adapter.out.assistant.KnowledgeRetrieval.Retrieval;
import io.parley.conversation.application.port.out.AssistantPort;
import io.parley.conversation.application.port.out.AssistantReply;
import io.parley.conversation.application.port.out.AssistantRequest;
import io.parley.conversation.application.port.out.AssistantStep;
import io.parley.conversation.domain.AssistantConfidence;
import io.parley.conversation.domain.AssistantHumanRequest;
import io.parley.knowledge.api.KnowledgePassage;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default assistant: no external service, answers from the knowledge base.
 * <ol>
 *   <li>An explicit request for a person ({@link AssistantHumanRequest}) is handed off at once.</li>
 *   <li>Otherwise the message is searched ({@link KnowledgeRetrieval}); when the best article scores
 *       at least {@code parley.assistant.knowledge.min-score}, its best paragraph is the answer, the
 *       article is the source, its first tag the intent.</li>
 *   <li>Below the threshold it says it will bring in a person and recommends a handoff.</li>
 * </ol>
 * Confidence comes from the score ({@link AssistantConfidence}). Replies are in English.
 */
@Singleton
class KnowledgeAssistant implements AssistantPort {

    static final String PROVIDER = AssistantSettings.KNOWLEDGE;
    static final String HUMAN_REQUESTED_INTENT = "support.human_agent";
    static final String UNKNOWN_INTENT = "unknown";

    static final String HUMAN_REQUESTED_TEXT = "Of course. I'm bringing in a person from our support team; "
            + "they will reply here as soon as they can.";
    static final String NO_ANSWER_TEXT = "I'm sorry, I couldn't find an answer to that in our help articles. "
            + "I'm bringing in a person from our support team; they will reply here as soon as they can.";
    static final String HUMAN_REQUESTED_REASON = "The customer asked to talk to a person.";

    private final KnowledgeRetrieval retrieval;
    private final KnowledgeAssistantSettings settings;
    private final Clock clock;

    KnowledgeAssistant(KnowledgeRetrieval retrieval, KnowledgeAssistantSettings settings, Clock clock) {
        this.retrieval = retrieval;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public AssistantReply reply(AssistantRequest request) {
        if (AssistantHumanRequest.isExplicit(request.message())) {
            return humanRequested(List.of(), PROVIDER, null);
        }
        Retrieval found = retrieval.retrieve(request.message(), request.locale(), settings.getCandidates());
        return answerFrom(found, List.of(found.step()), null);
    }

    /** The reply to an explicit request for a person, after {@code earlier} steps. */
    AssistantReply humanRequested(List<AssistantStep> earlier, String provider, String fallbackReason) {
        List<AssistantStep> steps = new ArrayList<>(earlier);
        steps.add(handoffDecision(true, "human_requested", null));
        return new AssistantReply(HUMAN_REQUESTED_TEXT, HUMAN_REQUESTED_INTENT, AssistantConfidence.HUMAN_REQUEST, List.of(),
                true, HUMAN_REQUESTED_REASON, provider, fallbackReason, steps);
    }

    /**
     * Answers from what retrieval found: the best passage when it clears the threshold, else a handoff.
     * Also the OpenAI adapter's fallback, which passes its own retrieval and failed call as {@code earlier}.
     */
    AssistantReply answerFrom(Retrieval found, List<AssistantStep> earlier, String fallbackReason) {
        List<AssistantStep> steps = new ArrayList<>(earlier);
        KnowledgePassage best = found.best();
        double confidence = AssistantConfidence.fromScore(found.bestScore(), settings.getMinScore());
        if (best == null || best.score() < settings.getMinScore()) {
            String reason = best == null
                    ? "No help article matched the question."
                    : String.format(Locale.ROOT, "No help article matched the question well enough (best score %.2f, needed %.2f).",
                    best.score(), settings.getMinScore());
            steps.add(handoffDecision(true, best == null ? "no_match" : "below_threshold", best));
            return new AssistantReply(NO_ANSWER_TEXT, UNKNOWN_INTENT, confidence, List.of(), true, reason, PROVIDER, fallbackReason, steps);
        }
        Instant started = clock.instant();
        String text = compose(best);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("document_id", best.documentId().toString());
        details.put("score", round(best.score()));
        details.put("chars", text.length());
        steps.add(new AssistantStep(AssistantStep.Kind.EXTRACTIVE_ANSWER, "extractive_answer", started, clock.instant(),
                null, null, null, details, null));
        steps.add(handoffDecision(false, "answered", best));
        return new AssistantReply(text, best.intent(), confidence, List.of(new AssistantReply.Source(best.documentId(), best.title())),
                false, null, PROVIDER, fallbackReason, steps);
    }

    private String compose(KnowledgePassage best) {
        return best.excerpt(settings.getPassageMaxChars())
                + "\n\n(From our help article \u201c" + best.title() + "\u201d. If this doesn't answer your question, "
                + "ask for a person and I'll bring one in.)";
    }

    private AssistantStep handoffDecision(boolean recommended, String outcome, KnowledgePassage best) {
        Instant at = clock.instant();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recommended", recommended);
        details.put("outcome", outcome);
        if (best != null) {
            details.put("best_score", round(best.score()));
        }
        details.put("threshold", settings.getMinScore());
        return new AssistantStep(AssistantStep.Kind.HANDOFF_DECISION, "handoff_decision", at, at, null, null, null, details, null);
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
