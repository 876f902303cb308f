package io.parley.chat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.chat.assistant.SeedArticles;
import io.parley.knowledge.application.port.in.ManageKnowledgeUseCase;
import io.parley.ticketing.TicketingApi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.parley.app.support.TestHttp.object;
import static io.parley.chat.ChatClient.body;
import static io.parley.chat.ChatClient.handoff;
import static io.parley.chat.ChatClient.message;
import static io.parley.chat.ChatClient.ok;
import static io.parley.chat.ChatClient.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * docs/api.md "Who answers": the conversation's ticket decides. While a person holds the conversation
 * (PENDING_HUMAN_ASSIGNMENT, ACTIVE_HUMAN_CHAT) a chat turn stores the customer's message and answers
 * {@code reply: null} with the current handoff, and the assistant writes and escalates nothing; after the
 * ticket closes the assistant answers again, and asking for a person again reopens the same ticket.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
class ChatWhoAnswersWebTest extends WebTest {

    static final String HUMAN = "Please connect me with a human agent";
    static final String PASSWORD = "How do I reset my password?";

    @Inject
    ManageKnowledgeUseCase knowledge;
    ChatClient chat;
    TicketingApi tickets;
    private boolean seeded;

    @BeforeEach
    void client() {
        if (!seeded) {
            SeedArticles.load(knowledge, json);
            seeded = true;
        }
        chat = new ChatClient(http);
        tickets = new TicketingApi(http);
    }

    /** A guest conversation handed to a person: its session id and ticket. */
    record Escalated(String session, String conversationId, String ticketId) {
    }

    Escalated escalatedGuest() {
        Map<String, Object> first = chat.first(null, PASSWORD);
        String session = (String) first.get("session_id");
        Map<String, Object> asked = chat.next(null, session, HUMAN);
        assertEquals("pending", handoff(asked).get("status"), asked::toString);
        return new Escalated(session, (String) first.get("conversation_id"), (String) handoff(asked).get("ticket_id"));
    }

    long rows(String sql, String conversationId) {
        return Fixtures.queryLong(sql, conversationId);
    }

    long assistantMessages(String conversationId) {
        return rows("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?::uuid AND role = 'assistant'", conversationId);
    }

    long ticketEvents(String conversationId) {
        return rows("SELECT count(*) FROM ticketing.ticket_events WHERE ticket_id = (SELECT id FROM ticketing.tickets"
                + " WHERE conversation_id = ?::uuid)", conversationId);
    }

    @Test
    void while_the_ticket_waits_for_a_person_the_assistant_stays_silent() {
        Escalated talk = escalatedGuest();
        long replies = assistantMessages(talk.conversationId());
        long events = ticketEvents(talk.conversationId());

        Map<String, Object> turn = chat.next(null, talk.session(), "Are you there? " + HUMAN);

        assertNull(reply(turn), turn::toString);
        assertEquals("Are you there? " + HUMAN, message(turn).get("content"));
        assertEquals(talk.ticketId(), handoff(turn).get("ticket_id"));
        assertEquals("pending", handoff(turn).get("status"));
        assertEquals(true, handoff(turn).get("recommended"));
        assertEquals(replies, assistantMessages(talk.conversationId()), "no assistant message");
        assertEquals(1L, rows("SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?::uuid", talk.conversationId()),
                "no second ticket");
        assertEquals(events, ticketEvents(talk.conversationId()), "no new escalation in the history");
    }

    @Test
    void while_an_agent_holds_the_chat_the_assistant_stays_silent_and_the_handoff_is_routed_as_get_handoff_says() {
        Escalated talk = escalatedGuest();
        String agent = TicketingApi.agent("ada");
        assertEquals(200, tickets.move(talk.ticketId(), agent, "ACTIVE_HUMAN_CHAT").status());
        long replies = assistantMessages(talk.conversationId());

        Map<String, Object> turn = chat.next(null, talk.session(), "thanks Ada! it worked");

        assertNull(reply(turn), turn::toString);
        assertEquals("routed", handoff(turn).get("status"));
        Map<String, Object> viaGet = tickets.handoffOfSession(talk.session()).map();
        assertEquals(viaGet.get("status"), handoff(turn).get("status"), "the same status in the chat response and GET .../handoff");
        assertEquals(viaGet.get("ticket_id"), handoff(turn).get("ticket_id"));
        assertEquals(replies, assistantMessages(talk.conversationId()));
    }

    @Test
    void a_retried_turn_while_a_person_holds_the_chat_returns_the_same_message_and_no_reply() {
        Escalated talk = escalatedGuest();

        Map<String, Object> once = ok(chat.send(null, body(talk.session(), "my order number is 1234"), "order-number-1"));
        Map<String, Object> again = ok(chat.send(null, body(talk.session(), "my order number is 1234"), "order-number-1"));

        assertEquals(message(once).get("id"), message(again).get("id"));
        assertNull(reply(again));
        assertEquals(handoff(once), handoff(again));
        assertEquals(1L, rows("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?::uuid AND content = 'my order number is 1234'",
                talk.conversationId()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void after_the_ticket_closes_the_assistant_answers_again_and_a_new_request_reopens_the_same_ticket() {
        Escalated talk = escalatedGuest();
        String agent = TicketingApi.agent("grace");
        assertEquals(200, tickets.move(talk.ticketId(), agent, "ACTIVE_HUMAN_CHAT").status());
        assertEquals(200, tickets.move(talk.ticketId(), agent, "CLOSED_RESOLVED").status());

        Map<String, Object> answered = chat.next(null, talk.session(), PASSWORD);
        assertNotNull(reply(answered), "the assistant answers again after the close");
        assertNull(handoff(answered));

        Map<String, Object> again = chat.next(null, talk.session(), HUMAN);
        assertEquals(talk.ticketId(), handoff(again).get("ticket_id"), "the same ticket, reopened");
        assertEquals("pending", handoff(again).get("status"));
        Map<String, Object> ticket = tickets.get(talk.ticketId(), TicketingApi.ADMIN).map();
        assertEquals("PENDING_HUMAN_ASSIGNMENT", ticket.get("status"));
        assertNull(ticket.get("closed_at"));
        assertNull(ticket.get("assignee_id"));
        List<Map<String, Object>> history = tickets.history(talk.ticketId(), TicketingApi.ADMIN).items();
        Map<String, Object> reopened = history.get(history.size() - 1);
        assertEquals("CLOSED_RESOLVED", reopened.get("from"));
        assertEquals("PENDING_HUMAN_ASSIGNMENT", reopened.get("to"));
        assertNotNull(reopened.get("reason"));

        Map<String, Object> held = chat.next(null, talk.session(), "hello again");
        assertNull(reply(held), "a person holds it again");
    }

    @Test
    void a_guest_who_closes_the_ticket_gets_the_assistant_back() {
        Escalated talk = escalatedGuest();

        TestHttp.Reply closed = tickets.transitionSession(talk.session(), object("to", "CLOSED_BY_CLIENT"));
        assertEquals(200, closed.status(), closed::toString);

        Map<String, Object> turn = chat.next(null, talk.session(), PASSWORD);
        assertNotNull(reply(turn));
        assertEquals("resolved", tickets.handoffOfSession(talk.session()).map().get("status"));
    }

    @Test
    void a_signed_in_customers_turn_is_held_the_same_way() {
        String alice = TestTokens.user(ChatClient.subject("alice"));
        Map<String, Object> first = chat.first(alice, HUMAN);
        String session = (String) first.get("session_id");
        assertEquals("pending", handoff(first).get("status"));

        Map<String, Object> turn = chat.next(alice, session, "still there?");

        assertNull(reply(turn));
        assertEquals(handoff(first).get("ticket_id"), handoff(turn).get("ticket_id"));
    }
}
