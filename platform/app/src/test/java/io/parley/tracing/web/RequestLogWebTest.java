package io.parley.tracing.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.kernel.Ids;
import io.parley.testing.MutableClock;
import io.parley.tracing.application.service.ApiRequestLogService;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 6 item 5: every {@code /api/**} request is logged with its route template (never the raw
 * path or query), method, status, latency, time and caller kind. Each request runs at its own
 * instant of the test clock, which is how its row is found.
 */
// not transactional: flush() on the test thread must commit, not join a test transaction that is rolled back
@MicronautTest(transactional = false)
class RequestLogWebTest extends WebTest {

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Inject
    ApiRequestLogService requestLog;
    @Inject
    Router router;

    /** Sends the request at a fresh instant and returns its stored log rows (written by an explicit flush). */
    private List<Map<String, Object>> logged(Supplier<TestHttp.Reply> request) {
        clock.advance(Duration.ofMillis(7));
        Instant at = clock.instant();
        request.get();
        requestLog.flush();
        return Db.rows("SELECT endpoint, method, status_code, latency_ms, caller_kind FROM tracing.api_requests WHERE created_at = ?",
                Timestamp.from(at));
    }

    private Map<String, Object> one(Supplier<TestHttp.Reply> request) {
        List<Map<String, Object>> rows = logged(request);
        assertEquals(1, rows.size(), rows::toString);
        return rows.get(0);
    }

    @Test
    void a_conversation_request_is_stored_with_its_route_template_never_its_path_or_query() {
        UUID id = Ids.newId();
        String path = "/api/v1/conversations/" + id;
        // the conversation routes are another module's: whatever matches there, the template is what is stored
        String expected = router.route(HttpMethod.GET, path).map(match -> match.getRouteInfo().getUriMatchTemplate().toString())
                .orElse("(unmatched)");

        var row = one(() -> http.get(path + "?email=alice@example.com", TestTokens.user("alice")));

        assertEquals(expected, row.get("endpoint"));
        assertEquals(0L, io.parley.app.support.Fixtures.queryLong(
                "SELECT count(*) FROM tracing.api_requests WHERE endpoint LIKE ? OR endpoint LIKE '%alice@%'", "%" + id + "%"));
    }

    @Test
    void the_template_has_the_id_placeholder_and_method_status_latency_and_caller_kind() {
        UUID id = Ids.newId();

        var row = one(() -> http.get("/api/v1/conversations/" + id + "/traces?token=s3cret", TestTokens.withRoles("root", "admin")));

        assertEquals("/api/v1/conversations/{id}/traces", row.get("endpoint"));
        assertEquals("GET", row.get("method"));
        assertEquals(404, ((Number) row.get("status_code")).intValue());
        assertTrue((Double) row.get("latency_ms") >= 0);
        assertEquals("admin", row.get("caller_kind"));
    }

    @Test
    void the_caller_kind_follows_the_token() {
        String path = "/api/v1/messages/" + Ids.newId() + "/traces";
        Map<String, String> kinds = Map.of(
                "user", TestTokens.user("u"),
                "agent", TestTokens.withRoles("a", "agent"),
                "service", TestTokens.withRoles("s", "service"),
                "admin", TestTokens.withRoles("b", "agent", "admin"));

        kinds.forEach((kind, token) -> assertEquals(kind, one(() -> http.get(path, token)).get("caller_kind"), kind));
        var anonymous = one(() -> http.get(path, null));
        assertEquals("anonymous", anonymous.get("caller_kind"));
        assertEquals(401, ((Number) anonymous.get("status_code")).intValue());
        var badToken = one(() -> http.get(path, TestTokens.expired("u")));
        assertEquals("anonymous", badToken.get("caller_kind"));
        assertEquals(401, ((Number) badToken.get("status_code")).intValue());
    }

    @Test
    void a_request_no_route_matches_is_stored_as_unmatched() {
        var row = one(() -> http.get("/api/v1/no-such-route/" + Ids.newId() + "/x?q=1", null));

        assertEquals("(unmatched)", row.get("endpoint"));
        assertEquals(404, ((Number) row.get("status_code")).intValue());
    }

    @Test
    void errors_are_logged_with_their_status() {
        var row = one(() -> http.post("/api/v1/traces", TestTokens.withRoles("s", "service"), "{\"spans\": []}"));

        assertEquals("/api/v1/traces", row.get("endpoint"));
        assertEquals("POST", row.get("method"));
        assertEquals(422, ((Number) row.get("status_code")).intValue());
        assertEquals("service", row.get("caller_kind"));
    }

    @Test
    void requests_outside_the_api_are_not_logged() {
        assertEquals(List.of(), logged(() -> http.get("/health", null)));
        assertEquals(List.of(), logged(() -> http.get("/prometheus", TestTokens.withRoles("ops", "admin"))));
    }

    @Test
    void the_queue_depth_and_dropped_lines_are_exposed_to_prometheus() {
        http.get("/api/v1/messages/" + Ids.newId() + "/traces", null);

        String metrics = http.get("/prometheus", TestTokens.withRoles("ops", "admin")).body();

        assertTrue(metrics.contains("parley_request_log_queue_depth"), "queue depth gauge");
        assertTrue(metrics.contains("parley_request_log_dropped_total{reason=\"queue_full\"}"), "dropped counter");
    }
}
