package io.parley.conversation.web;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** docs/api.md: {@code PUT .../feedback {rating: 0..5, comment?}} → 200; one per conversation, a repeat replaces it. */
@MicronautTest(transactional = false)
class FeedbackWebTest extends WebTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    ConversationClient api;
    String owner;
    String id;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void conversation() {
        api = new ConversationClient(http);
        owner = ConversationClient.userToken("alice");
        id = api.startId(owner);
    }

    TestHttp.Reply put(String token, String body) {
        return api.http().put("/api/v1/conversations/" + id + "/feedback", token, body);
    }

    @Test
    void feedback_is_200_with_the_stored_rating() {
        TestHttp.Reply reply = put(owner, "{\"rating\":4,\"comment\":\"Quick and kind\"}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(Set.of("conversation_id", "rating", "comment", "redactions", "created_at", "updated_at"), reply.map().keySet());
        assertEquals(id, reply.field("conversation_id"));
        assertEquals(4, ((Number) reply.field("rating")).intValue());
        assertEquals("Quick and kind", reply.field("comment"));
        assertEquals("2026-11-23T12:00:00Z", reply.field("created_at"));
    }

    @Test
    void a_repeat_replaces_the_one_feedback_of_the_conversation() {
        put(owner, "{\"rating\":2,\"comment\":\"slow\"}");
        clock.advance(Duration.ofMinutes(3));
        TestHttp.Reply again = put(owner, "{\"rating\":0}");

        assertEquals(0, ((Number) again.field("rating")).intValue());
        assertNull(again.field("comment"));
        assertEquals("2026-11-23T12:00:00Z", again.field("created_at"));
        assertEquals("2026-11-23T12:03:00Z", again.field("updated_at"));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM conversation.feedback WHERE conversation_id = ?", UUID.fromString(id)));
    }

    @Test
    void a_closed_conversation_can_still_be_rated() {
        api.close(owner, id);
        assertEquals(200, put(owner, "{\"rating\":5}").status());
    }

    @Test
    void the_rating_is_a_whole_number_from_0_to_5_and_the_comment_at_most_2000_characters() {
        assertProblem(put(owner, "{\"rating\":6}"), 422);
        assertProblem(put(owner, "{\"rating\":-1}"), 422);
        assertProblem(put(owner, "{\"rating\":4.5}"), 422);
        assertProblem(put(owner, "{}"), 422);
        assertProblem(put(owner, "{\"rating\":\"4\"}"), 400);
        assertProblem(put(owner, "{\"rating\":true}"), 400);
        assertProblem(put(owner, "{\"rating\":3,\"comment\":\"" + "c".repeat(2001) + "\"}"), 422);
        assertProblem(put(owner, "{\"rating\":3,\"comment\":\"nul \\u0000 here\"}"), 422);
        assertEquals(200, put(owner, "{\"rating\":3,\"comment\":\"" + "c".repeat(2000) + "\"}").status());
    }

    @Test
    void only_the_customer_rates() {
        assertProblem(put(TestTokens.withRoles("root", "admin"), "{\"rating\":5}"), 403);
        assertProblem(put(TestTokens.withRoles("bot", "service"), "{\"rating\":5}"), 403);
        assertProblem(put(ConversationClient.userToken("bob"), "{\"rating\":1}"), 404);
        assertProblem(put(null, "{\"rating\":1}"), 401);
    }

    @Test
    void a_secret_in_the_comment_is_redacted_before_it_is_stored() {
        TestHttp.Reply reply = put(owner, "{\"rating\":1,\"comment\":\"charged twice on 4111 1111 1111 1111\"}");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("charged twice on [REDACTED:CARD]", reply.field("comment"));
        assertEquals(1, ((Number) reply.field("redactions")).intValue());
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM conversation.feedback WHERE conversation_id = ? AND comment LIKE '%4111%'",
                UUID.fromString(id)));
    }
}
