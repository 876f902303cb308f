package io.parley.conversation.web;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/api.md "Operations": {@code GET /api/v1/admin/feedback/stats?from&to} → count, average rating, CSAT % (admins). */
@MicronautTest(transactional = false)
class FeedbackStatsWebTest extends WebTest {

    // a year no other test writes feedback in, so the windows below hold only this class's ratings
    static final Instant RATED_AT = Instant.parse("2031-03-01T10:00:00Z");
    static final String WINDOW = "from=2031-03-01T00:00:00Z&to=2031-03-02T00:00:00Z";

    final MutableClock clock = new MutableClock(RATED_AT);
    ConversationClient api;
    final String admin = TestTokens.withRoles("ops", "admin");
    static boolean rated;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void ratings() {
        api = new ConversationClient(http);
        if (rated) {
            return;
        }
        clock.set(RATED_AT);
        for (int rating : new int[]{5, 4, 2, 0}) {
            rate("customer-" + rating, rating);
        }
        clock.set(RATED_AT.plus(Duration.ofDays(1)));
        rate("next-day", 5);
        clock.set(RATED_AT);
        rated = true;
    }

    private void rate(String subject, int rating) {
        String token = ConversationClient.userToken(subject);
        String id = api.startId(token);
        var reply = api.http().put("/api/v1/conversations/" + id + "/feedback", token, "{\"rating\":" + rating + "}");
        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void counts_averages_and_csat_are_computed_over_the_window() {
        var reply = api.http().get("/api/v1/admin/feedback/stats?" + WINDOW, admin);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("2031-03-01T00:00:00Z", reply.field("from"));
        assertEquals("2031-03-02T00:00:00Z", reply.field("to"));
        assertEquals(4, ((Number) reply.field("count")).intValue(), "the next day's rating is outside [from, to)");
        assertEquals(2.75, ((Number) reply.field("average_rating")).doubleValue(), 1e-9);
        assertEquals(50.0, ((Number) reply.field("csat_percent")).doubleValue(), 1e-9, "ratings 4 and 5 are satisfied");
    }

    @Test
    void without_ratings_there_is_no_average_and_no_csat() {
        var reply = api.http().get("/api/v1/admin/feedback/stats?from=2031-06-01T00:00:00Z&to=2031-06-02T00:00:00Z", admin);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(0, ((Number) reply.field("count")).intValue());
        assertNull(reply.field("average_rating"));
        assertNull(reply.field("csat_percent"));
    }

    @Test
    void the_window_defaults_to_the_last_30_days() {
        clock.set(RATED_AT.plus(Duration.ofDays(10)));
        var reply = api.http().get("/api/v1/admin/feedback/stats", admin);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(RATED_AT.plus(Duration.ofDays(10)).minus(Duration.ofDays(30)).toString(), reply.field("from"));
        assertEquals(5, ((Number) reply.field("count")).intValue());
    }

    @Test
    void only_admins_see_the_statistics() {
        assertProblem(api.http().get("/api/v1/admin/feedback/stats", null), 401);
        assertProblem(api.http().get("/api/v1/admin/feedback/stats", TestTokens.user("customer-5")), 403);
        assertProblem(api.http().get("/api/v1/admin/feedback/stats", TestTokens.withRoles("agent-1", "agent")), 403);
    }

    @Test
    void a_bad_window_is_422_naming_the_parameter() {
        var garbage = assertProblem(api.http().get("/api/v1/admin/feedback/stats?from=yesterday", admin), 422);
        assertTrue(garbage.get("errors").toString().contains("from"), garbage::toString);
        assertProblem(api.http().get("/api/v1/admin/feedback/stats?from=2031-03-02T00:00:00Z&to=2031-03-01T00:00:00Z", admin), 422);
        assertProblem(api.http().get("/api/v1/admin/feedback/stats?from=2020-01-01T00:00:00Z&to=2031-01-01T00:00:00Z", admin), 422);
        assertProblem(api.http().get("/api/v1/admin/feedback/stats?to=10000-01-01T00:00:00Z", admin), 422);
    }
}
