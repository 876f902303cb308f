package io.parley.chat.application.port.out;

import io.parley.chat.domain.AssistantStep;
import io.parley.knowledge.api.KnowledgePassage;

import java.util.List;
import java.util.Objects;

/** What a model provider came back with, and the step (the model call) that got it, for the turn's trace. */
public sealed interface ModelAnswer {

    AssistantStep call();

    /**
     * An answer ({@code text} at most {@code AssistantReply.MAX_TEXT} characters).
     *
     * @param grounding the passages the model was given, best first: the reply's sources
     */
    record Answered(String text, List<KnowledgePassage> grounding, AssistantStep call) implements ModelAnswer {

        public Answered {
            Objects.requireNonNull(text, "text");
            grounding = List.copyOf(grounding);
        }
    }

    /** The model found no answer in the passages it was given. */
    record NoAnswer(List<KnowledgePassage> grounding, AssistantStep call) implements ModelAnswer {

        public NoAnswer {
            grounding = List.copyOf(grounding);
        }
    }

    /** The provider failed (after its retries); {@code description} says how, without any content, and may be logged. */
    record Failed(String description, AssistantStep call) implements ModelAnswer {
    }
}
