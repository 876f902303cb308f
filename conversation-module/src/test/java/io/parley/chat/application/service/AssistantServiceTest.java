package io.parley.chat.application.service;

import io.parley.chat.application.port.out.AssistantPort;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.application.port.out.ModelAnswer;
import io.parley.chat.domain.AssistantPolicy;
import io.parley.chat.domain.AssistantReply;
import io.parley.chat.domain.AssistantStep;
import io.parley.knowledge.api.KnowledgePassage;
import io.parley.knowledge.api.KnowledgeSearch;
import io.parley.knowledge.api.KnowledgeSearch.FoundPassages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The assistant's reply against its ports: the knowledge search and, when configured, a model provider. The
 * hand-off policy is the service's, whichever provider answers: the adapters only fetch and answer.
 */
@ExtendWith(MockitoExtension.class)
class AssistantServiceTest {

    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID REFUND_ARTICLE = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final AssistantPolicy POLICY = new AssistantPolicy(0.2, 120, 3);

    @Mock
    KnowledgeSearch search;
    @Mock
    AssistantPort model;
    AssistantService knowledgeOnly;
    AssistantService withModel;

    @BeforeEach
    void assistants() {
        KnowledgeRetrieval retrieval = new KnowledgeRetrieval(search, CLOCK);
        knowledgeOnly = new AssistantService(retrieval, Optional.empty(), POLICY, CLOCK);
        withModel = new AssistantService(retrieval, Optional.of(model), POLICY, CLOCK);
        lenient().when(model.provider()).thenReturn("openai");
    }

    private static AssistantRequest ask(String message, String locale) {
        return new AssistantRequest(CONVERSATION, locale, message, List.of(new AssistantRequest.Turn("user", "hi")));
    }

    private static KnowledgePassage refund(double score) {
        return new KnowledgePassage(REFUND_ARTICLE, "How to request a refund", List.of("billing.refund", "billing"), score,
                "Open Orders and select Request a refund. Refunds go back to the original payment method within "
                        + "5 to 10 business days. Gift cards are refunded to the gift card balance.");
    }

    private void found(KnowledgePassage... passages) {
        when(search.findPassages(anyString(), any(), anyInt())).thenReturn(new FoundPassages("english", List.of(passages)));
    }

    private static AssistantStep modelCall(String error) {
        return new AssistantStep(AssistantStep.Kind.LLM_CALL, "chat_completion", NOW, NOW.plusMillis(40), "test-model", 120, 30,
                Map.of("attempts", 1), error);
    }

    // --- without a model: the knowledge base answers --------------------------------------------------

    @Test
    void a_good_match_is_answered_with_an_excerpt_of_its_best_passage_and_cited() {
        when(search.findPassages("How do I get a refund?", "en-US", 3)).thenReturn(new FoundPassages("english", List.of(refund(0.6))));

        AssistantReply reply = knowledgeOnly.reply(ask("How do I get a refund?", "en-US"));

        assertTrue(reply.text().startsWith("Open Orders and select Request a refund."), reply.text());
        assertFalse(reply.text().contains("Gift cards"), "an excerpt, not the whole passage: " + reply.text());
        assertTrue(reply.text().contains("\u201cHow to request a refund\u201d"), reply.text());
        assertEquals("billing.refund", reply.intent());
        assertEquals(0.725, reply.confidence());
        assertEquals(List.of(new AssistantReply.Source(REFUND_ARTICLE, "How to request a refund")), reply.sources());
        assertFalse(reply.handoffRecommended());
        assertNull(reply.handoffReason());
        assertEquals("knowledge", reply.provider());
        assertNull(reply.fallbackReason());
    }

    @Test
    void the_steps_are_retrieval_answer_and_handoff_decision_with_facts_but_no_text() {
        found(refund(0.6));

        List<AssistantStep> steps = knowledgeOnly.reply(ask("refund", null)).steps();

        assertEquals(List.of(AssistantStep.Kind.RETRIEVAL, AssistantStep.Kind.EXTRACTIVE_ANSWER, AssistantStep.Kind.HANDOFF_DECISION),
                steps.stream().map(AssistantStep::kind).toList());
        assertEquals(List.of("retrieval", "other", "handoff_decision"), steps.stream().map(s -> s.kind().operationType()).toList());
        assertEquals("english", steps.get(0).details().get("language"));
        assertEquals(List.of(REFUND_ARTICLE.toString()), steps.get(0).details().get("document_ids"));
        assertEquals(Map.of("recommended", false, "outcome", "answered", "best_score", 0.6, "threshold", 0.2), steps.get(2).details());
        assertTrue(steps.stream().allMatch(AssistantStep::ok));
        assertFalse(steps.toString().contains("Request a refund"), "no article text in trace details");
    }

    @Test
    void below_the_threshold_it_recommends_a_handoff_without_sources() {
        found(refund(0.1));

        AssistantReply reply = knowledgeOnly.reply(ask("Can I pay with bitcoin?", "en"));

        assertTrue(reply.handoffRecommended());
        assertTrue(reply.handoffReason().contains("best score 0.10, needed 0.20"), reply.handoffReason());
        assertEquals(AssistantPolicy.NO_ANSWER_TEXT, reply.text());
        assertEquals("unknown", reply.intent());
        assertEquals(0.25, reply.confidence());
        assertEquals(List.of(), reply.sources());
        assertEquals(List.of(AssistantStep.Kind.RETRIEVAL, AssistantStep.Kind.HANDOFF_DECISION),
                reply.steps().stream().map(AssistantStep::kind).toList());
        assertEquals("below_threshold", reply.steps().get(1).details().get("outcome"));
    }

    @Test
    void no_match_at_all_recommends_a_handoff_with_zero_confidence() {
        found();

        AssistantReply reply = knowledgeOnly.reply(ask("What is the meaning of life?", null));

        assertTrue(reply.handoffRecommended());
        assertEquals("No help article matched the question.", reply.handoffReason());
        assertEquals(0.0, reply.confidence());
        assertEquals(Map.of("recommended", true, "outcome", "no_match", "threshold", 0.2), reply.steps().get(1).details());
    }

    @Test
    void exactly_at_the_threshold_it_answers() {
        found(refund(0.2));

        AssistantReply reply = knowledgeOnly.reply(ask("refund", null));

        assertFalse(reply.handoffRecommended());
        assertEquals(0.5, reply.confidence());
    }

    @Test
    void an_explicit_request_for_a_person_hands_off_at_once_without_searching_or_asking_a_model() {
        for (AssistantService assistant : List.of(knowledgeOnly, withModel)) {
            AssistantReply reply = assistant.reply(ask("I want to talk to a real person", "en"));

            assertTrue(reply.handoffRecommended());
            assertEquals(AssistantPolicy.HUMAN_REQUESTED_REASON, reply.handoffReason());
            assertEquals(AssistantPolicy.HUMAN_REQUESTED_TEXT, reply.text());
            assertEquals("support.human_agent", reply.intent());
            assertEquals(0.95, reply.confidence());
            assertEquals("knowledge", reply.provider(), "the rule answered, not the model");
            assertEquals(List.of(AssistantStep.Kind.HANDOFF_DECISION), reply.steps().stream().map(AssistantStep::kind).toList());
            assertEquals("human_requested", reply.steps().get(0).details().get("outcome"));
        }
        verifyNoInteractions(search);
        verify(model, org.mockito.Mockito.never()).answer(any(), any());
    }

    @Test
    void the_search_is_asked_for_the_configured_number_of_candidates_in_the_conversations_locale() {
        found();

        knowledgeOnly.reply(ask("Wie bekomme ich mein Geld zurück?", "de-AT"));

        verify(search).findPassages("Wie bekomme ich mein Geld zurück?", "de-AT", 3);
    }

    // --- with a model provider ---------------------------------------------------------------------

    @Test
    void the_models_answer_cites_the_passages_it_was_given_at_no_less_than_half_confidence() {
        found(refund(0.3));
        when(model.answer(any(), eq(List.of(refund(0.3))))).thenReturn(new ModelAnswer.Answered("Open Orders.", List.of(refund(0.3)),
                modelCall(null)));

        AssistantReply reply = withModel.reply(ask("How do I get a refund?", "en"));

        assertEquals("Open Orders.", reply.text());
        assertEquals("openai", reply.provider());
        assertEquals("billing.refund", reply.intent());
        assertEquals(List.of(new AssistantReply.Source(REFUND_ARTICLE, "How to request a refund")), reply.sources());
        assertTrue(reply.confidence() >= 0.5, () -> "confidence " + reply.confidence());
        assertFalse(reply.handoffRecommended());
        assertEquals(List.of(AssistantStep.Kind.RETRIEVAL, AssistantStep.Kind.LLM_CALL, AssistantStep.Kind.HANDOFF_DECISION),
                reply.steps().stream().map(AssistantStep::kind).toList());
        assertEquals(Map.of("recommended", false, "outcome", "answered"), reply.steps().get(2).details());
    }

    @Test
    void a_model_answer_without_passages_is_labelled_general() {
        found();
        when(model.answer(any(), any())).thenReturn(new ModelAnswer.Answered("Hello!", List.of(), modelCall(null)));

        AssistantReply reply = withModel.reply(ask("hello", "en"));

        assertEquals(KnowledgePassage.UNTAGGED_INTENT, reply.intent());
        assertEquals(0.5, reply.confidence());
        assertEquals(List.of(), reply.sources());
    }

    @Test
    void a_model_that_finds_no_answer_hands_off_below_half_confidence_with_the_policys_text() {
        found(refund(0.9));
        when(model.answer(any(), any())).thenReturn(new ModelAnswer.NoAnswer(List.of(refund(0.9)), modelCall(null)));

        AssistantReply reply = withModel.reply(ask("Can I pay with bitcoin?", "en"));

        assertTrue(reply.handoffRecommended());
        assertEquals(AssistantPolicy.MODEL_HANDOFF_REASON, reply.handoffReason());
        assertEquals(AssistantPolicy.NO_ANSWER_TEXT, reply.text());
        assertEquals("unknown", reply.intent());
        assertEquals(0.49, reply.confidence());
        assertEquals(List.of(), reply.sources());
        assertEquals("openai", reply.provider());
        assertEquals(Map.of("recommended", true, "outcome", "model_handoff"), reply.steps().get(2).details());
    }

    @Test
    void a_failed_provider_is_replaced_by_the_knowledge_answer_which_says_so() {
        found(refund(0.6));
        when(model.answer(any(), any())).thenReturn(new ModelAnswer.Failed("HTTP 500", modelCall("HTTP 500")));

        AssistantReply reply = withModel.reply(ask("How do I get a refund?", "en"));

        assertEquals("knowledge", reply.provider());
        assertEquals("openai failed: HTTP 500", reply.fallbackReason());
        assertTrue(reply.text().startsWith("Open Orders and select Request a refund."), reply.text());
        assertEquals(List.of(AssistantStep.Kind.RETRIEVAL, AssistantStep.Kind.LLM_CALL, AssistantStep.Kind.EXTRACTIVE_ANSWER,
                AssistantStep.Kind.HANDOFF_DECISION), reply.steps().stream().map(AssistantStep::kind).toList());
        assertEquals("error", reply.steps().get(1).status());
    }

    @Test
    void a_failed_provider_and_no_good_article_is_a_handoff_that_still_says_the_provider_failed() {
        found(refund(0.1));
        when(model.answer(any(), any())).thenReturn(new ModelAnswer.Failed("no response within 15000 ms", modelCall("timeout")));

        AssistantReply reply = withModel.reply(ask("Can I pay with bitcoin?", "en"));

        assertTrue(reply.handoffRecommended());
        assertEquals("knowledge", reply.provider());
        assertEquals("openai failed: no response within 15000 ms", reply.fallbackReason());
    }
}
