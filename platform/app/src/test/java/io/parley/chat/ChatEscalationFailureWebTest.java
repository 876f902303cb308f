package io.parley.chat;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.WebTest;
import io.parley.conversation.api.Escalation;
import io.parley.kernel.Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.parley.chat.ChatClient.body;
import static io.parley.chat.ChatClient.handoff;
import static io.parley.chat.ChatClient.ok;
import static io.parley.chat.ChatClient.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * When escalating fails (the ticketing side throws), the customer still gets the reply, the handoff
 * says {@code failed}, and retrying the turn with its {@code Idempotency-Key} escalates again.
 */
@MicronautTest(transactional = false)
class ChatEscalationFailureWebTest extends WebTest {

    static final UUID TICKET = UUID.fromString("01900000-0000-7000-8000-000000000001");

    final AtomicBoolean failing = new AtomicBoolean(true);
    final List<Caller> callers = new CopyOnWriteArrayList<>();

    ChatClient chat;

    @MockBean(Escalation.class)
    Escalation escalation() {
        return (conversationId, caller, reason) -> {
            callers.add(caller);
            if (failing.get()) {
                throw new IllegalStateException("the ticketing database is down");
            }
            return new Escalation.EscalationResult(TICKET, "T-9001", "PENDING_HUMAN_ASSIGNMENT", "zendesk", "pending", reason, true);
        };
    }

    @BeforeEach
    void client() {
        chat = new ChatClient(http);
        failing.set(true);
        callers.clear();
    }

    @Test
    void a_failed_escalation_is_reported_and_a_retry_with_the_same_key_escalates_again() {
        Map<String, Object> first = ok(chat.send(null, body(null, "I want to talk to a human"), "ask-human"));
        String sessionId = (String) first.get("session_id");
        Map<String, Object> failed = ok(chat.send(null, body(sessionId, "Please get me a representative"), "ask-again"));

        assertEquals(Map.of("recommended", true, "reason", "The customer asked to talk to a person.", "status", "failed"),
                withoutNulls(handoff(failed)));
        assertNull(handoff(failed).get("ticket_id"));

        failing.set(false);
        Map<String, Object> retried = ok(chat.send(null, body(sessionId, "Please get me a representative"), "ask-again"));

        assertEquals(reply(failed), reply(retried), "the same reply, not a second one");
        assertEquals("pending", handoff(retried).get("status"));
        assertEquals("zendesk", handoff(retried).get("provider"));
        assertEquals(TICKET.toString(), handoff(retried).get("ticket_id"));
        assertEquals("T-9001", handoff(retried).get("ticket_number"));
        assertEquals(4, Fixtures.queryLong("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?",
                ChatClient.conversationId(first)));
        assertEquals(List.of(Caller.guest(sessionId), Caller.guest(sessionId), Caller.guest(sessionId)), callers,
                "the guest escalates its own conversation, once per turn that recommends it");
    }

    private static Map<?, ?> withoutNulls(Map<String, Object> map) {
        Map<Object, Object> copy = new java.util.LinkedHashMap<>(map);
        copy.values().removeIf(java.util.Objects::isNull);
        return copy;
    }
}
