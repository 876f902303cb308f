package io.parley.chat.domain;

/**
 * How sure the assistant is of an answer, from the relevance score of the knowledge it is based on.
 *
 * <p>The score is {@code ts_rank_cd(search_vector, query, 32) × coverage}: cover density rank
 * normalised to 0..1 by {@code rank / (rank + 1)}, times the share of the question's words the
 * document contains. The mapping is piecewise linear and anchored at the answer threshold {@code t}:
 * <ul>
 *   <li>{@code score < t} → {@code 0.5 × score / t} (0 .. 0.5): not enough to answer;</li>
 *   <li>{@code score ≥ t} → {@code 0.5 + 0.45 × (score − t) / (1 − t)} (0.5 .. 0.95).</li>
 * </ul>
 * So a confidence of at least 0.5 means "answered from the knowledge base", and lexical matching
 * never claims more than 0.95.
 */
public final class AssistantConfidence {

    public static final double AT_THRESHOLD = 0.5;
    public static final double CEILING = 0.95;
    /** An explicit request for a person is recognised by rule, not by score. */
    public static final double HUMAN_REQUEST = 0.95;

    private AssistantConfidence() {
    }

    public static double fromScore(double score, double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be within (0, 1)");
        }
        double s = Double.isNaN(score) ? 0 : Math.max(0, Math.min(1, score));
        double confidence = s < threshold
                ? AT_THRESHOLD * s / threshold
                : AT_THRESHOLD + (CEILING - AT_THRESHOLD) * (s - threshold) / (1 - threshold);
        return Math.round(confidence * 1000) / 1000.0;
    }
}
