package io.parley.chat.assistant;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.chat.application.service.AssistantService;
import io.parley.chat.domain.AssistantReply;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.domain.AssistantStep;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default assistant ({@code parley.assistant.provider} unset) on the bundled articles over real
 * PostgreSQL: common questions are answered from the right article, the rest is handed off. This is
 * also the calibration of {@code parley.assistant.knowledge.min-score}.
 */
@MicronautTest(transactional = false)
class KnowledgeAssistantOnSeedArticlesTest implements PostgresBacked {

    @Inject
    AssistantService assistant;
    @Inject
    ManageKnowledgeUseCase knowledge;
    @Inject
    JsonMapper json;
    private boolean loaded;

    @BeforeEach
    void seedArticles() {
        if (!loaded) {
            SeedArticles.load(knowledge, json);
            loaded = true;
        }
    }

    private AssistantReply ask(String message) {
        return assistant.reply(new AssistantRequest(UUID.randomUUID(), "en-US", message, List.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "How do I reset my password?           | Resetting a forgotten password | account.password_reset",
            "I forgot my password and can't log in | Resetting a forgotten password | account.password_reset",
            "I was charged twice for my order      | Why was I charged twice?       | billing.duplicate_charge",
            "How can I delete my account?          | Deleting your account          | account.deletion",
            "where is my package                   | My package is late or missing  | shipping.delayed",
            "my card expired                       | Updating your payment method   | billing.payment_method",
            "how do I change my email              | Changing the email address of your account | account.email_change",
            "What are your opening hours?          | Contacting customer support    | support.contact",
    })
    void a_common_question_is_answered_from_its_article(String question, String title, String intent) {
        AssistantReply reply = ask(question);

        assertFalse(reply.handoffRecommended(), () -> question + " → " + reply);
        assertEquals(title, reply.sources().get(0).title(), question);
        assertEquals(1, reply.sources().size());
        assertEquals(intent, reply.intent());
        assertTrue(reply.confidence() >= 0.5 && reply.confidence() <= 0.95, () -> "confidence " + reply.confidence());
        assertTrue(reply.text().contains("\u201c" + title + "\u201d"), reply.text());
        assertTrue(reply.text().length() < 1000, "a passage, not the whole article");
        assertEquals("knowledge", reply.provider(), "the default provider");
        assertNull(reply.fallbackReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"What is the meaning of life?", "Can I pay with bitcoin?", "Do you have a job for me?",
            "What is a user agent string?"})
    void a_question_the_articles_do_not_answer_is_handed_off(String question) {
        AssistantReply reply = ask(question);

        assertTrue(reply.handoffRecommended(), () -> question + " → " + reply);
        assertTrue(reply.handoffReason().startsWith("No help article matched"), reply.handoffReason());
        assertEquals(List.of(), reply.sources());
        assertEquals("unknown", reply.intent());
        assertTrue(reply.confidence() < 0.5);
    }

    @Test
    void asking_for_a_person_is_handed_off_at_once() {
        AssistantReply reply = ask("This is not helping, I want to talk to a real person");

        assertTrue(reply.handoffRecommended());
        assertEquals("The customer asked to talk to a person.", reply.handoffReason());
        assertEquals("support.human_agent", reply.intent());
        assertEquals(List.of(AssistantStep.Kind.HANDOFF_DECISION), reply.steps().stream().map(AssistantStep::kind).toList());
    }

    @Test
    void every_step_has_a_time_span_and_the_retrieval_names_its_language() {
        AssistantReply reply = assistant.reply(new AssistantRequest(UUID.randomUUID(), null, "refund", List.of()));
        for (AssistantStep step : reply.steps()) {
            assertFalse(step.endedAt().isBefore(step.startedAt()), step::toString);
            assertEquals("ok", step.status());
        }
        assertEquals("english", reply.steps().get(0).details().get("language"));
    }
}
