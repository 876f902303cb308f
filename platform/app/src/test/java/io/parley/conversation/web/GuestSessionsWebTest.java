package io.parley.conversation.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.conversation.application.port.in.StartConversationCommand;
import io.parley.conversation.application.port.in.StartConversationUseCase;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md "Guests": no token, the session id is the capability for that one conversation and nothing else. */
@MicronautTest(transactional = false)
class GuestSessionsWebTest extends WebTest {

    @Inject
    StartConversationUseCase startConversation;
    ConversationClient api;
    Conversation guest;
    String base;

    @BeforeEach
    void guestConversation() {
        api = new ConversationClient(http);
        // the chat's front door (a later issue) starts guest conversations through this use case
        guest = startConversation.start(StartConversationCommand.of("web", "fr-FR", null), Caller.anonymous());
        base = "/api/v1/sessions/" + guest.sessionId();
    }

    @Test
    void a_guest_reads_its_conversation_without_a_token() {
        TestHttp.Reply reply = http.get(base, null);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(guest.id().toString(), reply.field("id"));
        assertEquals(guest.sessionId(), reply.field("session_id"));
        assertTrue(reply.map().containsKey("user_id"));
        assertNull(reply.field("user_id"));
        assertEquals("fr-FR", reply.field("locale"));
    }

    @Test
    void a_guest_writes_user_messages_and_reads_them_back() {
        TestHttp.Reply posted = http.post(base + "/messages", null, "{\"role\":\"user\",\"content\":\"Bonjour\"}");
        assertEquals(201, posted.status(), posted::toString);
        assertEquals(1, ((Number) posted.field("seq")).intValue());
        assertProblem(http.post(base + "/messages", null, "{\"role\":\"assistant\",\"content\":\"I am the bot\"}"), 403);

        TestHttp.Reply page = http.get(base + "/messages", null);
        assertEquals(200, page.status(), page::toString);
        assertEquals(List.of("Bonjour"), page.items().stream().map(item -> item.get("content")).toList());
        assertEquals("Bonjour", http.get(base, null).field("summary"));
    }

    @Test
    void a_guests_message_without_a_role_is_a_user_message() {
        TestHttp.Reply posted = http.post(base + "/messages", null, "{\"content\":\"no role given\"}");
        assertEquals(201, posted.status(), posted::toString);
        assertEquals("user", posted.field("role"));
    }

    @Test
    void a_guests_repeated_idempotency_key_replays() {
        var first = http.send("POST", base + "/messages", null, "application/json",
                "{\"role\":\"user\",\"content\":\"once\"}".getBytes(), Map.of("Idempotency-Key", "g-1"));
        var again = http.send("POST", base + "/messages", null, "application/json",
                "{\"role\":\"user\",\"content\":\"once\"}".getBytes(), Map.of("Idempotency-Key", "g-1"));
        assertEquals(201, first.status(), first::toString);
        assertEquals(200, again.status(), again::toString);
        assertEquals(first.field("id"), again.field("id"));
    }

    @Test
    void a_guest_exports_its_transcript_and_rates_the_conversation() {
        http.post(base + "/messages", null, "{\"role\":\"user\",\"content\":\"Merci\"}");
        TestHttp.Reply transcript = http.get(base + "/transcript?format=markdown", null);
        assertEquals(200, transcript.status(), transcript::toString);
        assertTrue(transcript.contentType().startsWith("text/markdown"), transcript::toString);
        assertTrue(transcript.body().contains("> Merci"), transcript::toString);

        TestHttp.Reply feedback = http.put(base + "/feedback", null, "{\"rating\":5,\"comment\":\"Parfait\"}");
        assertEquals(200, feedback.status(), feedback::toString);
        assertEquals(5, ((Number) feedback.field("rating")).intValue());
    }

    @Test
    void a_closed_guest_conversation_takes_no_message_but_still_takes_feedback() {
        api.close(TestTokens.withRoles("root", "admin"), guest.id().toString());
        assertProblem(http.post(base + "/messages", null, "{\"role\":\"user\",\"content\":\"hello?\"}"), 409);
        assertEquals(200, http.put(base + "/feedback", null, "{\"rating\":1}").status());
    }

    @Test
    void the_session_id_also_works_next_to_a_token() {
        // a guest who signed in meanwhile still holds the capability of the conversation they started as a guest
        TestHttp.Reply reply = http.get(base, ConversationClient.userToken("later-signed-in"));
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void an_invalid_token_is_401_even_on_a_guest_route() {
        assertProblem(http.get(base, TestTokens.expired("someone")), 401);
    }

    @Test
    void unknown_malformed_and_user_owned_sessions_are_all_the_same_404() {
        String owned = (String) api.start(ConversationClient.userToken("alice")).get("session_id");
        Map<String, Object> unknown = assertProblem(http.get("/api/v1/sessions/" + Ids.newSessionId(), null), 404);
        assertEquals(unknown, assertProblem(http.get("/api/v1/sessions/" + owned, null), 404));
        assertEquals(unknown, assertProblem(http.get("/api/v1/sessions/short", null), 404));
        assertEquals(unknown, assertProblem(http.get("/api/v1/sessions/" + "x".repeat(129), null), 404));
        assertEquals(unknown, assertProblem(http.get("/api/v1/sessions/" + owned + "/messages", null), 404));
        assertEquals(unknown, assertProblem(http.put("/api/v1/sessions/" + owned + "/feedback", null, "{\"rating\":5}"), 404));
    }

    @Test
    void a_guest_conversation_is_not_reachable_by_id_without_the_right_role() {
        assertProblem(http.get("/api/v1/conversations/" + guest.id(), null), 401);
        assertProblem(http.get("/api/v1/conversations/" + guest.id(), ConversationClient.userToken("bob")), 404);
        assertEquals(200, http.get("/api/v1/conversations/" + guest.id(), TestTokens.withRoles("bot", "service")).status());
    }

    @Test
    void staff_reading_a_guest_conversation_never_see_the_guests_session_id() {
        for (String staff : new String[]{TestTokens.withRoles("bot", "service"), TestTokens.withRoles("root", "admin")}) {
            TestHttp.Reply reply = http.get("/api/v1/conversations/" + guest.id(), staff);
            assertEquals(200, reply.status(), reply::toString);
            assertTrue(reply.map().containsKey("session_id"));
            assertNull(reply.field("session_id"));
            TestHttp.Reply transcript = http.get("/api/v1/conversations/" + guest.id() + "/transcript?format=json", staff);
            assertEquals(200, transcript.status(), transcript::toString);
            assertTrue(!transcript.body().contains(guest.sessionId()), transcript::toString);
        }
        assertTrue(http.get(base + "/transcript?format=json", null).body().contains(guest.sessionId()), "the guest sees its own");
    }
}
