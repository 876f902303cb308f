package io.parley.tracing.web;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/api.md "Operations", {@code GET /api/v1/admin/api-requests/stats}: per endpoint count, error rate and
 * latency percentiles computed by PostgreSQL, on a known data set placed in March 2020 (far from the
 * lines the other tests log "now").
 */
@MicronautTest
class ApiRequestStatsWebTest extends WebTest {

    /** The data every test of this class reads is made once, before the first test. */
    private boolean prepared;

    static final String ADMIN = TestTokens.withRoles("root", "admin");
    static final String DAY = "?from=2020-03-01T00:00:00Z&to=2020-03-02T00:00:00Z";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }


    @BeforeEach
    void data() {
        if (prepared) {
            return;
        }
        prepared = true;
        // GET a: latencies 1..100 ms every 10 minutes from the window's first instant; 5 answered 500, 10 answered 404
        Fixtures.execute("""
                INSERT INTO tracing.api_requests (id, endpoint, method, status_code, latency_ms, caller_kind, created_at)
                SELECT gen_random_uuid(), '/stats-test/a/{id}', 'GET',
                       CASE WHEN g <= 5 THEN 500 WHEN g <= 15 THEN 404 ELSE 200 END, g, 'user',
                       timestamptz '2020-03-01T00:00:00Z' + (g - 1) * interval '10 minutes'
                  FROM generate_series(1, 100) g
                """);
        Fixtures.execute("""
                INSERT INTO tracing.api_requests (id, endpoint, method, status_code, latency_ms, caller_kind, created_at) VALUES
                  (gen_random_uuid(), '/stats-test/a/{id}', 'POST', 201, 10, 'service', '2020-03-01T12:00:00Z'),
                  (gen_random_uuid(), '/stats-test/a/{id}', 'POST', 201, 30, 'service', '2020-03-01T13:00:00Z'),
                  (gen_random_uuid(), '/stats-test/b', 'GET', 200, 7, 'anonymous', '2020-03-01T23:59:59.999999Z'),
                  -- outside the half-open window [from, to): never counted
                  (gen_random_uuid(), '/stats-test/a/{id}', 'GET', 500, 100000, 'user', '2020-03-02T00:00:00Z'),
                  (gen_random_uuid(), '/stats-test/a/{id}', 'GET', 500, 100000, 'user', '2020-02-29T23:59:59.999999Z'),
                  (gen_random_uuid(), '/stats-test/c', 'GET', 200, 1, 'user', '2020-03-05T00:00:00Z')
                """);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(String query) {
        var reply = http.get("/api/v1/admin/api-requests/stats" + query, ADMIN);
        assertEquals(200, reply.status(), reply::toString);
        return reply.items();
    }

    private static void assertStats(Map<String, Object> item, String endpoint, String method, long count, double errorRate,
                                    double clientErrorRate, double p50, double p95, double p99) {
        assertEquals(endpoint, item.get("endpoint"));
        assertEquals(method, item.get("method"));
        assertEquals(count, ((Number) item.get("count")).longValue(), endpoint);
        assertEquals(errorRate, ((Number) item.get("error_rate")).doubleValue(), 1e-9, endpoint);
        assertEquals(clientErrorRate, ((Number) item.get("client_error_rate")).doubleValue(), 1e-9, endpoint);
        assertEquals(p50, ((Number) item.get("p50_ms")).doubleValue(), 1e-9, endpoint);
        assertEquals(p95, ((Number) item.get("p95_ms")).doubleValue(), 1e-9, endpoint);
        assertEquals(p99, ((Number) item.get("p99_ms")).doubleValue(), 1e-9, endpoint);
    }

    @Test
    void the_numbers_of_a_known_data_set() {
        List<Map<String, Object>> items = items(DAY);

        assertEquals(3, items.size(), items::toString);
        // percentile_cont interpolates: p50 of 1..100 sits between 50 and 51
        assertStats(items.get(0), "/stats-test/a/{id}", "GET", 100, 0.05, 0.10, 50.5, 95.05, 99.01);
        assertStats(items.get(1), "/stats-test/a/{id}", "POST", 2, 0, 0, 20, 29, 29.8);
        assertStats(items.get(2), "/stats-test/b", "GET", 1, 0, 0, 7, 7, 7);
    }

    @Test
    void one_endpoint_can_be_asked_for() {
        List<Map<String, Object>> items = items(DAY + "&endpoint=/stats-test/a/%7Bid%7D");

        assertEquals(2, items.size(), items::toString);
        assertStats(items.get(0), "/stats-test/a/{id}", "GET", 100, 0.05, 0.10, 50.5, 95.05, 99.01);
        assertStats(items.get(1), "/stats-test/a/{id}", "POST", 2, 0, 0, 20, 29, 29.8);
        assertEquals(List.of(), items(DAY + "&endpoint=/never-called"));
    }

    @Test
    void the_answer_names_the_window_it_used() {
        var reply = http.get("/api/v1/admin/api-requests/stats?from=2020-03-01T01:00:00%2B01:00&to=2020-03-01T12:00:00Z", ADMIN);

        assertEquals("2020-03-01T00:00:00Z", reply.field("from"));
        assertEquals("2020-03-01T12:00:00Z", reply.field("to"));
        assertEquals(1, reply.items().size(), "only GET a had requests before noon");
    }

    @Test
    void by_default_the_window_is_the_last_24_hours() {
        var reply = http.get("/api/v1/admin/api-requests/stats", ADMIN);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("2026-11-22T12:00:00Z", reply.field("from"));
        assertEquals("2026-11-23T12:00:00Z", reply.field("to"));
    }

    @Test
    void a_window_without_requests_has_no_items() {
        assertEquals(List.of(), items("?from=2019-01-01T00:00:00Z&to=2019-01-02T00:00:00Z"));
    }

    @Test
    void garbage_in_from_or_to_is_422_naming_the_parameter() {
        Map<String, String> cases = Map.of(
                "?from=yesterday", "from",
                "?to=2020-03-01", "to",
                "?from=2020-03-02T00:00:00Z&to=2020-03-01T00:00:00Z", "from",
                "?from=2020-03-01T00:00:00Z&to=2020-03-01T00:00:00Z", "from",
                "?from=2020-01-01T00:00:00Z&to=2020-03-01T00:00:00Z", "from",
                "?to=%2B20000-01-01T00:00:00Z", "to",
                "?from=%00", "from",
                "?endpoint=%00", "endpoint");
        cases.forEach((query, field) -> {
            var problem = assertProblem(http.get("/api/v1/admin/api-requests/stats" + query, ADMIN), 422);
            assertEquals(field, ((List<Map<String, Object>>) problem.get("errors")).get(0).get("field"), query);
        });
    }

    @Test
    void only_admins_see_statistics() {
        assertProblem(http.get("/api/v1/admin/api-requests/stats" + DAY, null), 401);
        for (String role : new String[]{"user", "agent", "service"}) {
            assertProblem(http.get("/api/v1/admin/api-requests/stats" + DAY, TestTokens.withRoles("x", role)), 403);
        }
    }
}
