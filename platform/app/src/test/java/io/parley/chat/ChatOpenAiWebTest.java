package io.parley.chat;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.chat.assistant.FakeChatCompletions;
import io.parley.chat.assistant.SeedArticles;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.parley.chat.ChatClient.message;
import static io.parley.chat.ChatClient.reply;
import static io.parley.chat.ChatClient.sources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat with {@code parley.assistant.provider: openai} against a fake Chat Completions server on a
 * loopback port: what the turn sends (the conversation's own history, the new message), the model's
 * answer as the reply, and the knowledge base answering when the provider fails.
 */
@MicronautTest(transactional = false)
class ChatOpenAiWebTest extends WebTest {

    static final String API_KEY = "sk-chat-test-0123456789";
    static final String ADMIN = TestTokens.withRoles("chat-openai-admin", "admin");

    private final FakeChatCompletions provider = FakeChatCompletions.start();

    @Inject
    ManageKnowledgeUseCase knowledge;
    ChatClient chat;
    private boolean seeded;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(provider.assistantProperties(API_KEY, "chat-model", 1));
        properties.put("parley.ticketing.handoff.dispatcher.enabled", "false");
        return properties;
    }

    @BeforeEach
    void prepare() {
        if (!seeded) {
            SeedArticles.load(knowledge, json);
            seeded = true;
        }
        chat = new ChatClient(http);
        provider.reset();
    }

    @AfterAll
    void stopProvider() {
        provider.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_second_turn_sends_the_conversations_history_and_the_new_message_and_the_model_answers() throws IOException {
        provider.answer("Open Settings, then Security, then Reset password.")
                .answer("Refunds arrive within 5 to 10 business days.");
        Map<String, Object> first = chat.first(null, "How do I reset my password?");

        Map<String, Object> second = chat.next(null, (String) first.get("session_id"), "When will I get my refund?");

        assertEquals("Refunds arrive within 5 to 10 business days.", reply(second).get("content"));
        assertEquals("When will I get my refund?", sources(second).get(0).get("title"));
        assertEquals(2, provider.received().size());
        FakeChatCompletions.Recorded request = provider.received().get(1);
        assertEquals("POST", request.method());
        assertEquals("/v1/chat/completions", request.path());
        assertEquals("Bearer " + API_KEY, request.header("Authorization"));
        Map<String, Object> body = json.readValue(request.body(), Argument.mapOf(String.class, Object.class));
        assertEquals("chat-model", body.get("model"));
        List<Map<String, Object>> messages = (List<Map<String, Object>>) body.get("messages");
        assertEquals(List.of("system", "user", "assistant", "user"), messages.stream().map(m -> m.get("role")).toList());
        assertEquals(List.of("How do I reset my password?", "Open Settings, then Security, then Reset password.",
                "When will I get my refund?"), messages.subList(1, 4).stream().map(m -> m.get("content")).toList(),
                "the conversation so far, oldest first, then the new message");
        assertTrue(((String) messages.get(0).get("content")).contains("When will I get my refund?"), "grounded in the articles");

        Map<String, Object> stored = storedReply(first, 3);
        assertEquals("openai", ((Map<String, Object>) stored.get("metadata")).get("provider"));
        assertEquals(message(second).get("id"), ((Map<String, Object>) stored.get("metadata")).get("in_reply_to"));
        Map<String, Object> llmCall = childNamed(reply(second).get("id"), "chat_completion");
        assertEquals("llm_call", llmCall.get("operation_type"));
        assertEquals("test-model-2026", llmCall.get("model"));
        assertEquals(321, ((Number) llmCall.get("input_tokens")).intValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void when_the_provider_fails_the_knowledge_base_answers_and_the_reply_says_why() {
        provider.respond(503, "{}").respond(503, "{}");

        Map<String, Object> turn = chat.first(null, "How do I get a refund?");

        assertEquals(2, provider.received().size(), "the first attempt and one retry");
        assertEquals("When will I get my refund?", sources(turn).get(0).get("title"));
        assertNull(turn.get("handoff"), "the knowledge base had an answer");
        Map<String, Object> metadata = (Map<String, Object>) storedReply(turn, 1).get("metadata");
        assertEquals("knowledge", metadata.get("provider"));
        assertEquals("openai failed: HTTP 503", metadata.get("fallback_reason"));
        Map<String, Object> llmCall = childNamed(reply(turn).get("id"), "chat_completion");
        assertEquals("error", llmCall.get("status"));
        assertFalse(http.get("/api/v1/messages/" + reply(turn).get("id") + "/traces", ADMIN).body().contains(API_KEY));
    }

    private Map<String, Object> storedReply(Map<String, Object> turn, int index) {
        return http.get("/api/v1/sessions/" + turn.get("session_id") + "/messages", null).items().get(index);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> childNamed(Object messageId, String name) {
        Map<String, Object> traces = http.get("/api/v1/messages/" + messageId + "/traces", ADMIN).map();
        Map<String, Object> root = (Map<String, Object>) ((List<Map<String, Object>>) traces.get("trees")).get(0).get("root");
        return ((List<Map<String, Object>>) root.get("children")).stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + root));
    }
}
