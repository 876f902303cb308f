package io.parley.conversation.adapter.out.assistant;

import io.parley.conversation.application.port.out.AssistantReply;
import io.parley.conversation.application.port.out.AssistantRequest;
import io.parley.conversation.application.port.out.AssistantStep;
import io.parley.knowledge.application.port.out.SearchKnowledgePort;
import io.parley.knowledge.application.service.KnowledgeQueryService;
import io.parley.knowledge.domain.KnowledgeLanguage;
import io.parley.knowledge.api.KnowledgePassage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The default assistant against its search port: answer above the threshold, hand off below it or when asked. */
@ExtendWith(MockitoExtension.class)
class KnowledgeAssistantTest {

    private static final UUID CONVERSATION = UUID.randomUUID();
    private static final UUID REFUND_ARTICLE = UUID.randomUUID();

    @Mock
    SearchKnowledgePort search;
    KnowledgeAssistant assistant;

    @BeforeEach
    void assistant() {
        KnowledgeAssistantSettings settings = new KnowledgeAssistantSettings();
        settings.setMinScore(0.2);
        settings.setPassageMaxChars(120);
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        assistant = new KnowledgeAssistant(new KnowledgeRetrieval(new KnowledgeQueryService(null, search), clock), settings, clock);
    }

    private static AssistantRequest ask(String message, String locale) {
        return new AssistantRequest(CONVERSATION, locale, message, List.of(new AssistantRequest.Turn("user", "hi")));
    }

    private static KnowledgePassage refund(double score) {
        return new KnowledgePassage(REFUND_ARTICLE, "How to request a refund", List.of("billing.refund", "billing"), score,
                "Open Orders and select Request a refund. Refunds go back to the original payment method within "
                        + "5 to 10 business days. Gift cards are refunded to the gift card balance.");
    }

    @Test
    void a_good_match_is_answered_with_an_excerpt_of_its_best_passage_and_cited() {
        when(search.findPassages("How do I get a refund?", KnowledgeLanguage.ENGLISH, 3)).thenReturn(List.of(refund(0.6)));

        AssistantReply reply = assistant.reply(ask("How do I get a refund?", "en-US"));

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
        when(search.findPassages(anyString(), eq(KnowledgeLanguage.ENGLISH), anyInt())).thenReturn(List.of(refund(0.6)));

        List<AssistantStep> steps = assistant.reply(ask("refund", null)).steps();

        assertEquals(List.of(AssistantStep.Kind.RETRIEVAL, AssistantStep.Kind.EXTRACTIVE_ANSWER, AssistantStep.Kind.HANDOFF_DECISION),
                steps.stream().map(AssistantStep::kind).toList());
        assertEquals(List.of("retrieval", "other", "handoff_decision"), steps.stream().map(s -> s.kind().operationType()).toList());
        assertEquals("english", steps.get(0).details().get("language"));
        assertEquals(List.of(REFUND_ARTICLE.toString()), steps.get(0).details().get("document_ids"));
        assertEquals(false, steps.get(2).details().get("recommended"));
        assertTrue(steps.stream().allMatch(AssistantStep::ok));
        assertFalse(steps.toString().contains("Request a refund"), "no article text in trace details");
    }

    @Test
    void below_the_threshold_it_recommends_a_handoff_without_sources() {
        when(search.findPassages(anyString(), eq(KnowledgeLanguage.ENGLISH), anyInt())).thenReturn(List.of(refund(0.1)));

        AssistantReply reply = assistant.reply(ask("Can I pay with bitcoin?", "en"));

        assertTrue(reply.handoffRecommended());
        assertTrue(reply.handoffReason().contains("best score 0.10, needed 0.20"), reply.handoffReason());
        assertEquals(KnowledgeAssistant.NO_ANSWER_TEXT, reply.text());
        assertEquals("unknown", reply.intent());
        assertEquals(0.25, reply.confidence());
        assertEquals(List.of(), reply.sources());
        assertEquals(List.of(AssistantStep.Kind.RETRIEVAL, AssistantStep.Kind.HANDOFF_DECISION),
                reply.steps().stream().map(AssistantStep::kind).toList());
        assertEquals("below_threshold", reply.steps().get(1).details().get("outcome"));
    }

    @Test
    void no_match_at_all_recommends_a_handoff_with_zero_confidence() {
        when(search.findPassages(anyString(), eq(KnowledgeLanguage.ENGLISH), anyInt())).thenReturn(List.of());

        AssistantReply reply = assistant.reply(ask("What is the meaning of life?", null));

        assertTrue(reply.handoffRecommended());
        assertEquals("No help article matched the question.", reply.handoffReason());
        assertEquals(0.0, reply.confidence());
    }

    @Test
    void exactly_at_the_threshold_it_answers() {
        when(search.findPassages(anyString(), eq(KnowledgeLanguage.ENGLISH), anyInt())).thenReturn(List.of(refund(0.2)));
        AssistantReply reply = assistant.reply(ask("refund", null));
        assertFalse(reply.handoffRecommended());
        assertEquals(0.5, reply.confidence());
    }

    @Test
    void an_explicit_request_for_a_person_hands_off_at_once_without_searching() {
        AssistantReply reply = assistant.reply(ask("I want to talk to a real person", "en"));

        assertTrue(reply.handoffRecommended());
        assertEquals(KnowledgeAssistant.HUMAN_REQUESTED_REASON, reply.handoffReason());
        assertEquals("support.human_agent", reply.intent());
        assertEquals(0.95, reply.confidence());
        assertEquals(List.of(AssistantStep.Kind.HANDOFF_DECISION), reply.steps().stream().map(AssistantStep::kind).toList());
        assertEquals("human_requested", reply.steps().get(0).details().get("outcome"));
        verifyNoInteractions(search);
    }

    @Test
    void the_conversation_locale_picks_the_search_language() {
        when(search.findPassages(anyString(), eq(KnowledgeLanguage.GERMAN), anyInt())).thenReturn(List.of());
        assistant.reply(ask("Wie bekomme ich mein Geld zurück?", "de-AT"));
        verify(search).findPassages("Wie bekomme ich mein Geld zurück?", KnowledgeLanguage.GERMAN, 3);

        when(search.findPassages(anyString(), eq(KnowledgeLanguage.SIMPLE), anyInt())).thenReturn(List.of());
        assistant.reply(ask("返金したい", "ja-JP"));
        verify(search).findPassages("返金したい", KnowledgeLanguage.SIMPLE, 3);
    }
}
