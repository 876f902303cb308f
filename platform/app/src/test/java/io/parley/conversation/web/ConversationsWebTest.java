package io.parley.conversation.web;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md "Conversations": create, get, list own (cursor, status, newest updated first), close, summary, exact counters and times. */
@MicronautTest(transactional = false)
class ConversationsWebTest extends WebTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    final MutableClock clock = new MutableClock(T0);
    ConversationClient api;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void client() {
        clock.set(T0);
        api = new ConversationClient(http);
    }

    @Test
    void a_new_conversation_is_201_with_every_field_of_api_md_and_a_location() {
        String subject = ConversationClient.subject("alice");
        TestHttp.Reply reply = api.http().post("/api/v1/conversations", TestTokens.user(subject),
                "{\"channel\":\"mobile\",\"locale\":\"de-CH\",\"metadata\":{\"plan\":\"pro\",\"seats\":3}}");

        assertEquals(201, reply.status(), reply::toString);
        Map<String, Object> body = reply.map();
        assertEquals(Set.of("id", "session_id", "user_id", "channel", "locale", "status", "summary", "message_count", "started_at",
                "updated_at", "ended_at", "metadata"), body.keySet());
        assertEquals("mobile", body.get("channel"));
        assertEquals("de-CH", body.get("locale"));
        assertEquals("open", body.get("status"));
        assertNull(body.get("summary"));
        assertEquals(0, ((Number) body.get("message_count")).intValue());
        assertEquals("2026-11-23T10:00:00Z", body.get("started_at"));
        assertEquals("2026-11-23T10:00:00Z", body.get("updated_at"));
        assertNull(body.get("ended_at"));
        assertEquals(Map.of("plan", "pro", "seats", 3), body.get("metadata"));
        assertTrue(((String) body.get("session_id")).matches("[A-Za-z0-9_-]{22,}"), body::toString);
        assertEquals('7', ((String) body.get("id")).charAt(14), "a UUIDv7");
        assertEquals("/api/v1/conversations/" + body.get("id"), reply.header("Location"));
        assertEquals(body, api.get(TestTokens.user(subject), (String) body.get("id")));
    }

    @Test
    void an_empty_object_starts_a_web_conversation() {
        Map<String, Object> conversation = api.start(ConversationClient.userToken("alice"), "{}");
        assertEquals("web", conversation.get("channel"));
        assertNull(conversation.get("locale"));
        assertEquals(Map.of(), conversation.get("metadata"));
    }

    @Test
    void unknown_channel_and_bad_locale_are_422_naming_both() {
        var body = assertProblem(api.http().post("/api/v1/conversations", ConversationClient.userToken("alice"),
                "{\"channel\":\"fax\",\"locale\":\"english please\"}"), 422);
        assertEquals(List.of("channel", "locale"), ((List<?>) body.get("errors")).stream()
                .map(e -> ((Map<?, ?>) e).get("field")).toList());
    }

    @Test
    void message_count_is_last_seq_and_updated_at_is_the_time_of_the_last_change() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        clock.advance(Duration.ofMinutes(1));
        api.appendOk(token, id, "user", "first");
        clock.advance(Duration.ofMinutes(1));
        Map<String, Object> second = api.appendOk(token, id, "user", "second");

        Map<String, Object> conversation = api.get(token, id);
        assertEquals(2, ((Number) conversation.get("message_count")).intValue());
        assertEquals("2026-11-23T10:02:00Z", conversation.get("updated_at"));
        assertEquals(second.get("created_at"), conversation.get("updated_at"));
        assertEquals("2026-11-23T10:00:00Z", conversation.get("started_at"));
    }

    @Test
    void the_summary_is_the_word_boundary_preview_of_the_first_user_message_only() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        String first = "My package from order 55123 never arrived although the tracking page has said out for delivery since "
                + "last Tuesday afternoon";
        api.appendOk(token, id, "user", first);
        api.appendOk(token, id, "user", "Second message should not change it");

        String summary = (String) api.get(token, id).get("summary");
        assertTrue(summary.length() <= 100, summary);
        assertTrue(summary.endsWith("…"), summary);
        String cut = summary.substring(0, summary.length() - 1);
        assertTrue(first.startsWith(cut) && first.charAt(cut.length()) == ' ', summary);
    }

    @Test
    void a_service_summary_wins_over_the_first_message_preview() {
        String owner = ConversationClient.subject("alice");
        String id = api.startId(TestTokens.user(owner));
        TestHttp.Reply patched = api.http().patch("/api/v1/conversations/" + id, TestTokens.withRoles("bot", "service"),
                "{\"summary\":\"Refund request for order 55123\"}");
        assertEquals(200, patched.status(), patched::toString);
        api.appendOk(TestTokens.user(owner), id, "user", "Hello, I want my money back");
        assertEquals("Refund request for order 55123", api.get(TestTokens.user(owner), id).get("summary"));
    }

    @Test
    void only_a_service_or_admin_sets_a_summary() {
        String owner = ConversationClient.subject("alice");
        String id = api.startId(TestTokens.user(owner));
        assertProblem(api.http().patch("/api/v1/conversations/" + id, TestTokens.user(owner), "{\"summary\":\"mine\"}"), 403);
        assertProblem(api.http().patch("/api/v1/conversations/" + id, TestTokens.withRoles("agnes", "agent"), "{\"summary\":\"x\"}"), 403);
        assertEquals(200, api.http().patch("/api/v1/conversations/" + id, TestTokens.withRoles("root", "admin"),
                "{\"summary\":\"Set by an admin\"}").status());
        assertProblem(api.http().patch("/api/v1/conversations/" + id, TestTokens.withRoles("bot", "service"),
                "{\"summary\":\"" + "s".repeat(101) + "\"}"), 422);
    }

    @Test
    void closing_sets_ended_at_and_closing_again_changes_nothing() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        clock.advance(Duration.ofMinutes(5));
        Map<String, Object> closed = api.close(token, id);
        assertEquals("closed", closed.get("status"));
        assertEquals("2026-11-23T10:05:00Z", closed.get("ended_at"));
        assertEquals("2026-11-23T10:05:00Z", closed.get("updated_at"));

        clock.advance(Duration.ofMinutes(5));
        assertEquals(closed, api.close(token, id));
        assertEquals(closed, api.get(token, id));
    }

    @Test
    void the_list_shows_only_own_conversations_newest_updated_first_across_pages_without_gaps_or_duplicates() {
        String token = ConversationClient.userToken("alice");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofSeconds(1));
            created.add(api.startId(token));
        }
        api.startId(ConversationClient.userToken("bob"));
        clock.advance(Duration.ofSeconds(1));
        api.appendOk(token, created.get(0), "user", "bump the oldest to the top");

        List<String> expected = new ArrayList<>(List.of(created.get(0)));
        for (int i = 6; i >= 1; i--) {
            expected.add(created.get(i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestHttp.Reply page = api.http().get("/api/v1/conversations?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertEquals(200, page.status(), page::toString);
            page.items().forEach(item -> seen.add((String) item.get("id")));
            cursor = (String) page.field("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(expected, seen);
        assertEquals(3, pages);
    }

    @Test
    void the_list_filters_by_status() {
        String token = ConversationClient.userToken("alice");
        String open = api.startId(token);
        String closed = api.startId(token);
        api.close(token, closed);

        assertEquals(List.of(open), ids(api.http().get("/api/v1/conversations?status=open", token)));
        assertEquals(List.of(closed), ids(api.http().get("/api/v1/conversations?status=closed", token)));
        assertEquals(Set.of(open, closed), new HashSet<>(ids(api.http().get("/api/v1/conversations", token))));
        assertProblem(api.http().get("/api/v1/conversations?status=archived", token), 422);
    }

    @Test
    void a_new_user_has_an_empty_list_with_a_null_cursor() {
        TestHttp.Reply reply = api.http().get("/api/v1/conversations", ConversationClient.userToken("nobody"));
        assertEquals(200, reply.status());
        assertEquals(List.of(), reply.items());
        assertTrue(reply.map().containsKey("next_cursor"));
        assertNull(reply.field("next_cursor"));
    }

    @Test
    void every_conversation_route_needs_a_token() {
        assertProblem(api.http().get("/api/v1/conversations", null), 401);
        assertProblem(api.http().post("/api/v1/conversations", null, "{}"), 401);
    }

    static List<String> ids(TestHttp.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertNotNull(reply.items());
        return reply.items().stream().map(item -> (String) item.get("id")).toList();
    }
}
