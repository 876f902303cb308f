package io.parley.app.ratelimit;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp.Reply;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.kernel.Ids;
import io.parley.testing.MutableClock;
import io.parley.testing.TestDatabase;
import io.parley.tracing.application.service.ApiRequestLogService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: every limit over real PostgreSQL, with small budgets and the test clock (refill without sleeping).
 * The test client connects from 127.0.0.1, configured here as a trusted proxy, so each test is "another
 * client" by its own {@code X-Forwarded-For} address and no test spends another's budget.
 */
@MicronautTest(transactional = false)
class RateLimitWebTest extends WebTest {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final Pattern PROMETHEUS_LINE = Pattern.compile(
            "parley_rate_limit_decisions_total\\{limit=\"([a-z-]+)\",outcome=\"([a-z]+)\",?} ([0-9.E]+)");

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Inject
    ApiRequestLogService requestLog;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.putAll(budgets());
        properties.put("parley.rate-limits.trusted-proxies", "127.0.0.1/32, ::1/128");
        return properties;
    }

    /** Small budgets: guest address 6 (2/min), session 3 (1/min), new conversations 2 (1 per 10 min), ... */
    static Map<String, String> budgets() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("parley.rate-limits.enabled", "true");
        budget(properties, "guest-address", 6, 2, "1m");
        budget(properties, "guest-session", 3, 1, "1m");
        budget(properties, "new-conversation", 2, 1, "10m");
        budget(properties, "user-writes", 3, 3, "1m");
        budget(properties, "service-writes", 5, 5, "1m");
        budget(properties, "trace-spans", 10, 10, "1m");
        return properties;
    }

    static void budget(Map<String, String> properties, String limit, long capacity, long refillTokens, String period) {
        properties.put("parley.rate-limits." + limit + ".capacity", Long.toString(capacity));
        properties.put("parley.rate-limits." + limit + ".refill-tokens", Long.toString(refillTokens));
        properties.put("parley.rate-limits." + limit + ".refill-period", period);
    }


    /** A client address no other test uses. */
    private static String newAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return "203.0.113." + n;
    }

    private Reply chat(String address, String sessionId, String message) {
        Map<String, Object> body = sessionId == null ? object("message", message) : object("session_id", sessionId, "message", message);
        return http.post("/api/v1/chat", null, body, Map.of("X-Forwarded-For", address));
    }

    private String startGuestChat(String address) {
        Reply reply = chat(address, null, "Hello, I need help with my order");
        assertEquals(200, reply.status(), reply::toString);
        return (String) reply.field("session_id");
    }

    /** Rows of everything a write can create: conversations, messages, spans, tickets, knowledge documents. */
    private static Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : List.of("conversation.conversations", "conversation.messages", "tracing.agent_traces",
                "ticketing.tickets", "conversation.knowledge_documents", "conversation.feedback")) {
            rows.put(table, Fixtures.queryLong("SELECT count(*) FROM " + table));
        }
        return rows;
    }

    private static Map<String, Object> assertRateLimited(Reply reply, String limit) {
        Map<String, Object> problem = assertProblem(reply, 429);
        assertEquals("urn:parley:problem:rate-limited", problem.get("type"));
        assertEquals(limit, problem.get("limit"), reply::toString);
        assertEquals(Long.parseLong(reply.header("Retry-After")), ((Number) problem.get("retry_after")).longValue());
        assertTrue(reply.header("RateLimit-Policy").startsWith("\"" + limit + "\";"), reply::toString);
        assertTrue(reply.header("RateLimit").startsWith("\"" + limit + "\";r="), reply::toString);
        return problem;
    }

    // ---- guests per address ----

    @Test
    void a_guest_address_gets_its_burst_then_429_and_the_refused_turn_writes_nothing() {
        String address = newAddress();
        String first = startGuestChat(address);
        String second = startGuestChat(address);
        for (String session : List.of(first, first, second, second)) {
            assertEquals(200, chat(address, session, "and another question").status());
        }
        Map<String, Long> before = rows();

        Reply refused = chat(address, first, "one too many");

        assertRateLimited(refused, "guest-address");
        // 2 tokens a minute: the next one in 30 s; the 6-token bucket is full again in 3 minutes
        assertEquals("30", refused.header("Retry-After"));
        assertEquals("\"guest-address\";q=6;w=180", refused.header("RateLimit-Policy"));
        assertEquals("\"guest-address\";r=0;t=180", refused.header("RateLimit"));
        assertEquals(before, rows(), "a refused turn stores no conversation, message, span or ticket");
    }

    /** A request sent at an instant of its own, and the request-log rows stored for that instant. */
    private record Logged(Reply reply, long rows) {
    }

    private Logged logged(Supplier<Reply> request) {
        clock.advance(Duration.ofMillis(3));
        Instant at = clock.instant();
        Reply reply = request.get();
        requestLog.flush();
        return new Logged(reply, Fixtures.queryLong("SELECT count(*) FROM tracing.api_requests WHERE created_at = ?", Timestamp.from(at)));
    }

    @Test
    void a_refusal_stores_nothing_not_even_a_request_log_row_and_is_counted_instead() {
        Map<String, Double> before = decisions();
        String address = newAddress();
        Logged answered = logged(() -> chat(address, null, "Hello, I need help with my order"));
        assertEquals(200, answered.reply().status(), answered.reply()::toString);
        assertEquals(1, answered.rows(), "an answered write is logged");
        String first = (String) answered.reply().field("session_id");
        String second = startGuestChat(address);

        // refused once the body is read: the turn would start a third conversation
        Logged lateRefusal = logged(() -> chat(address, null, "a third conversation"));
        assertRateLimited(lateRefusal.reply(), "new-conversation");
        assertEquals(0, lateRefusal.rows(), "a refusal writes no request-log row");

        for (String session : List.of(first, first, second, second)) {
            assertEquals(200, chat(address, session, "and another question").status());
        }
        Map<String, Long> rowsBefore = rows();
        // refused as soon as it arrives: the address has no token left
        Logged earlyRefusal = logged(() -> chat(address, first, "one too many"));
        assertRateLimited(earlyRefusal.reply(), "guest-address");
        assertEquals(0, earlyRefusal.rows(), "a refusal writes no request-log row");
        assertEquals(rowsBefore, rows(), "a refused turn stores no conversation, message, span or ticket");

        Map<String, Double> after = decisions();
        assertEquals(1.0, after.get("new-conversation/refused") - before.getOrDefault("new-conversation/refused", 0.0));
        assertEquals(1.0, after.get("guest-address/refused") - before.getOrDefault("guest-address/refused", 0.0));
    }

    @Test
    void a_guest_address_without_tokens_is_refused_before_its_body_is_read_and_a_token_still_goes_through_authentication() {
        String address = newAddress();
        String first = startGuestChat(address);
        String second = startGuestChat(address);
        for (String session : List.of(first, first, second, second)) {
            assertEquals(200, chat(address, session, "and another question").status());
        }
        byte[] malformed = "{\"session_id\": \"".getBytes(StandardCharsets.UTF_8);

        // a malformed body would be a 400 once read: the 429 comes first
        Reply refused = http.send("POST", "/api/v1/chat", null, "application/json", malformed, Map.of("X-Forwarded-For", address));

        assertRateLimited(refused, "guest-address");
        // a token is checked before any limit that is keyed by it: a bad one is a 401, not the address's 429
        assertEquals(401, http.send("POST", "/api/v1/chat", "not-a-token", "application/json", malformed,
                Map.of("X-Forwarded-For", address)).status());
    }

    @Test
    void a_guest_address_refills_at_its_sustained_rate() {
        String address = newAddress();
        String session = startGuestChat(address);
        String other = startGuestChat(address);
        for (String s : List.of(session, session, other, other)) {
            assertEquals(200, chat(address, s, "question").status());
        }
        assertEquals(429, chat(address, session, "refused").status());

        clock.advance(Duration.ofSeconds(29));
        assertEquals(429, chat(address, other, "still refused").status());
        clock.advance(Duration.ofSeconds(1));
        Reply refilled = chat(address, other, "one token back after 30 s");
        assertEquals(200, refilled.status(), refilled::toString);
        assertEquals(429, chat(address, other, "and only one").status());
    }

    @Test
    void guest_message_appends_and_other_guest_writes_count_against_the_address() {
        String address = newAddress();
        String session = startGuestChat(address);
        String other = startGuestChat(address);
        Map<String, String> from = Map.of("X-Forwarded-For", address);
        assertEquals(201, http.post("/api/v1/sessions/" + session + "/messages", null, object("content", "appended"), from).status());
        assertEquals(201, http.post("/api/v1/sessions/" + other + "/messages", null, object("content", "appended"), from).status());
        assertEquals(200, http.send("PUT", "/api/v1/sessions/" + other + "/feedback", null, "application/json",
                "{\"rating\":5}".getBytes(), from).status());
        assertEquals(200, chat(address, session, "question").status());
        Map<String, Long> before = rows();

        Reply refused = http.post("/api/v1/sessions/" + other + "/messages", null, object("content", "refused"), from);

        assertRateLimited(refused, "guest-address");
        assertEquals(before, rows());
    }

    @Test
    void reads_are_not_limited() {
        String address = newAddress();
        String session = startGuestChat(address);
        for (int i = 0; i < 3; i++) {
            chat(address, session, "question " + i);
        }
        assertEquals(429, chat(address, session, "refused").status());
        for (int i = 0; i < 10; i++) {
            Reply read = http.send("GET", "/api/v1/sessions/" + session + "/messages", null, null, null, Map.of("X-Forwarded-For", address));
            assertEquals(200, read.status(), read::toString);
            assertNull(read.header("RateLimit"), "reads carry no rate-limit state");
        }
    }

    // ---- guests per session ----

    @Test
    void a_guest_session_gets_its_own_burst_and_a_refusal_costs_the_address_nothing() {
        String address = newAddress();
        String session = startGuestChat(address);
        Reply first = chat(address, session, "first");
        assertEquals("\"guest-address\";q=6;w=180, \"guest-session\";q=3;w=180", first.header("RateLimit-Policy"));
        assertEquals("\"guest-address\";r=4;t=60, \"guest-session\";r=2;t=60", first.header("RateLimit"));
        assertEquals(201, http.post("/api/v1/sessions/" + session + "/messages", null, object("content", "second"),
                Map.of("X-Forwarded-For", address)).status());
        assertEquals(200, chat(address, session, "third").status());
        Map<String, Long> before = rows();

        Reply refused = chat(address, session, "fourth");

        assertRateLimited(refused, "guest-session");
        assertEquals("60", refused.header("Retry-After"));
        assertEquals(before, rows());
        // the address gave back the token the refused turn had taken: 6 - 1 (start) - 3 (turns) = 2 left, then 1
        String other = startGuestChat(address);
        Reply next = chat(address, other, "another conversation of the same guest");
        assertEquals(200, next.status(), next::toString);
        assertTrue(next.header("RateLimit").startsWith("\"guest-address\";r=0;"), next::toString);
    }

    @Test
    void separate_sessions_do_not_share_a_budget() {
        String address = newAddress();
        String exhausted = startGuestChat(address);
        String fresh = startGuestChat(address);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, chat(address, exhausted, "question " + i).status());
        }
        assertRateLimited(chat(address, exhausted, "refused"), "guest-session");

        Reply other = chat(address, fresh, "my own budget");
        assertEquals(200, other.status(), other::toString);
        assertTrue(other.header("RateLimit").contains("\"guest-session\";r=2;"), other::toString);
    }

    // ---- new conversations per address ----

    @Test
    void new_conversations_per_address_for_guests_and_users_alike_and_another_address_is_not_affected() {
        String address = newAddress();
        startGuestChat(address);
        Reply userStarts = http.post("/api/v1/conversations", TestTokens.user("nc-" + address), object("channel", "web"),
                Map.of("X-Forwarded-For", address));
        assertEquals(201, userStarts.status(), userStarts::toString);
        Map<String, Long> before = rows();

        assertRateLimited(chat(address, null, "a third conversation"), "new-conversation");
        assertRateLimited(http.post("/api/v1/conversations", TestTokens.user("nc2-" + address), object("channel", "web"),
                Map.of("X-Forwarded-For", address)), "new-conversation");
        Reply signedInChat = http.post("/api/v1/chat", TestTokens.user("nc3-" + address), object("message", "hello"),
                Map.of("X-Forwarded-For", address));
        assertRateLimited(signedInChat, "new-conversation");
        assertEquals("600", signedInChat.header("Retry-After"));
        assertEquals(before, rows());

        assertEquals(200, chat(newAddress(), null, "elsewhere").status(), "another address has its own budget");
        clock.advance(Duration.ofMinutes(10));
        assertEquals(200, chat(address, null, "ten minutes later").status());
    }

    // ---- signed-in users per sub ----

    @Test
    void user_writes_per_sub_with_the_headers_on_every_allowed_write() {
        String sub = "writer-" + UUID.randomUUID();
        String token = TestTokens.user(sub);
        String address = newAddress();
        Reply created = http.post("/api/v1/conversations", token, object("channel", "web"), Map.of("X-Forwarded-For", address));
        assertEquals(201, created.status(), created::toString);
        assertEquals("\"user-writes\";q=3;w=60, \"new-conversation\";q=2;w=1200", created.header("RateLimit-Policy"));
        assertEquals("\"user-writes\";r=2;t=20, \"new-conversation\";r=1;t=600", created.header("RateLimit"));
        String messages = "/api/v1/conversations/" + created.field("id") + "/messages";
        Reply appended = http.post(messages, token, object("role", "user", "content", "one"));
        assertEquals(201, appended.status(), appended::toString);
        assertEquals("\"user-writes\";q=3;w=60", appended.header("RateLimit-Policy"));
        assertEquals("\"user-writes\";r=1;t=40", appended.header("RateLimit"));
        assertEquals(201, http.post(messages, token, object("role", "user", "content", "two")).status());
        Map<String, Long> before = rows();

        Reply refused = http.post(messages, token, object("role", "user", "content", "three"));

        assertRateLimited(refused, "user-writes");
        assertEquals("20", refused.header("Retry-After"));
        assertEquals(before, rows());
        Reply otherUser = http.post("/api/v1/conversations", TestTokens.user("someone-else-" + UUID.randomUUID()),
                object("channel", "web"), Map.of("X-Forwarded-For", newAddress()));
        assertEquals(201, otherUser.status(), "another sub has its own budget");

        clock.advance(Duration.ofSeconds(20));
        assertEquals(201, http.post(messages, token, object("role", "user", "content", "after 20 s")).status());
        assertRateLimited(http.post(messages, token, object("role", "user", "content", "and only one")), "user-writes");
        Reply delete = http.delete("/api/v1/conversations/" + created.field("id"), token);
        assertRateLimited(delete, "user-writes");
    }

    // ---- service and admin per sub ----

    @Test
    void admin_writes_per_sub_with_their_own_budget() {
        String admin = TestTokens.withRoles("admin-" + UUID.randomUUID(), "admin");
        String id = null;
        for (int i = 0; i < 4; i++) {
            Reply created = http.post("/api/v1/knowledge/documents", admin, object("title", "Article " + i, "content", "Text " + i));
            assertEquals(201, created.status(), created::toString);
            assertTrue(created.header("RateLimit").startsWith("\"service-writes\";r=" + (4 - i) + ";"), created::toString);
            id = (String) created.field("id");
        }
        Reply deleted = http.delete("/api/v1/knowledge/documents/" + id, admin);
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals("\"service-writes\";r=0;t=60", deleted.header("RateLimit"), "a DELETE is a write too");
        Map<String, Long> before = rows();

        assertRateLimited(http.post("/api/v1/knowledge/documents", admin, object("title", "Sixth", "content", "Text")), "service-writes");

        assertEquals(before, rows());
    }

    // ---- trace ingestion per sub, in spans ----

    @Test
    void trace_ingestion_is_counted_in_spans() {
        String service = TestTokens.withRoles("tracer-" + UUID.randomUUID(), "service");
        UUID conversation = Fixtures.conversation("trace-owner-" + UUID.randomUUID()).id();

        Reply six = http.post("/api/v1/traces", service, spans(conversation, 6));
        assertEquals(202, six.status(), six::toString);
        assertEquals("\"trace-spans\";q=10;w=60;qu=\"spans\"", six.header("RateLimit-Policy"));
        assertEquals("\"trace-spans\";r=4;t=36", six.header("RateLimit"));
        Map<String, Long> before = rows();

        Reply five = http.post("/api/v1/traces", service, spans(conversation, 5));

        assertRateLimited(five, "trace-spans");
        assertEquals("6", five.header("Retry-After"), "one span short, refilled at one span per 6 s");
        assertEquals(before, rows(), "a refused batch stores no span");
        assertEquals(202, http.post("/api/v1/traces", service, spans(conversation, 4)).status(), "four spans fit");
        assertEquals(10, Fixtures.queryLong("SELECT count(*) FROM tracing.agent_traces WHERE conversation_id = ?", conversation));
    }

    private static Map<String, Object> spans(UUID conversation, int count) {
        List<Map<String, Object>> spans = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> span = new LinkedHashMap<>();
            span.put("id", Ids.newId().toString());
            span.put("trace_id", Ids.newId().toString());
            span.put("conversation_id", conversation.toString());
            span.put("agent_type", "support-agent");
            span.put("operation_type", "llm_call");
            span.put("name", "answer");
            span.put("status", "ok");
            span.put("started_at", "2026-11-23T10:00:00Z");
            span.put("ended_at", "2026-11-23T10:00:01Z");
            spans.add(span);
        }
        return Map.of("spans", spans);
    }

    // ---- the client address behind a trusted proxy ----

    @Test
    void behind_a_trusted_proxy_the_right_most_untrusted_forwarded_address_is_the_client() {
        String client = newAddress();
        // what the client wrote itself (left of the address our proxy appended) is never believed
        for (int i = 0; i < 6; i++) {
            Reply reply = http.post("/api/v1/chat", null, object("message", "hi " + i),
                    Map.of("X-Forwarded-For", "198.51.100." + i + ", " + client));
            if (i < 2) {
                assertEquals(200, reply.status(), reply::toString);
            } else {
                assertRateLimited(reply, "new-conversation");
            }
        }
        // a chain of trusted proxies (127.0.0.1 twice) is walked past to the client
        assertRateLimited(http.post("/api/v1/chat", null, object("message", "via two proxies"),
                Map.of("X-Forwarded-For", "192.0.2.1, " + client + ", 127.0.0.1")), "new-conversation");
        assertEquals(200, http.post("/api/v1/chat", null, object("message", "another client"),
                Map.of("X-Forwarded-For", client + ", " + newAddress())).status());
    }

    // ---- metrics ----

    @Test
    void decisions_are_counted_per_limit_and_outcome_on_prometheus() {
        Map<String, Double> before = decisions();
        String address = newAddress();
        chat(address, null, "one");
        chat(address, null, "two");
        assertEquals(429, chat(address, null, "three").status());

        Map<String, Double> after = decisions();
        assertEquals(2.0, after.get("new-conversation/allowed") - before.getOrDefault("new-conversation/allowed", 0.0));
        assertEquals(1.0, after.get("new-conversation/refused") - before.getOrDefault("new-conversation/refused", 0.0));
        assertEquals(2.0, after.get("guest-address/allowed") - before.getOrDefault("guest-address/allowed", 0.0));
        for (Limit limit : Limit.values()) {
            assertTrue(after.containsKey(limit.configName() + "/refused"), "every limit is exported, also at zero: " + limit);
        }
    }

    private Map<String, Double> decisions() {
        Reply metrics = http.get("/prometheus", TestTokens.withRoles("ops", "admin"));
        assertEquals(200, metrics.status());
        Map<String, Double> values = new HashMap<>();
        Matcher line = PROMETHEUS_LINE.matcher(metrics.body());
        while (line.find()) {
            values.put(line.group(1) + "/" + line.group(2), Double.parseDouble(line.group(3)));
        }
        return values;
    }
}
