package io.parley.chat.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How the assistant answers from the knowledge base, and when it hands the conversation to a person
 * instead: the hand-off policy, its reply texts and intents, and the confidence of every kind of reply.
 * Providers only fetch and answer; what a reply says when nobody answers is decided here.
 * <ul>
 *   <li>An explicit request for a person ({@link AssistantHumanRequest}) is handed off at once.</li>
 *   <li>Otherwise the best article must score at least {@code minScore}; below it (or without any match)
 *       the assistant says it will bring in a person.</li>
 *   <li>A model that finds no answer in the articles it was given hands off the same way.</li>
 * </ul>
 *
 * @param minScore        the relevance (0..1) the best article needs to be answered from ({@code parley.assistant.knowledge.min-score})
 * @param passageMaxChars the longest excerpt quoted from an article, cut at a sentence boundary
 * @param candidates      how many documents retrieval ranks (the best is quoted; a model is sent them all)
 */
public record AssistantPolicy(double minScore, int passageMaxChars, int candidates) {

    public static final String HUMAN_REQUESTED_INTENT = "support.human_agent";
    public static final String UNKNOWN_INTENT = "unknown";

    public static final String HUMAN_REQUESTED_TEXT = "Of course. I'm bringing in a person from our support team; "
            + "they will reply here as soon as they can.";
    public static final String NO_ANSWER_TEXT = "I'm sorry, I couldn't find an answer to that in our help articles. "
            + "I'm bringing in a person from our support team; they will reply here as soon as they can.";
    public static final String HUMAN_REQUESTED_REASON = "The customer asked to talk to a person.";
    public static final String NO_MATCH_REASON = "No help article matched the question.";
    public static final String MODEL_HANDOFF_REASON = "The assistant found no answer to the question in the help articles.";

    public AssistantPolicy {
        if (!(minScore > 0 && minScore < 1)) {
            throw new IllegalArgumentException("the minimum score must be within (0, 1)");
        }
        if (passageMaxChars < 1 || candidates < 1) {
            throw new IllegalArgumentException("the passage length and the number of candidates must be positive");
        }
    }

    /**
     * A hand-off instead of an answer: the reply's text, intent and confidence, the reason for the ticket, and the
     * outcome the trace records ({@code human_requested}, {@code no_match}, {@code below_threshold}, {@code model_handoff}).
     */
    public record Handoff(String outcome, String reason, String text, String intent, double confidence) {
    }

    /** A customer who asks for a person gets one at once, whatever the knowledge base holds. */
    public Optional<Handoff> onMessage(String message) {
        return AssistantHumanRequest.isExplicit(message)
                ? Optional.of(new Handoff("human_requested", HUMAN_REQUESTED_REASON, HUMAN_REQUESTED_TEXT, HUMAN_REQUESTED_INTENT,
                AssistantConfidence.HUMAN_REQUEST))
                : Optional.empty();
    }

    /** What retrieval found decides: the best article's score (empty: nothing matched) below {@link #minScore} hands off. */
    public Optional<Handoff> onRetrieval(OptionalDouble bestScore) {
        if (bestScore.isEmpty()) {
            return Optional.of(new Handoff("no_match", NO_MATCH_REASON, NO_ANSWER_TEXT, UNKNOWN_INTENT, confidence(0)));
        }
        double best = bestScore.getAsDouble();
        if (best < minScore) {
            String reason = String.format(Locale.ROOT, "No help article matched the question well enough (best score %.2f, needed %.2f).",
                    best, minScore);
            return Optional.of(new Handoff("below_threshold", reason, NO_ANSWER_TEXT, UNKNOWN_INTENT, confidence(best)));
        }
        return Optional.empty();
    }

    /** A model that found no answer in the articles it was sent: below 0.5 whatever the articles scored. */
    public Handoff onModelWithoutAnswer(double bestScore) {
        return new Handoff("model_handoff", MODEL_HANDOFF_REASON, NO_ANSWER_TEXT, UNKNOWN_INTENT,
                Math.min(confidence(bestScore), AssistantConfidence.AT_THRESHOLD - 0.01));
    }

    /** The confidence of an answer quoted from an article of this score. */
    public double confidence(double score) {
        return AssistantConfidence.fromScore(score, minScore);
    }

    /** The confidence of a model's answer: at least 0.5 (the model judged the articles sufficient), more when they score higher. */
    public double modelAnswerConfidence(double bestScore) {
        return Math.max(confidence(bestScore), AssistantConfidence.AT_THRESHOLD);
    }

    /** The reply quoting an article: its best passage, and where it comes from. */
    public static String quoting(String excerpt, String title) {
        return excerpt + "\n\n(From our help article \u201c" + title + "\u201d. If this doesn't answer your question, "
                + "ask for a person and I'll bring one in.)";
    }
}
