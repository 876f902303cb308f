package io.parley.app.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.testing.RetentionFixtures.closedConversation;
import static io.parley.testing.RetentionFixtures.exists;
import static io.parley.testing.RetentionFixtures.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operations: {@code POST /api/v1/admin/retention/run?dry_run=true|false} (the retention module's controller,
 * served by the deployable with its security and problem+json) is for admins only, answers the run's report in
 * the documented shape, 409 while another run holds the lock, and its metrics reach /prometheus.
 */
@MicronautTest(transactional = false)
class RetentionEndpointTest extends WebTest {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(125);
    static final String RUN = "/api/v1/admin/retention/run";
    static final String ADMIN = TestTokens.withRoles("ops", "admin");
    /** The retention module's advisory lock key ("parley" in ASCII, then 1): what another instance's run holds. */
    static final long LOCK_KEY = 0x7061_726c_6579_0001L;

    final MutableClock clock = new MutableClock(NOW);

    @Inject
    MeterRegistry meters;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("parley.retention.enabled", "false");
        properties.put("parley.retention.pause", "0s");
        return properties;
    }

    @Test
    void without_a_token_it_is_401() {
        assertProblem(http.post(RUN + "?dry_run=true", null, null), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "agent", "service"})
    void any_role_but_admin_is_403(String role) {
        assertProblem(http.post(RUN + "?dry_run=true", TestTokens.withRoles("someone", role), null), 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "1", "yes", ""})
    void dry_run_must_be_true_or_false(String value) {
        var body = assertProblem(http.post(RUN + "?dry_run=" + value, ADMIN, null), 422);
        assertEquals(List.of(Map.of("field", "dry_run", "message", "must be true or false")), body.get("errors"));
    }

    @Test
    void a_get_is_405() {
        assertProblem(http.get(RUN, ADMIN), 405);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_admin_dry_run_answers_the_report_and_changes_nothing() {
        clock.set(NOW);
        http.post(RUN + "?dry_run=false", ADMIN, null);
        UUID expired = closedConversation(null, NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(95)));
        message(expired, "user", "hello", NOW.minus(Duration.ofDays(100)));

        var reply = http.post(RUN + "?dry_run=true", ADMIN, null);

        assertEquals(200, reply.status(), reply::toString);
        Map<String, Object> body = reply.map();
        assertEquals(true, body.get("dry_run"));
        assertEquals("delete", body.get("action"));
        assertEquals(NOW.toString(), body.get("started_at"), "RFC 3339 UTC");
        assertTrue(((String) body.get("started_at")).endsWith(".125Z"), body::toString);
        assertEquals(NOW.toString(), body.get("finished_at"));
        assertTrue(((Number) body.get("duration_ms")).longValue() >= 0);
        UUID.fromString((String) body.get("run_id"));
        assertEquals(Map.of(
                "agent_traces", daysBefore(30),
                "api_requests", daysBefore(30),
                "idle_conversations", daysBefore(180),
                "closed_conversations", daysBefore(90)), body.get("cutoffs"));
        assertEquals(Map.of("agent_traces", 0, "api_requests", 0, "idle_conversations", 0, "closed_conversations", 1), body.get("batches"));
        Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) body.get("tables");
        assertEquals(List.of("conversation.conversations", "conversation.messages", "conversation.feedback", "tracing.agent_traces",
                "tracing.api_requests", "ticketing.handoffs", "ticketing.tickets"), List.copyOf(tables.keySet()));
        assertEquals(Map.of("archived", 0, "deleted", 1, "closed", 0), tables.get("conversation.conversations"));
        assertEquals(Map.of("archived", 0, "deleted", 1), tables.get("conversation.messages"));
        assertEquals(Map.of("archived", 0, "deleted", 0), tables.get("tracing.api_requests"));
        assertEquals(Map.of("archived", 0, "anonymised", 0), tables.get("ticketing.tickets"));
        assertTrue(body.containsKey("archive"), "every member is sent, null when there is no archive");
        assertNull(body.get("archive"));
        assertTrue(exists("conversation.conversations", expired), "dry");
    }

    @Test
    void without_dry_run_an_admin_runs_it_for_real_and_the_metrics_show_it() {
        clock.set(NOW);
        http.post(RUN + "?dry_run=false", ADMIN, null);
        UUID expired = closedConversation(null, NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(95)));
        message(expired, "user", "one", NOW.minus(Duration.ofDays(100)));
        message(expired, "user", "two", NOW.minus(Duration.ofDays(100)));
        double conversationsBefore = rows("conversation.conversations", "deleted");
        double messagesBefore = rows("conversation.messages", "deleted");
        clock.set(NOW.plusSeconds(5));

        var reply = http.post(RUN, ADMIN, null);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(false, reply.field("dry_run"));
        assertFalse(exists("conversation.conversations", expired));
        assertEquals(conversationsBefore + 1, rows("conversation.conversations", "deleted"));
        assertEquals(messagesBefore + 2, rows("conversation.messages", "deleted"));
        assertEquals(NOW.plusSeconds(5).getEpochSecond(), meters.get("parley.retention.last.success").gauge().value(),
                "the last successful run, in epoch seconds");

        double completed = meters.get("parley.retention.runs").tag("outcome", "completed").counter().count();
        http.post(RUN + "?dry_run=true", ADMIN, null);
        assertEquals(completed, meters.get("parley.retention.runs").tag("outcome", "completed").counter().count(),
                "a dry run is not a completed run");
        assertEquals(NOW.plusSeconds(5).getEpochSecond(), meters.get("parley.retention.last.success").gauge().value());

        List<String> prometheus = http.get("/prometheus", TestTokens.withRoles("ops", "admin")).body().lines().filter(l -> l.startsWith("parley_retention")).toList();
        assertTrue(prometheus.stream().anyMatch(l -> l.startsWith("parley_retention_rows_total{action=\"deleted\",table=\"conversation.messages\"}")),
                prometheus::toString);
        assertTrue(prometheus.stream().anyMatch(l -> l.startsWith("parley_retention_runs_total{outcome=\"completed\"}")), prometheus::toString);
        String gauge = prometheus.stream().filter(l -> l.startsWith("parley_retention_last_success_seconds ")).findFirst().orElseThrow();
        assertEquals(NOW.plusSeconds(5).getEpochSecond(), Double.parseDouble(gauge.substring(gauge.indexOf(' ') + 1)), gauge);
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "false"})
    void while_another_instance_holds_the_lock_it_is_409_and_nothing_runs(String dryRun) throws SQLException {
        clock.set(NOW);
        http.post(RUN + "?dry_run=false", ADMIN, null);
        UUID expired = closedConversation(null, NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(95)));
        double skipped = meters.get("parley.retention.runs").tag("outcome", "skipped").counter().count();
        try (Connection otherInstance = TestDatabase.connect()) {
            advisory(otherInstance, "pg_advisory_lock");

            var body = assertProblem(http.post(RUN + "?dry_run=" + dryRun, ADMIN, null), 409);

            assertEquals("another run holds the lock", body.get("detail"));
            assertTrue(exists("conversation.conversations", expired), "nothing ran");
            assertEquals(skipped + 1, meters.get("parley.retention.runs").tag("outcome", "skipped").counter().count());
            advisory(otherInstance, "pg_advisory_unlock");
        }

        assertEquals(200, http.post(RUN + "?dry_run=false", ADMIN, null).status(), "free again once the other instance let go");
        assertFalse(exists("conversation.conversations", expired));
    }

    private static void advisory(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        }
    }

    private static String daysBefore(int days) {
        return NOW.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private double rows(String table, String action) {
        return meters.get("parley.retention.rows").tag("table", table).tag("action", action).counter().count();
    }
}
