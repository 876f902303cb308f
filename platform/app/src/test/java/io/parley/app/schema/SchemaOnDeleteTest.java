package io.parley.app.schema;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What each foreign key's ON DELETE does to the {@link World} (the reasons are the migrations' comments):
 * a conversation takes its messages, feedback, traces and handoff with it (erasure, retention), while
 * its ticket outlives it, unlinked and anonymised; erasing a user erases their conversations and
 * unlinks them from tickets; a ticket takes its history and handoff.
 */
class SchemaOnDeleteTest {

    private SchemaSession session;

    @BeforeAll
    void open() {
        session = SchemaSession.open();
    }

    @BeforeEach
    void world() {
        session.begin();
        World.create(session);
    }

    @AfterEach
    void undo() {
        session.undo();
    }

    @AfterAll
    void close() {
        session.close();
    }

    @Test
    void deleting_a_conversation_deletes_its_messages_feedback_traces_and_handoff() {
        session.execute("DELETE FROM conversation.conversations WHERE id = :c1");

        assertEquals(0, session.count("SELECT count(*) FROM conversation.messages WHERE conversation_id = :c1"));
        assertEquals(0, session.count("SELECT count(*) FROM conversation.feedback WHERE conversation_id = :c1"));
        assertEquals(0, session.count("SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = :c1"));
        assertEquals(0, session.count("SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = :c1"));
        assertEquals(2, session.count("SELECT count(*) FROM conversation.conversations WHERE id IN (:c2, :c3)"), "other conversations stay");
    }

    @Test
    void deleting_a_conversation_keeps_its_ticket_unlinked_and_anonymised() {
        Map<String, Object> before = ticket("t1");

        session.execute("DELETE FROM conversation.conversations WHERE id = :c1");

        Map<String, Object> after = ticket("t1");
        assertNull(after.get("conversation_id"));
        assertNull(after.get("description"));
        assertNull(after.get("escalation_reason"));
        assertNull(after.get("initial_summary"));
        assertEquals("{}", after.get("metadata"));
        for (String kept : List.of("number", "status", "priority", "client_id", "assignee_id", "opened_at", "assigned_at", "version")) {
            assertEquals(before.get(kept), after.get(kept), kept + " is the ticket's shape and stays for the statistics");
        }
        assertEquals(2, session.count("SELECT count(*) FROM ticketing.ticket_events WHERE ticket_id = :t1"), "the history stays");
        assertEquals(0, session.count("SELECT count(*) FROM ticketing.ticket_events WHERE ticket_id = :t1 AND reason IS NOT NULL"),
                "without what the customer said");

        Map<String, Object> untouched = ticket("t2");
        assertEquals("Second question", untouched.get("description"), "only the orphaned ticket is anonymised");
        assertEquals("unsure about the answer", session.value("SELECT reason FROM ticketing.ticket_events WHERE id = :e3"));
    }

    @Test
    void deleting_a_user_deletes_their_conversations_and_unlinks_their_tickets() {
        session.execute("DELETE FROM conversation.users WHERE id = :alice");

        assertEquals(List.of(World.id("c3").toString()), session.strings("SELECT id FROM conversation.conversations"), "only the guest's conversation is left");
        assertEquals(0, session.count("SELECT count(*) FROM conversation.messages"));
        for (String name : List.of("t1", "t2")) {
            Map<String, Object> ticket = ticket(name);
            assertNull(ticket.get("client_id"), name);
            assertNull(ticket.get("conversation_id"), name);
            assertNull(ticket.get("description"), name + " is anonymised with its conversation");
        }
        assertEquals(World.id("bob"), ticket("t1").get("assignee_id"), "the agent still exists");
    }

    @Test
    void deleting_an_agent_unassigns_their_tickets_and_keeps_everything_else() {
        session.execute("DELETE FROM conversation.users WHERE id = :bob");

        Map<String, Object> ticket = ticket("t1");
        assertNull(ticket.get("assignee_id"));
        assertEquals(World.id("c1"), ticket.get("conversation_id"));
        assertEquals("Refund for order 42 by alice@example.com", ticket.get("description"));
    }

    @Test
    void deleting_a_ticket_deletes_its_history_and_handoff_but_not_its_conversation() {
        session.execute("DELETE FROM ticketing.tickets WHERE id = :t1");

        assertEquals(0, session.count("SELECT count(*) FROM ticketing.ticket_events WHERE ticket_id = :t1"));
        assertEquals(0, session.count("SELECT count(*) FROM ticketing.handoffs WHERE ticket_id = :t1"));
        assertEquals(1, session.count("SELECT count(*) FROM conversation.conversations WHERE id = :c1"));
        assertEquals(2, session.count("SELECT count(*) FROM conversation.messages WHERE conversation_id = :c1"));
    }

    @Test
    void deleting_a_message_deletes_the_spans_recorded_for_it() {
        session.execute("DELETE FROM conversation.messages WHERE id = :m2");

        assertEquals(0, session.count("SELECT count(*) FROM tracing.agent_traces WHERE message_id = :m2"));
    }

    @Test
    void a_ticket_is_anonymised_only_when_it_loses_its_conversation() {
        session.execute("UPDATE ticketing.tickets SET priority = 'urgent', status = 'OPEN_AI_HANDLING' WHERE id = :t2");

        assertEquals("Second question", ticket("t2").get("description"));
        assertEquals("unsure about the answer", session.value("SELECT reason FROM ticketing.ticket_events WHERE id = :e3"));
    }

    private Map<String, Object> ticket(String name) {
        return session.rows("""
                SELECT number, status, priority, conversation_id, client_id, assignee_id, description, escalation_reason,
                       initial_summary, metadata::text AS metadata, version, opened_at, assigned_at
                  FROM ticketing.tickets WHERE id = :%s
                """.formatted(name)).get(0);
    }
}
