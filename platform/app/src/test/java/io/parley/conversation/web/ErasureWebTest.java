package io.parley.conversation.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Concurrently;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.kernel.Ids;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md: erasure of a conversation and of everything of a user; all that hangs off them goes too. */
@MicronautTest(transactional = false)
class ErasureWebTest extends WebTest {

    ConversationClient api;

    @BeforeEach
    void client() {
        api = new ConversationClient(http);
    }

    /** A conversation with a message, feedback, an agent trace, a ticket and a handoff: everything that can hang off one. */
    UUID fullConversation(String token) {
        String id = api.startId(token);
        String messageId = (String) api.appendOk(token, id, "user", "my address is 1 Main St").get("id");
        http.put("/api/v1/conversations/" + id + "/feedback", token, "{\"rating\":3}");
        UUID conversation = UUID.fromString(id);
        Fixtures.execute("""
                INSERT INTO tracing.agent_traces (id, trace_id, conversation_id, message_id, agent_type, operation_type, name, status, started_at)
                VALUES (?, ?, ?, ?, 'router', 'llm_call', 'answer', 'ok', now())
                """, Ids.newId(), Ids.newId(), conversation, UUID.fromString(messageId));
        UUID ticket = Ids.newId();
        Fixtures.execute("""
                INSERT INTO ticketing.tickets (id, conversation_id, status, description, initial_summary)
                VALUES (?, ?, 'PENDING_HUMAN_ASSIGNMENT', 'customer says: my address is 1 Main St', 'address')
                """, ticket, conversation);
        Fixtures.execute("""
                INSERT INTO ticketing.handoffs (id, ticket_id, conversation_id, provider, next_attempt_at)
                VALUES (?, ?, ?, 'internal', now())
                """, Ids.newId(), ticket, conversation);
        return conversation;
    }

    static long rowsOf(UUID conversation) {
        return Fixtures.queryLong("""
                SELECT (SELECT count(*) FROM conversation.conversations WHERE id = ?)
                     + (SELECT count(*) FROM conversation.messages WHERE conversation_id = ?)
                     + (SELECT count(*) FROM conversation.feedback WHERE conversation_id = ?)
                     + (SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = ?)
                     + (SELECT count(*) FROM ticketing.handoffs WHERE conversation_id = ?)
                     + (SELECT count(*) FROM ticketing.tickets WHERE conversation_id = ?)
                     + (SELECT count(*) FROM ticketing.tickets WHERE description LIKE '%1 Main St%')
                """, conversation, conversation, conversation, conversation, conversation, conversation);
    }

    @Test
    void erasing_a_conversation_removes_it_and_everything_hanging_off_it() {
        String token = ConversationClient.userToken("alice");
        UUID conversation = fullConversation(token);
        assertEquals(7, rowsOf(conversation));

        TestHttp.Reply reply = http.delete("/api/v1/conversations/" + conversation, token);

        assertEquals(204, reply.status(), reply::toString);
        assertEquals("", reply.body());
        assertEquals(0, rowsOf(conversation));
        assertProblem(http.get("/api/v1/conversations/" + conversation, token), 404);
        assertProblem(http.delete("/api/v1/conversations/" + conversation, token), 404);
    }

    @Test
    void only_the_owner_or_an_admin_erases() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        assertProblem(http.delete("/api/v1/conversations/" + id, ConversationClient.userToken("bob")), 404);
        assertProblem(http.delete("/api/v1/conversations/" + id, TestTokens.withRoles("bot", "service")), 403);
        assertProblem(http.delete("/api/v1/conversations/" + id, null), 401);
        assertEquals(200, http.get("/api/v1/conversations/" + id, token).status());
        assertEquals(204, http.delete("/api/v1/conversations/" + id, TestTokens.withRoles("root", "admin")).status());
    }

    @Test
    void erasing_me_removes_every_conversation_of_mine_and_my_user_row_but_nobody_elses() {
        String subject = ConversationClient.subject("alice");
        String token = TestTokens.user(subject);
        UUID first = fullConversation(token);
        UUID second = fullConversation(token);
        String third = api.startId(token);
        api.close(token, third);
        String bobs = api.startId(ConversationClient.userToken("bob"));

        TestHttp.Reply reply = http.delete("/api/v1/users/me", token);

        assertEquals(204, reply.status(), reply::toString);
        assertEquals(0, rowsOf(first) + rowsOf(second) + rowsOf(UUID.fromString(third)));
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM conversation.users WHERE external_id = ?", subject));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM conversation.conversations WHERE id = ?", UUID.fromString(bobs)));
        assertEquals(List.of(), http.get("/api/v1/conversations", token).items());
        assertEquals(204, http.delete("/api/v1/users/me", token).status(), "erasing nothing is fine");
    }

    @Test
    void erasing_me_while_i_start_conversations_never_fails_and_leaves_no_orphan() {
        String subject = ConversationClient.subject("racer");
        String token = TestTokens.user(subject);
        api.startId(token);

        List<TestHttp.Reply> replies = Concurrently.run(24, i -> i % 3 == 0
                ? http.delete("/api/v1/users/me", token)
                : http.post("/api/v1/conversations", token, "{\"channel\":\"web\"}"));

        for (TestHttp.Reply reply : replies) {
            assertTrue(reply.status() == 201 || reply.status() == 204, reply::toString);
        }
        long orphans = Fixtures.queryLong("""
                SELECT count(*) FROM conversation.conversations c
                 WHERE c.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM conversation.users u WHERE u.id = c.user_id)
                """);
        assertEquals(0, orphans, "every conversation that survived the race still has its owner row");
    }

    @Test
    void erasing_me_needs_a_token() {
        assertProblem(http.delete("/api/v1/users/me", null), 401);
    }
}
