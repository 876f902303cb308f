package io.parley.conversation.web;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Concurrently;
import io.parley.app.support.TestHttp;
import io.parley.app.support.WebTest;
import io.parley.conversation.application.port.in.StartConversationCommand;
import io.parley.conversation.application.port.in.StartConversationUseCase;
import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Caller;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code GET .../messages?order=desc}: a chat window opens on the latest messages and pages back in time
 * (newest first, highest seq first). {@code order=asc} stays the default; a cursor continues only the order
 * it was issued for; a bad order or a cursor of the other order is 422 like any broken limit or cursor.
 */
@MicronautTest(transactional = false)
class LatestMessagesWebTest extends WebTest {

    @Inject
    StartConversationUseCase startConversation;
    ConversationClient api;

    @BeforeEach
    void client() {
        api = new ConversationClient(http);
    }

    @Test
    void the_last_50_of_120_messages_come_newest_first() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        append(token, id, 1, 120);

        TestHttp.Reply latest = http.get(messages(id) + "?order=desc&limit=50", token);

        assertEquals(200, latest.status(), latest::toString);
        assertEquals(descending(120, 71), seqs(latest));
        assertEquals("m120", latest.items().get(0).get("content"));
        assertNotNull(latest.field("next_cursor"));
    }

    @Test
    void paging_back_through_120_messages_has_no_gap_or_duplicate_while_new_messages_are_appended() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        append(token, id, 1, 120);
        TestHttp.Reply first = http.get(messages(id) + "?order=desc&limit=7", token);
        List<Long> seen = new ArrayList<>(seqs(first));

        // one caller pages back from the first page's cursor while another appends 30 more messages
        List<List<Long>> results = Concurrently.run(2, caller -> caller == 0
                ? pageBack(token, id, (String) first.field("next_cursor"))
                : append(token, id, 121, 150));
        seen.addAll(results.get(0));

        assertEquals(descending(120, 1), seen);
        assertEquals(descending(150, 121), seqs(http.get(messages(id) + "?order=desc&limit=30", token)));
    }

    @Test
    void the_default_order_is_unchanged_oldest_first() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        append(token, id, 1, 5);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(http.get(messages(id), token)));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seqs(http.get(messages(id) + "?order=asc", token)));
        assertEquals(List.of(5L, 4L, 3L, 2L, 1L), seqs(http.get(messages(id) + "?order=desc", token)));
    }

    @Test
    void a_cursor_used_with_the_other_order_is_422_on_the_cursor() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        append(token, id, 1, 6);
        String ascending = (String) http.get(messages(id) + "?limit=2", token).field("next_cursor");
        String descending = (String) http.get(messages(id) + "?order=desc&limit=2", token).field("next_cursor");

        assertEquals(List.of("cursor"), fields(assertProblem(http.get(messages(id) + "?order=desc&cursor=" + ascending, token), 422)));
        assertEquals(List.of("cursor"), fields(assertProblem(http.get(messages(id) + "?cursor=" + descending, token), 422)));
        assertEquals(List.of("cursor"), fields(assertProblem(http.get(messages(id) + "?order=asc&cursor=" + descending, token), 422)));
        assertEquals(List.of(4L, 3L), seqs(http.get(messages(id) + "?order=desc&limit=2&cursor=" + descending, token)));
    }

    @Test
    void an_unknown_order_is_422_on_the_order() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        for (String bad : new String[]{"newest", "DESC", "-1", "asc,desc"}) {
            assertEquals(List.of("order"), fields(assertProblem(http.get(messages(id) + "?order=" + bad, token), 422)), bad);
        }
        assertEquals(List.of("order", "limit"), fields(assertProblem(http.get(messages(id) + "?order=up&limit=0", token), 422)));
    }

    @Test
    void someone_elses_history_is_404_newest_first_too() {
        String alice = ConversationClient.userToken("alice");
        String id = api.startId(alice);
        append(alice, id, 1, 3);
        String cursor = (String) http.get(messages(id) + "?order=desc&limit=1", alice).field("next_cursor");
        String bob = ConversationClient.userToken("bob");

        assertProblem(http.get(messages(id) + "?order=desc", bob), 404);
        assertProblem(http.get(messages(id) + "?order=desc&cursor=" + cursor, bob), 404);
        assertProblem(http.get("/api/v1/sessions/" + api.get(alice, id).get("session_id") + "/messages?order=desc", null), 404);
    }

    @Test
    void a_guest_reads_its_latest_messages_first_and_pages_back() {
        Conversation guest = startConversation.start(StartConversationCommand.of("web", "en-US", null), Caller.anonymous());
        String base = "/api/v1/sessions/" + guest.sessionId() + "/messages";
        for (int n = 1; n <= 5; n++) {
            assertEquals(201, http.post(base, null, TestHttp.object("role", "user", "content", "g" + n)).status());
        }

        TestHttp.Reply latest = http.get(base + "?order=desc&limit=3", null);
        assertEquals(descending(5, 3), seqs(latest));
        TestHttp.Reply earlier = http.get(base + "?order=desc&limit=3&cursor=" + latest.field("next_cursor"), null);
        assertEquals(descending(2, 1), seqs(earlier));
        assertNull(earlier.field("next_cursor"));
        assertEquals(List.of("order"), fields(assertProblem(http.get(base + "?order=latest", null), 422)));
        assertEquals(List.of("cursor"), fields(assertProblem(http.get(base + "?cursor=" + latest.field("next_cursor"), null), 422)));

        Conversation otherGuest = startConversation.start(StartConversationCommand.of("web", "en-US", null), Caller.anonymous());
        assertEquals(List.of(), seqs(http.get("/api/v1/sessions/" + otherGuest.sessionId() + "/messages?order=desc", null)));
    }

    /** Follows next_cursor newest first to the beginning, returning every seq seen. */
    List<Long> pageBack(String token, String id, String cursor) {
        List<Long> seen = new ArrayList<>();
        while (cursor != null) {
            TestHttp.Reply page = http.get(messages(id) + "?order=desc&limit=7&cursor=" + cursor, token);
            assertEquals(200, page.status(), page::toString);
            seen.addAll(seqs(page));
            cursor = (String) page.field("next_cursor");
        }
        return seen;
    }

    List<Long> append(String token, String id, int from, int to) {
        List<Long> appended = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            appended.add(((Number) api.appendOk(token, id, "user", "m" + n).get("seq")).longValue());
        }
        return appended;
    }

    static String messages(String id) {
        return "/api/v1/conversations/" + id + "/messages";
    }

    static List<Long> seqs(TestHttp.Reply page) {
        assertEquals(200, page.status(), page::toString);
        return page.items().stream().map(item -> ((Number) item.get("seq")).longValue()).toList();
    }

    static List<Long> descending(long from, long to) {
        return LongStream.rangeClosed(to, from).map(seq -> from + to - seq).boxed().toList();
    }

    static List<String> fields(Map<String, Object> problem) {
        return ((List<?>) problem.get("errors")).stream().map(error -> (String) ((Map<?, ?>) error).get("field")).toList();
    }
}
