package io.parley.chat.adapter.in.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.parley.chat.domain.AssistantPolicy;

/**
 * {@code parley.assistant.knowledge.*}: when the knowledge base answers, and how much of an article it quotes;
 * becomes the chat turn's {@link AssistantPolicy}.
 */
@ConfigurationProperties("parley.assistant.knowledge")
class KnowledgeAssistantSettings {

    /**
     * The relevance score (0..1, see {@code AssistantConfidence}) the best article must reach to be
     * quoted; below it the assistant hands off. 0.2 separates real matches (0.35 and more on the seed
     * articles) from incidental ones ("can I pay with bitcoin", 0.14).
     */
    private double minScore = 0.2;

    /** The longest excerpt quoted from an article, cut at a sentence boundary. */
    private int passageMaxChars = 700;

    /** How many documents retrieval ranks (the best is quoted; the OpenAI adapter sends them all). */
    private int candidates = 3;

    public double getMinScore() {
        return minScore;
    }

    public void setMinScore(double minScore) {
        if (!(minScore > 0 && minScore < 1)) {
            throw new IllegalArgumentException("parley.assistant.knowledge.min-score must be within (0, 1)");
        }
        this.minScore = minScore;
    }

    public int getPassageMaxChars() {
        return passageMaxChars;
    }

    public void setPassageMaxChars(int passageMaxChars) {
        if (passageMaxChars < 80 || passageMaxChars > 4000) {
            throw new IllegalArgumentException("parley.assistant.knowledge.passage-max-chars must be within 80..4000");
        }
        this.passageMaxChars = passageMaxChars;
    }

    public int getCandidates() {
        return candidates;
    }

    public void setCandidates(int candidates) {
        if (candidates < 1 || candidates > 20) {
            throw new IllegalArgumentException("parley.assistant.knowledge.candidates must be within 1..20");
        }
        this.candidates = candidates;
    }

    AssistantPolicy toPolicy() {
        return new AssistantPolicy(minScore, passageMaxChars, candidates);
    }
}
