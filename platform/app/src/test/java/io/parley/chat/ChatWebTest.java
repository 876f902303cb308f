package io.parley.chat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Concurrently;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.chat.assistant.SeedArticles;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static io.parley.chat.ChatClient.body;
import static io.parley.chat.ChatClient.conversationId;
import static io.parley.chat.ChatClient.handoff;
import static io.parley.chat.ChatClient.message;
import static io.parley.chat.ChatClient.ok;
import static io.parley.chat.ChatClient.reply;
import static io.parley.chat.ChatClient.seq;
import static io.parley.chat.ChatClient.sources;
import static io.parley.chat.ChatClient.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/api.md "Chat" with the default (knowledge) assistant over the bundled articles and real PostgreSQL:
 * guests and users, isolation, answers with sources, handoffs that open exactly one ticket, the
 * turn's trace, and idempotent retries.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
class ChatWebTest extends WebTest {

    static final String PASSWORD = "How do I reset my password?";
    static final String CHARGED_TWICE = "I was charged twice for my order";
    static final String UNANSWERABLE = "Can I pay with bitcoin?";
    static final String HUMAN = "Please connect me with a human agent";
    static final String ADMIN = TestTokens.withRoles("chat-admin", "admin");

    @Inject
    ManageKnowledgeUseCase knowledge;
    ChatClient chat;
    private boolean seeded;

    @BeforeEach
    void client() {
        if (!seeded) {
            SeedArticles.load(knowledge, json);
            seeded = true;
        }
        chat = new ChatClient(http);
    }

    // --- guests ----------------------------------------------------------------------------

    @Test
    void a_guest_first_turn_starts_a_conversation_and_answers_from_the_matching_article() {
        Map<String, Object> turn = chat.first(null, PASSWORD);

        String sessionId = (String) turn.get("session_id");
        assertTrue(sessionId.matches("[A-Za-z0-9_-]{32,}"), "an unguessable session id (192 random bits): " + sessionId);
        assertNotNull(conversationId(turn));
        Map<String, Object> message = message(turn);
        assertEquals(1, seq(message));
        assertEquals("user", message.get("role"));
        assertEquals(PASSWORD, message.get("content"));
        assertEquals(0, ((Number) message.get("redactions")).intValue());
        Map<String, Object> reply = reply(turn);
        assertEquals(2, seq(reply));
        assertEquals("assistant", reply.get("role"));
        assertTrue(((String) reply.get("content")).contains("\u201cResetting a forgotten password\u201d"), reply::toString);
        assertEquals("account.password_reset", reply.get("intent"));
        double confidence = ((Number) reply.get("confidence")).doubleValue();
        assertTrue(confidence >= 0.5 && confidence <= 1, "answered from the knowledge base: " + confidence);
        assertEquals(1, sources(turn).size());
        assertEquals("Resetting a forgotten password", sources(turn).get(0).get("title"));
        UUID.fromString((String) sources(turn).get(0).get("document_id"));
        assertTrue(turn.containsKey("handoff"));
        assertNull(turn.get("handoff"), "an answer needs no person");
    }

    @Test
    void a_guest_second_turn_continues_the_same_conversation_by_its_session_id() {
        Map<String, Object> first = chat.first(null, PASSWORD);
        String sessionId = (String) first.get("session_id");

        Map<String, Object> second = chat.next(null, sessionId, CHARGED_TWICE);

        assertEquals(sessionId, second.get("session_id"));
        assertEquals(first.get("conversation_id"), second.get("conversation_id"));
        assertEquals(3, seq(message(second)));
        assertEquals(4, seq(reply(second)));
        assertEquals("billing.duplicate_charge", reply(second).get("intent"));
        assertEquals("Why was I charged twice?", sources(second).get(0).get("title"));

        TestHttp.Reply messages = http.get("/api/v1/sessions/" + sessionId + "/messages", null);
        assertEquals(List.of("user", "assistant", "user", "assistant"), messages.items().stream().map(m -> m.get("role")).toList());
        Map<String, Object> stored = messages.items().get(3);
        assertEquals(reply(second).get("id"), stored.get("id"));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) stored.get("metadata");
        assertEquals(message(second).get("id"), metadata.get("in_reply_to"));
        assertEquals("knowledge", metadata.get("provider"));
        assertEquals(sources(second), metadata.get("sources"));
        assertEquals(Map.of("recommended", false), withoutNulls(metadata.get("handoff")));
        assertTrue(!metadata.containsKey("fallback_reason"), "the configured provider answered");
    }

    @Test
    void channel_and_locale_shape_the_new_conversation_and_metadata_goes_on_every_customer_message() {
        Map<String, Object> first = ok(chat.send(null, object("message", PASSWORD, "channel", "mobile", "locale", "de-DE",
                "metadata", object("page", "/help")), null));
        String sessionId = (String) first.get("session_id");
        ok(chat.send(null, object("session_id", sessionId, "message", CHARGED_TWICE, "channel", "email", "locale", "fr-FR",
                "metadata", object("page", "/billing")), null));

        Map<String, Object> conversation = http.get("/api/v1/sessions/" + sessionId, null).map();
        assertEquals("mobile", conversation.get("channel"), "channel only matters on the first turn");
        assertEquals("de-DE", conversation.get("locale"));
        assertEquals(PASSWORD, conversation.get("summary"));
        List<Map<String, Object>> messages = http.get("/api/v1/sessions/" + sessionId + "/messages", null).items();
        assertEquals(Map.of("page", "/help"), messages.get(0).get("metadata"));
        assertEquals(Map.of("page", "/billing"), messages.get(2).get("metadata"));
    }

    @Test
    void secrets_in_the_message_are_redacted_before_the_assistant_or_the_database_see_them() {
        Map<String, Object> turn = chat.first(null, "my card 4111 1111 1111 1111 was charged twice");

        assertEquals("my card [REDACTED:CARD] was charged twice", message(turn).get("content"));
        assertEquals(1, ((Number) message(turn).get("redactions")).intValue());
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM conversation.messages WHERE content LIKE '%4111%'"));
    }

    @Test
    void no_message_content_reaches_a_log_line() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        try {
            Map<String, Object> first = chat.first(null, "Zebra-unicorn question about my password");
            chat.next(null, (String) first.get("session_id"), "Quokka wants a human agent");
        } finally {
            root.detachAppender(logs);
            root.setLevel(level);
        }
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage();
            assertTrue(!line.contains("Zebra") && !line.contains("Quokka") && !line.contains("I'm bringing in a person"), line);
        }
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("chat turn in conversation")),
                "the turn is logged, by ids");
    }

    // --- users -----------------------------------------------------------------------------

    @Test
    void a_user_turns_make_a_conversation_of_their_own() {
        String alice = subject("chat-alice");
        String token = TestTokens.user(alice);

        Map<String, Object> first = chat.first(token, PASSWORD);
        Map<String, Object> second = chat.next(token, (String) first.get("session_id"), CHARGED_TWICE);

        assertEquals(first.get("conversation_id"), second.get("conversation_id"));
        assertEquals(4, seq(reply(second)));
        TestHttp.Reply conversation = http.get("/api/v1/conversations/" + first.get("conversation_id"), token);
        assertEquals(200, conversation.status(), conversation::toString);
        assertEquals(Fixtures.queryUuid("SELECT id FROM conversation.users WHERE external_id = ?", alice).toString(),
                conversation.field("user_id"));
        assertEquals(4, ((Number) conversation.field("message_count")).intValue());
        assertEquals(1, http.get("/api/v1/conversations", token).items().size());
    }

    @Test
    void someone_elses_session_is_404_for_another_user_a_guest_and_staff_and_nothing_is_written() {
        String owner = TestTokens.user(subject("chat-owner"));
        Map<String, Object> first = chat.first(owner, PASSWORD);
        String sessionId = (String) first.get("session_id");

        for (String token : new String[]{TestTokens.user(subject("chat-mallory")), null, ADMIN,
                TestTokens.withRoles(subject("chat-agent"), "agent"), TestTokens.withRoles(subject("chat-ai"), "service")}) {
            assertProblem(chat.send(token, body(sessionId, CHARGED_TWICE), null), 404);
        }
        assertEquals(2, Fixtures.queryLong("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", conversationId(first)));
    }

    @Test
    void unknown_empty_and_malformed_session_ids_are_404() {
        assertProblem(chat.send(null, body("x".repeat(32), PASSWORD), null), 404);
        assertProblem(chat.send(null, body("not a session id!", PASSWORD), null), 404);
        assertProblem(chat.send(TestTokens.user(subject("chat-bob")), body("", PASSWORD), null), 404);
    }

    @Test
    void a_closed_conversation_answers_409_and_stays_as_it_was() {
        Map<String, Object> first = chat.first(null, PASSWORD);
        Fixtures.close(conversationId(first));

        assertProblem(chat.send(null, body((String) first.get("session_id"), CHARGED_TWICE), null), 409);

        assertEquals(2, Fixtures.queryLong("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", conversationId(first)));
    }

    // --- handoff ---------------------------------------------------------------------------

    @Test
    void a_question_no_article_answers_is_handed_to_a_person_with_exactly_one_ticket_and_a_pending_handoff() {
        Map<String, Object> turn = chat.first(null, UNANSWERABLE);

        Map<String, Object> handoff = handoff(turn);
        assertNotNull(handoff, turn::toString);
        assertEquals(true, handoff.get("recommended"));
        assertTrue(((String) handoff.get("reason")).startsWith("No help article matched the question"), handoff::toString);
        assertEquals("internal", handoff.get("provider"));
        assertTrue(((String) handoff.get("ticket_number")).matches("T-\\d+"), handoff::toString);
        assertEquals("pending", handoff.get("status"));
        assertEquals("unknown", reply(turn).get("intent"));
        assertTrue(((Number) reply(turn).get("confidence")).doubleValue() < 0.5);
        assertEquals(List.of(), sources(turn));

        UUID conversation = conversationId(turn);
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation));
        assertEquals(handoff.get("ticket_id"), Fixtures.queryUuid(
                "SELECT id FROM ticketing.tickets WHERE conversation_id = ? AND status = 'PENDING_HUMAN_ASSIGNMENT'", conversation).toString());
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = ? AND status = 'pending'", conversation));
        TestHttp.Reply ticket = http.get("/api/v1/sessions/" + turn.get("session_id") + "/ticket", null);
        assertEquals(200, ticket.status(), ticket::toString);
        assertEquals(handoff.get("ticket_number"), ticket.field("number"));
    }

    @Test
    void asking_for_a_human_hands_off_at_once_and_asking_again_keeps_the_one_ticket() {
        String token = TestTokens.user(subject("chat-human"));
        Map<String, Object> first = chat.first(token, PASSWORD);
        String sessionId = (String) first.get("session_id");

        Map<String, Object> human = chat.next(token, sessionId, HUMAN);
        Map<String, Object> again = chat.next(token, sessionId, "talk to a person please");

        assertEquals("support.human_agent", reply(human).get("intent"));
        assertEquals("The customer asked to talk to a person.", handoff(human).get("reason"));
        assertEquals("pending", handoff(human).get("status"));
        assertEquals(handoff(human).get("ticket_id"), handoff(again).get("ticket_id"), "one ticket per conversation");
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversationId(first)));
        TestHttp.Reply asAgent = http.get("/api/v1/tickets/" + handoff(human).get("ticket_id"), TestTokens.withRoles(subject("chat-agent"), "agent"));
        assertEquals(200, asAgent.status(), asAgent::toString);
        assertEquals("PENDING_HUMAN_ASSIGNMENT", asAgent.field("status"));
        assertEquals("The customer asked to talk to a person.", asAgent.field("escalation_reason"));
    }

    // --- the turn's trace -------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void the_turn_records_one_trace_linked_to_the_reply_retrieval_answer_and_handoff_decision_under_the_turn() {
        Map<String, Object> turn = chat.first(null, PASSWORD);

        TestHttp.Reply traces = http.get("/api/v1/messages/" + reply(turn).get("id") + "/traces", ADMIN);

        assertEquals(200, traces.status(), traces::toString);
        List<Map<String, Object>> trees = (List<Map<String, Object>>) traces.field("trees");
        assertEquals(1, trees.size(), "one trace per turn");
        Map<String, Object> root = (Map<String, Object>) trees.get(0).get("root");
        assertEquals("chat_turn", root.get("name"));
        assertEquals("parley-assistant", root.get("agent_type"));
        assertEquals(turn.get("conversation_id"), root.get("conversation_id"));
        assertEquals(reply(turn).get("id"), root.get("message_id"));
        Map<String, Object> payload = (Map<String, Object>) root.get("payload");
        assertEquals(message(turn).get("id"), payload.get("in_reply_to"));
        assertEquals("knowledge", payload.get("provider"));
        List<Map<String, Object>> steps = (List<Map<String, Object>>) root.get("children");
        assertEquals(List.of("retrieval", "other", "handoff_decision"), steps.stream().map(s -> s.get("operation_type")).toList());
        assertEquals(List.of("ok", "ok", "ok"), steps.stream().map(s -> s.get("status")).toList());
        for (Map<String, Object> step : steps) {
            assertEquals(reply(turn).get("id"), step.get("message_id"));
            assertNotNull(step.get("started_at"));
            assertNotNull(step.get("ended_at"), "every step is timed");
        }
        assertEquals(false, ((Map<String, Object>) steps.get(2).get("payload")).get("recommended"));
        assertTrue(!traces.body().contains(PASSWORD), "no message content in the trace");
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_handoff_turn_traces_the_decision_and_the_escalation() {
        Map<String, Object> turn = chat.first(null, HUMAN);

        Map<String, Object> trace = http.get("/api/v1/messages/" + reply(turn).get("id") + "/traces", ADMIN).map();

        Map<String, Object> root = (Map<String, Object>) ((List<Map<String, Object>>) trace.get("trees")).get(0).get("root");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) root.get("children");
        assertEquals(List.of("handoff_decision", "escalate"), steps.stream().map(s -> s.get("name")).toList());
        Map<String, Object> escalation = (Map<String, Object>) steps.get(1).get("payload");
        assertEquals(handoff(turn).get("ticket_id"), escalation.get("ticket_id"));
        assertEquals("pending", escalation.get("status"));
    }

    // --- idempotency -----------------------------------------------------------------------

    @Test
    void a_retried_turn_returns_the_first_answer_and_writes_nothing_new() {
        Map<String, Object> first = chat.first(null, PASSWORD);
        String sessionId = (String) first.get("session_id");
        Map<String, Object> turn = ok(chat.send(null, body(sessionId, UNANSWERABLE), "turn-2"));

        Map<String, Object> retry = ok(chat.send(null, body(sessionId, UNANSWERABLE), "turn-2"));

        assertEquals(turn, retry, "same ids, same reply, same handoff");
        UUID conversation = conversationId(first);
        assertEquals(4, Fixtures.queryLong("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", conversation));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation));
        assertEquals(2, Fixtures.queryLong("SELECT count(DISTINCT trace_id) FROM tracing.agent_traces WHERE conversation_id = ?", conversation),
                "one trace per turn, none for the retry");
    }

    @Test
    void the_same_key_with_another_message_is_422_and_writes_nothing() {
        Map<String, Object> first = chat.first(null, PASSWORD);
        String sessionId = (String) first.get("session_id");
        ok(chat.send(null, body(sessionId, CHARGED_TWICE), "k-1"));

        Map<String, Object> problem = assertProblem(chat.send(null, body(sessionId, "something else"), "k-1"), 422);

        assertTrue(problem.toString().contains("Idempotency-Key"), problem::toString);
        assertEquals(4, Fixtures.queryLong("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", conversationId(first)));
    }

    @Test
    void concurrent_duplicates_of_a_turn_store_one_message_one_reply_and_one_ticket() {
        Map<String, Object> first = chat.first(null, PASSWORD);
        String sessionId = (String) first.get("session_id");

        List<TestHttp.Reply> replies = Concurrently.run(10, i -> chat.send(null, body(sessionId, HUMAN), "race"));

        Set<Object> answers = new HashSet<>();
        for (TestHttp.Reply reply : replies) {
            answers.add(ok(reply));
        }
        assertEquals(1, answers.size(), "every duplicate gets the first answer: " + answers);
        UUID conversation = conversationId(first);
        assertEquals(4, Fixtures.queryLong("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", conversation));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?", conversation));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = ?", conversation));
        assertEquals(2, Fixtures.queryLong("SELECT count(DISTINCT trace_id) FROM tracing.agent_traces WHERE conversation_id = ?", conversation));
    }

    @Test
    void a_users_retried_first_turn_with_a_key_continues_the_conversation_it_started_also_when_concurrent() {
        String subject = subject("chat-retry");
        String token = TestTokens.user(subject);

        List<TestHttp.Reply> replies = Concurrently.run(8, i -> chat.send(token, body(null, PASSWORD), "first-turn"));
        Map<String, Object> later = ok(chat.send(token, body(null, PASSWORD), "first-turn"));

        for (TestHttp.Reply reply : replies) {
            assertEquals(later, ok(reply));
        }
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM conversation.conversations c JOIN conversation.users u ON u.id = c.user_id "
                + "WHERE u.external_id = ?", subject));
        assertProblem(chat.send(token, body(null, CHARGED_TWICE), "first-turn"), 422);
    }

    @Test
    void first_turns_without_a_key_or_from_guests_are_separate_conversations() {
        String token = TestTokens.user(subject("chat-twice"));

        Map<String, Object> one = chat.first(token, PASSWORD);
        Map<String, Object> two = chat.first(token, PASSWORD);
        Map<String, Object> guestOne = ok(chat.send(null, body(null, PASSWORD), "guest-key"));
        Map<String, Object> guestTwo = ok(chat.send(null, body(null, PASSWORD), "guest-key"));

        assertTrue(!one.get("conversation_id").equals(two.get("conversation_id")), "two first turns, two conversations");
        assertTrue(!guestOne.get("session_id").equals(guestTwo.get("session_id")),
                "a guest has no identity before its session id: each first turn is a new conversation");
    }

    private static Map<?, ?> withoutNulls(Object map) {
        Map<Object, Object> copy = new LinkedHashMap<>((Map<?, ?>) map);
        copy.values().removeIf(Objects::isNull);
        return copy;
    }
}
