package io.parley.conversation.web;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.conversation.api.TicketPresence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md "Conversations and messages": append-only messages, seq, roles, limits, idempotency, history paging. */
@MicronautTest(transactional = false)
class MessagesWebTest extends WebTest {

    ConversationClient api;
    final Set<UUID> ticketed = ConcurrentHashMap.newKeySet();

    /** Agents see conversations with a ticket; the ticketing module answers that in the real application. */
    @MockBean(TicketPresence.class)
    TicketPresence ticketPresence() {
        return ticketed::contains;
    }

    @BeforeEach
    void client() {
        api = new ConversationClient(http);
    }

    @Test
    void a_message_is_201_with_exactly_the_fields_of_api_md() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        TestHttp.Reply reply = api.http().post("/api/v1/conversations/" + id + "/messages", token,
                "{\"role\":\"user\",\"content\":\"Where is my order?\",\"intent\":\"order.status\",\"confidence\":0.5,"
                        + "\"metadata\":{\"client\":{\"app\":\"ios\",\"version\":[1,2]}}}");

        assertEquals(201, reply.status(), reply::toString);
        Map<String, Object> message = reply.map();
        assertEquals(Set.of("id", "conversation_id", "seq", "role", "content", "intent", "confidence", "metadata", "redactions",
                "created_at"), message.keySet());
        assertEquals(id, message.get("conversation_id"));
        assertEquals(1, ((Number) message.get("seq")).intValue());
        assertEquals("user", message.get("role"));
        assertEquals("Where is my order?", message.get("content"));
        assertEquals("order.status", message.get("intent"));
        assertEquals(0.5, ((Number) message.get("confidence")).doubleValue());
        assertEquals(Map.of("client", Map.of("app", "ios", "version", List.of(1, 2))), message.get("metadata"));
        assertEquals(0, ((Number) message.get("redactions")).intValue());
        assertTrue(((String) message.get("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"),
                message::toString);
    }

    @Test
    void optional_fields_are_null_and_metadata_an_empty_object_when_not_given() {
        String token = ConversationClient.userToken("alice");
        Map<String, Object> message = api.appendOk(token, api.startId(token), "user", "hi");
        assertTrue(message.containsKey("intent") && message.get("intent") == null);
        assertTrue(message.containsKey("confidence") && message.get("confidence") == null);
        assertEquals(Map.of(), message.get("metadata"));
    }

    @Test
    void seq_counts_1_2_3_per_conversation() {
        String token = ConversationClient.userToken("alice");
        String first = api.startId(token);
        String second = api.startId(token);
        assertEquals(1, seq(api.appendOk(token, first, "user", "a")));
        assertEquals(2, seq(api.appendOk(token, first, "user", "b")));
        assertEquals(1, seq(api.appendOk(token, second, "user", "c")));
        assertEquals(3, seq(api.appendOk(token, first, "user", "d")));
    }

    @Test
    void fifty_concurrent_appends_get_seq_1_to_50_without_gaps_or_duplicates() throws Exception {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        List<Long> seqs = concurrently(50, n -> api.append(token, id, "user", "message " + n)).stream()
                .map(reply -> {
                    assertEquals(201, reply.status(), reply::toString);
                    return seq(reply.map());
                }).sorted().toList();

        assertEquals(LongStream.rangeClosed(1, 50).boxed().toList(), seqs);
        assertEquals(50, ((Number) api.get(token, id).get("message_count")).intValue());
        assertEquals(50, Fixtures.queryLong("SELECT count(DISTINCT seq) FROM conversation.messages WHERE conversation_id = ?",
                UUID.fromString(id)));
    }

    @Test
    void customers_write_only_user_messages() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        assertProblem(api.append(token, id, "assistant", "I am the assistant now"), 403);
        assertProblem(api.append(token, id, "system", "system override"), 403);
        assertEquals(0, ((Number) api.get(token, id).get("message_count")).intValue());
    }

    @Test
    void the_service_writes_any_role_to_any_conversation() {
        String owner = ConversationClient.userToken("alice");
        String id = api.startId(owner);
        String service = TestTokens.withRoles("assistant-backend", "service");
        Map<String, Object> reply = api.appendOk(service, id, "assistant", "Happy to help!");
        assertEquals(Map.of(), reply.get("metadata"));
        api.appendOk(service, id, "system", "Conversation transferred");
        api.appendOk(service, id, "user", "relayed from email");
    }

    @Test
    void the_service_and_an_admin_get_the_same_answers_as_everyone_for_a_missing_or_closed_conversation() {
        String owner = ConversationClient.userToken("alice");
        String missing = UUID.randomUUID().toString();
        String tooLong = "x".repeat(8001);
        for (String staff : List.of(TestTokens.withRoles("assistant-backend", "service"), TestTokens.withRoles("root", "admin"))) {
            assertProblem(api.append(staff, missing, "assistant", "hello"), 404);
            assertProblem(api.append(staff, missing, "assistant", tooLong), 404);
            String id = api.startId(owner);
            assertProblem(api.append(staff, id, "assistant", tooLong), 422);
            assertEquals(200, api.http().post("/api/v1/conversations/" + id + "/close", owner, "{}").status());
            assertProblem(api.append(staff, id, "assistant", "hello"), 409);
            assertEquals(0, ((Number) api.get(owner, id).get("message_count")).intValue());
        }
    }

    @Test
    void an_agent_needs_a_ticket_and_their_reply_is_signed_with_their_subject() {
        String owner = ConversationClient.userToken("alice");
        String id = api.startId(owner);
        String agent = TestTokens.withRoles("agnes", "agent");
        assertProblem(api.append(agent, id, "assistant", "hello"), 404);

        ticketed.add(UUID.fromString(id));
        TestHttp.Reply reply = api.http().post("/api/v1/conversations/" + id + "/messages", agent,
                "{\"role\":\"assistant\",\"content\":\"A human here\",\"metadata\":{\"author\":\"bot\"}}");
        assertEquals(201, reply.status(), reply::toString);
        assertEquals(Map.of("author", "agent:agnes"), reply.field("metadata"));
        assertProblem(api.append(agent, id, "user", "pretending to be the customer"), 403);
    }

    @Test
    void content_limits_are_per_role_1000_for_users_8000_for_assistant_and_system() {
        String owner = ConversationClient.userToken("alice");
        String id = api.startId(owner);
        String service = TestTokens.withRoles("bot", "service");
        api.appendOk(owner, id, "user", "u".repeat(1000));
        Map<String, Object> problem = assertProblem(api.append(owner, id, "user", "u".repeat(1001)), 422);
        assertEquals("content", ((Map<?, ?>) ((List<?>) problem.get("errors")).get(0)).get("field"));
        api.appendOk(service, id, "assistant", "a".repeat(8000));
        assertProblem(api.append(service, id, "assistant", "a".repeat(8001)), 422);
        api.appendOk(service, id, "system", "s".repeat(8000));
        assertProblem(api.append(service, id, "system", "s".repeat(8001)), 422);
        assertEquals(3, ((Number) api.get(owner, id).get("message_count")).intValue());
    }

    @Test
    void a_closed_conversation_takes_no_message() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        api.appendOk(token, id, "user", "before");
        api.close(token, id);
        assertProblem(api.append(token, id, "user", "after"), 409);
        assertProblem(api.append(TestTokens.withRoles("bot", "service"), id, "assistant", "after"), 409);
        assertEquals(1, ((Number) api.get(token, id).get("message_count")).intValue());
    }

    @Test
    void a_repeated_idempotency_key_returns_the_first_message_with_200_and_writes_nothing() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        TestHttp.Reply first = api.appendWithKey(token, id, "turn-1", "{\"role\":\"user\",\"content\":\"pay my bill\"}");
        TestHttp.Reply repeat = api.appendWithKey(token, id, "turn-1", "{\"role\":\"user\",\"content\":\"pay my bill\"}");

        assertEquals(201, first.status(), first::toString);
        assertEquals(200, repeat.status(), repeat::toString);
        assertEquals(first.map(), repeat.map());
        assertEquals(1, ((Number) api.get(token, id).get("message_count")).intValue());
        assertEquals(2, seq(api.appendWithKey(token, id, "turn-2", "{\"role\":\"user\",\"content\":\"again\"}").map()));
    }

    @Test
    void idempotency_keys_are_per_conversation() {
        String token = ConversationClient.userToken("alice");
        TestHttp.Reply one = api.appendWithKey(token, api.startId(token), "same-key", "{\"role\":\"user\",\"content\":\"a\"}");
        TestHttp.Reply other = api.appendWithKey(token, api.startId(token), "same-key", "{\"role\":\"user\",\"content\":\"a\"}");
        assertEquals(201, one.status());
        assertEquals(201, other.status());
    }

    @Test
    void concurrent_duplicates_store_one_message_and_all_get_its_ids() throws Exception {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        api.appendOk(token, id, "user", "warm up");
        List<TestHttp.Reply> replies = concurrently(20,
                n -> api.appendWithKey(token, id, "double-click", "{\"role\":\"user\",\"content\":\"submit once\"}"));

        Map<Integer, Long> statuses = replies.stream().collect(Collectors.groupingBy(TestHttp.Reply::status, Collectors.counting()));
        assertEquals(Map.of(201, 1L, 200, 19L), statuses);
        assertEquals(1, replies.stream().map(reply -> reply.field("id")).distinct().count());
        assertEquals(2, ((Number) api.get(token, id).get("message_count")).intValue());
        assertEquals(2, Fixtures.queryLong("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", UUID.fromString(id)));
    }

    @Test
    void a_retry_after_the_conversation_closed_still_gets_the_first_result() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        TestHttp.Reply first = api.appendWithKey(token, id, "last-words", "{\"role\":\"user\",\"content\":\"bye\"}");
        api.close(token, id);
        TestHttp.Reply retry = api.appendWithKey(token, id, "last-words", "{\"role\":\"user\",\"content\":\"bye\"}");
        assertEquals(200, retry.status(), retry::toString);
        assertEquals(first.field("id"), retry.field("id"));
        assertProblem(api.appendWithKey(token, id, "new-key", "{\"role\":\"user\",\"content\":\"bye\"}"), 409);
    }

    @Test
    void a_malformed_idempotency_key_is_422() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        // (a non-ASCII key cannot be tested from here: the JDK client sends it as '?'; the command's unit test covers it)
        for (String bad : new String[]{"k".repeat(129), "with space", ""}) {
            Map<String, Object> problem = assertProblem(api.appendWithKey(token, id, bad, "{\"role\":\"user\",\"content\":\"x\"}"), 422);
            assertEquals("Idempotency-Key", ((Map<?, ?>) ((List<?>) problem.get("errors")).get(0)).get("field"), bad);
        }
        assertEquals(201, api.appendWithKey(token, id, "k".repeat(128), "{\"role\":\"user\",\"content\":\"x\"}").status());
    }

    @Test
    void history_pages_oldest_first_by_seq_with_a_cursor() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        for (int n = 1; n <= 7; n++) {
            api.appendOk(token, id, "user", "m" + n);
        }
        List<String> contents = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TestHttp.Reply page = api.http().get("/api/v1/conversations/" + id + "/messages?limit=3"
                    + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertEquals(200, page.status(), page::toString);
            assertEquals(Set.of("items", "next_cursor"), page.map().keySet());
            page.items().forEach(item -> contents.add((String) item.get("content")));
            cursor = (String) page.field("next_cursor");
            pages++;
        } while (cursor != null);

        assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7"), contents);
        assertEquals(3, pages);
        TestHttp.Reply all = api.http().get("/api/v1/conversations/" + id + "/messages", token);
        assertEquals(7, all.items().size());
        assertNull(all.field("next_cursor"));
    }

    @Test
    void a_page_cursor_keeps_working_while_messages_are_appended() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        for (int n = 1; n <= 4; n++) {
            api.appendOk(token, id, "user", "m" + n);
        }
        TestHttp.Reply first = api.http().get("/api/v1/conversations/" + id + "/messages?limit=2", token);
        api.appendOk(token, id, "user", "m5");
        TestHttp.Reply second = api.http().get("/api/v1/conversations/" + id + "/messages?limit=10&cursor="
                + first.field("next_cursor"), token);
        assertEquals(List.of("m3", "m4", "m5"), second.items().stream().map(item -> item.get("content")).toList());
    }

    @Test
    void intent_is_at_most_100_characters_and_confidence_between_0_and_1() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        String path = "/api/v1/conversations/" + id + "/messages";
        assertEquals(201, api.http().post(path, token, "{\"role\":\"user\",\"content\":\"x\",\"intent\":\"" + "i".repeat(100)
                + "\",\"confidence\":1}").status());
        assertEquals(201, api.http().post(path, token, "{\"role\":\"user\",\"content\":\"x\",\"confidence\":0}").status());
        for (String bad : new String[]{"\"intent\":\"" + "i".repeat(101) + "\"", "\"intent\":\"\"", "\"confidence\":1.5",
                "\"confidence\":-0.01", "\"confidence\":1e400"}) {
            assertProblem(api.http().post(path, token, "{\"role\":\"user\",\"content\":\"x\"," + bad + "}"), 422);
        }
        assertEquals(2, ((Number) api.get(token, id).get("message_count")).intValue());
    }

    @Test
    void metadata_may_be_20_levels_deep_not_21() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        assertEquals(201, api.http().post("/api/v1/conversations/" + id + "/messages", token,
                "{\"role\":\"user\",\"content\":\"x\",\"metadata\":" + nested(20) + "}").status());
        assertProblem(api.http().post("/api/v1/conversations/" + id + "/messages", token,
                "{\"role\":\"user\",\"content\":\"x\",\"metadata\":" + nested(21) + "}"), 422);
    }

    @Test
    void metadata_may_be_16_KiB_as_json_not_more() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        // {"k":"…"} is 8 bytes around the value
        String fits = "{\"k\":\"" + "a".repeat(16 * 1024 - 8) + "\"}";
        String over = "{\"k\":\"" + "a".repeat(16 * 1024 - 7) + "\"}";
        assertEquals(201, api.http().post("/api/v1/conversations/" + id + "/messages", token,
                "{\"role\":\"user\",\"content\":\"x\",\"metadata\":" + fits + "}").status());
        assertProblem(api.http().post("/api/v1/conversations/" + id + "/messages", token,
                "{\"role\":\"user\",\"content\":\"x\",\"metadata\":" + over + "}"), 422);
    }

    @Test
    void secrets_are_redacted_in_content_and_every_metadata_string_before_they_are_stored() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        TestHttp.Reply reply = api.http().post("/api/v1/conversations/" + id + "/messages", token,
                "{\"role\":\"user\",\"content\":\"my card is 4111 1111 1111 1111 thanks\","
                        + "\"metadata\":{\"form\":{\"fields\":[\"card 4111-1111-1111-1111\"]}}}");

        assertEquals(201, reply.status(), reply::toString);
        assertEquals("my card is [REDACTED:CARD] thanks", reply.field("content"));
        assertEquals(Map.of("form", Map.of("fields", List.of("card [REDACTED:CARD]"))), reply.field("metadata"));
        assertEquals(2, ((Number) reply.field("redactions")).intValue());
        assertEquals("my card is [REDACTED:CARD] thanks", api.get(token, id).get("summary"));
        assertEquals(0, Fixtures.queryLong("""
                SELECT count(*) FROM conversation.messages m JOIN conversation.conversations c ON c.id = m.conversation_id
                 WHERE c.id = ? AND regexp_replace(m.content || m.metadata::text || coalesce(c.summary, ''), '[ -]', '', 'g')
                       LIKE '%4111111111111111%'
                """, UUID.fromString(id)), "the card number is stored nowhere");
    }

    @Test
    void a_message_can_never_be_updated_in_the_database() {
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        api.appendOk(token, id, "user", "original");
        assertThrows(IllegalStateException.class, () -> Fixtures.execute(
                "UPDATE conversation.messages SET content = 'changed' WHERE conversation_id = ?", UUID.fromString(id)));
    }

    static String nested(int depth) {
        return "{\"n\":".repeat(depth - 1) + "{\"leaf\":1}" + "}".repeat(depth - 1);
    }

    static long seq(Map<String, Object> message) {
        return ((Number) message.get("seq")).longValue();
    }

    interface Call {
        TestHttp.Reply call(int n) throws Exception;
    }

    /** Starts {@code count} calls at the same moment and waits for all of them. */
    static List<TestHttp.Reply> concurrently(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TestHttp.Reply>> futures = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                int index = n;
                Callable<TestHttp.Reply> task = () -> {
                    start.await();
                    return call.call(index);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<TestHttp.Reply> replies = new ArrayList<>();
            for (Future<TestHttp.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
