package io.parley.chat.assistant;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.chat.application.service.AssistantService;
import io.parley.chat.domain.AssistantReply;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.application.port.out.AssistantRequest.Turn;
import io.parley.chat.domain.AssistantStep;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code parley.assistant.provider: openai} against a fake Chat Completions server on a loopback
 * port (no other network): the request it sends, a good answer, retries on 429 and 5xx, and the
 * fallback to the knowledge base when the provider fails or times out.
 */
@MicronautTest(transactional = false)
class OpenAiAssistantTest implements PostgresBacked {

    private static final String API_KEY = "sk-test-0123456789abcdef";
    private static final String QUESTION = "How do I get a refund?";

    private final FakeChatCompletions provider = FakeChatCompletions.start();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @Inject
    AssistantService assistant;
    @Inject
    ManageKnowledgeUseCase knowledge;
    @Inject
    JsonMapper json;
    private boolean loaded;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(PostgresBacked.super.getProperties());
        properties.putAll(provider.assistantProperties(API_KEY, "test-model", 2));
        properties.put("parley.assistant.openai.history-budget-chars", "100");
        return properties;
    }

    @BeforeEach
    void prepare() {
        if (!loaded) {
            SeedArticles.load(knowledge, json);
            loaded = true;
        }
        provider.reset();
        logs.list.clear();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        provider.reset();
    }

    @AfterAll
    void stopProvider() {
        provider.stop();
    }

    private AssistantReply ask(String message, List<Turn> history) {
        return assistant.reply(new AssistantRequest(UUID.randomUUID(), "en-GB", message, history));
    }

    private Map<String, Object> body(FakeChatCompletions.Recorded request) throws IOException {
        return json.readValue(request.body(), Argument.mapOf(String.class, Object.class));
    }

    private static List<AssistantStep.Kind> kinds(AssistantReply reply) {
        return reply.steps().stream().map(AssistantStep::kind).toList();
    }

    private static AssistantStep llmCall(AssistantReply reply) {
        return reply.steps().stream().filter(s -> s.kind() == AssistantStep.Kind.LLM_CALL).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_request_has_the_model_the_key_the_grounded_system_prompt_the_history_within_budget_and_the_message() throws Exception {
        provider.answer("Open Orders and select Request a refund.");
        List<Turn> history = List.of(
                new Turn("user", "1".repeat(50)),
                new Turn("assistant", "2".repeat(40)),
                new Turn("system", "A ticket was opened."),
                new Turn("user", "3".repeat(30)),
                new Turn("assistant", "4".repeat(20)));

        ask(QUESTION, history);

        List<FakeChatCompletions.Recorded> requests = provider.received();
        assertEquals(1, requests.size());
        FakeChatCompletions.Recorded request = requests.get(0);
        assertEquals("POST", request.method());
        assertEquals("/v1/chat/completions", request.path());
        assertEquals("Bearer " + API_KEY, request.header("Authorization"));
        assertTrue(request.header("Content-Type").startsWith("application/json"));

        Map<String, Object> body = body(request);
        assertEquals("test-model", body.get("model"));
        assertEquals(0.2, ((Number) body.get("temperature")).doubleValue());
        assertEquals(500, ((Number) body.get("max_tokens")).intValue());
        List<Map<String, Object>> messages = (List<Map<String, Object>>) body.get("messages");
        assertEquals(List.of("system", "assistant", "user", "assistant", "user"), messages.stream().map(m -> m.get("role")).toList());
        assertEquals(List.of("2".repeat(40), "3".repeat(30), "4".repeat(20)),
                messages.subList(1, 4).stream().map(m -> m.get("content")).toList(),
                "newest history first until 100 characters are spent; the oldest turn and system notices stay out");
        int historyChars = messages.subList(1, 4).stream().mapToInt(m -> ((String) m.get("content")).length()).sum();
        assertTrue(historyChars <= 100, "budget respected: " + historyChars);
        assertEquals(QUESTION, messages.get(4).get("content"));

        String system = (String) messages.get(0).get("content");
        assertTrue(system.contains("[HANDOFF]"), "the model is told how to hand off");
        assertTrue(system.contains("Customer locale: en-GB"), system);
        assertTrue(system.contains("[1] When will I get my refund?"), system);
        assertTrue(system.contains("[2] How to request a refund"), system);
    }

    @Test
    void a_good_answer_is_the_reply_grounded_in_its_sources_with_tokens_and_model_traced() {
        provider.answer("You can ask for a refund within 30 days: open Orders and select Request a refund.");

        AssistantReply reply = ask(QUESTION, List.of());

        assertEquals("You can ask for a refund within 30 days: open Orders and select Request a refund.", reply.text());
        assertEquals("openai", reply.provider());
        assertNull(reply.fallbackReason());
        assertFalse(reply.handoffRecommended());
        assertEquals("billing.refund_status", reply.intent(), "the first tag of the best passage");
        assertTrue(reply.confidence() >= 0.5, "answered: " + reply.confidence());
        assertEquals("When will I get my refund?", reply.sources().get(0).title());
        assertEquals(List.of(AssistantStep.Kind.RETRIEVAL, AssistantStep.Kind.LLM_CALL, AssistantStep.Kind.HANDOFF_DECISION), kinds(reply));
        AssistantStep call = llmCall(reply);
        assertEquals("llm_call", call.kind().operationType());
        assertEquals("ok", call.status());
        assertEquals("test-model-2026", call.model());
        assertEquals(321, call.inputTokens());
        assertEquals(42, call.outputTokens());
        assertEquals(1, call.details().get("attempts"));
        assertEquals("stop", call.details().get("finish_reason"));
    }

    @Test
    void a_429_is_retried_and_the_second_answer_is_used() {
        provider.respond(429, "{\"error\":{\"message\":\"rate limited\"}}").answer("Refunds take 5 to 10 business days.");

        AssistantReply reply = ask(QUESTION, List.of());

        assertEquals("Refunds take 5 to 10 business days.", reply.text());
        assertEquals("openai", reply.provider());
        assertEquals(2, provider.received().size());
        assertEquals(2, llmCall(reply).details().get("attempts"));
        assertEquals(List.of("429", "200"), llmCall(reply).details().get("outcomes"));
    }

    @Test
    void server_errors_are_retried_then_the_knowledge_base_answers() {
        provider.respond(500, "{}").respond(502, "bad gateway").respond(503, "{}").answer("never reached");

        AssistantReply reply = ask(QUESTION, List.of());

        assertEquals(3, provider.received().size(), "the first attempt and two retries");
        assertEquals("knowledge", reply.provider());
        assertEquals("openai failed: HTTP 503", reply.fallbackReason());
        assertFalse(reply.handoffRecommended(), "the knowledge base has an answer");
        assertEquals("When will I get my refund?", reply.sources().get(0).title());
        assertTrue(reply.text().contains("\u201cWhen will I get my refund?\u201d"), reply.text());
        assertEquals(List.of(AssistantStep.Kind.RETRIEVAL, AssistantStep.Kind.LLM_CALL, AssistantStep.Kind.EXTRACTIVE_ANSWER,
                AssistantStep.Kind.HANDOFF_DECISION), kinds(reply));
        AssistantStep call = llmCall(reply);
        assertEquals("error", call.status());
        assertEquals("HTTP 503", call.error());
        assertEquals(List.of("500", "502", "503"), call.details().get("outcomes"));
    }

    @Test
    void a_timeout_is_not_retried_and_the_knowledge_base_answers() {
        provider.hang();

        AssistantReply reply = ask(QUESTION, List.of());

        assertEquals(1, provider.received().size(), "the customer is waiting: no second attempt");
        assertEquals("knowledge", reply.provider());
        assertEquals("openai failed: no response within 2000 ms", reply.fallbackReason());
        assertEquals(List.of("timeout"), llmCall(reply).details().get("outcomes"));
        assertFalse(reply.handoffRecommended());
    }

    @Test
    void a_client_error_such_as_a_wrong_key_is_not_retried() {
        provider.respond(401, "{\"error\":{\"message\":\"Incorrect API key\"}}");

        AssistantReply reply = ask(QUESTION, List.of());

        assertEquals(1, provider.received().size());
        assertEquals("openai failed: HTTP 401", reply.fallbackReason());
        assertEquals("knowledge", reply.provider());
    }

    @Test
    void a_malformed_or_empty_answer_falls_back() {
        provider.respond(200, "<html>not json</html>");
        assertEquals("openai failed: response without an answer", ask(QUESTION, List.of()).fallbackReason());

        provider.reset();
        provider.respond(200, "{\"choices\":[]}");
        assertEquals("openai failed: response without an answer", ask(QUESTION, List.of()).fallbackReason());

        provider.reset();
        provider.answer("   ");
        assertEquals("openai failed: response without an answer", ask(QUESTION, List.of()).fallbackReason());
    }

    @Test
    void when_the_model_hands_off_a_person_is_recommended() {
        provider.answer("[HANDOFF]");

        AssistantReply reply = ask("Can I pay with bitcoin?", List.of());

        assertTrue(reply.handoffRecommended());
        assertEquals("openai", reply.provider());
        assertEquals("The assistant found no answer to the question in the help articles.", reply.handoffReason());
        assertEquals(List.of(), reply.sources());
        assertEquals("unknown", reply.intent());
        assertTrue(reply.confidence() < 0.5);
        assertFalse(reply.text().contains("[HANDOFF]"), reply.text());
    }

    @Test
    void asking_for_a_person_hands_off_without_calling_the_model() {
        AssistantReply reply = ask("Please connect me with a human agent", List.of());

        assertEquals(List.of(), provider.received());
        assertTrue(reply.handoffRecommended());
        assertEquals("support.human_agent", reply.intent());
    }

    @Test
    void the_api_key_never_reaches_a_log_line() {
        provider.respond(500, "{}").respond(500, "{}").respond(500, "{}");

        ask(QUESTION, List.of());

        assertFalse(logs.list.isEmpty(), "the fallback is logged");
        for (ILoggingEvent event : logs.list) {
            assertFalse(event.getFormattedMessage().contains(API_KEY), event.getFormattedMessage());
            assertFalse(event.getFormattedMessage().contains(QUESTION), "no message content either: " + event.getFormattedMessage());
        }
    }
}
