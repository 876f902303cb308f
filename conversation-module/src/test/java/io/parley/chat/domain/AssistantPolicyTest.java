package io.parley.chat.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the assistant hands off, what it says then, and how sure each kind of reply is. */
class AssistantPolicyTest {

    private final AssistantPolicy policy = new AssistantPolicy(0.2, 700, 3);

    @Test
    void a_request_for_a_person_is_handed_off_as_such_and_other_messages_are_not() {
        AssistantPolicy.Handoff handoff = policy.onMessage("can I talk to a human?").orElseThrow();

        assertEquals(new AssistantPolicy.Handoff("human_requested", AssistantPolicy.HUMAN_REQUESTED_REASON,
                AssistantPolicy.HUMAN_REQUESTED_TEXT, "support.human_agent", 0.95), handoff);
        assertEquals(Optional.empty(), policy.onMessage("what is a user agent string?"));
    }

    @Test
    void retrieval_hands_off_without_a_match_and_below_the_threshold_and_answers_from_it_on() {
        assertEquals("no_match", policy.onRetrieval(OptionalDouble.empty()).orElseThrow().outcome());
        AssistantPolicy.Handoff below = policy.onRetrieval(OptionalDouble.of(0.19)).orElseThrow();
        assertEquals("below_threshold", below.outcome());
        assertEquals("No help article matched the question well enough (best score 0.19, needed 0.20).", below.reason());
        assertEquals(AssistantPolicy.NO_ANSWER_TEXT, below.text());
        assertEquals("unknown", below.intent());
        assertTrue(below.confidence() < 0.5);
        assertEquals(Optional.empty(), policy.onRetrieval(OptionalDouble.of(0.2)));
    }

    @Test
    void a_models_answer_is_at_least_half_sure_and_its_hand_off_below_half() {
        assertEquals(0.5, policy.modelAnswerConfidence(0.0));
        assertEquals(policy.confidence(0.9), policy.modelAnswerConfidence(0.9));
        assertEquals(0.49, policy.onModelWithoutAnswer(0.9).confidence());
        assertEquals(0.0, policy.onModelWithoutAnswer(0.0).confidence());
        assertEquals(AssistantPolicy.MODEL_HANDOFF_REASON, policy.onModelWithoutAnswer(0.5).reason());
    }

    @Test
    void a_quoted_answer_names_its_article() {
        assertEquals("Open Orders.\n\n(From our help article \u201cRefunds\u201d. If this doesn't answer your question, "
                + "ask for a person and I'll bring one in.)", AssistantPolicy.quoting("Open Orders.", "Refunds"));
    }

    @Test
    void the_threshold_is_a_relevance_strictly_between_0_and_1() {
        assertThrows(IllegalArgumentException.class, () -> new AssistantPolicy(0, 700, 3));
        assertThrows(IllegalArgumentException.class, () -> new AssistantPolicy(1, 700, 3));
        assertThrows(IllegalArgumentException.class, () -> new AssistantPolicy(0.2, 0, 3));
    }
}
