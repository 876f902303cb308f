package io.parley.ticketing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Concurrently;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import io.parley.testing.TestDatabase;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase.DispatchReport;
import io.parley.ticketing.application.port.out.HandoffOutboxPort;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handoff outbox end to end, against a fake Zendesk on a local port: delivery, exponential
 * backoff with Retry-After, the attempt cap, timeouts, permanent rejections, one dispatcher per row,
 * the lease, and secrets kept out of errors and logs. Time moves only when the test moves the clock.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class HandoffDispatchTest extends WebTest {

    static final String SECRET = "zd-api-token-Secr3tValue-do-not-leak";
    static final FakeHelpdeskServer zendesk = FakeHelpdeskServer.start();

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @Inject
    DispatchHandoffsUseCase dispatcher;
    @Inject
    HandoffOutboxPort outbox;
    TicketingApi api;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("parley.ticketing.handoff.provider", "zendesk");
        properties.put("parley.ticketing.handoff.timeout", "500ms");
        properties.put("parley.ticketing.handoff.zendesk.base-url", zendesk.baseUrl() + "/");
        properties.put("parley.ticketing.handoff.zendesk.email", "bot@parley.example");
        properties.put("parley.ticketing.handoff.zendesk.api-token", SECRET);
        properties.put("parley.ticketing.handoff.dispatcher.max-attempts", "4");
        properties.put("parley.ticketing.handoff.dispatcher.initial-backoff", "30s");
        properties.put("parley.ticketing.handoff.dispatcher.max-backoff", "2m");
        properties.put("parley.ticketing.handoff.dispatcher.lease", "5m");
        properties.put("parley.ticketing.handoff.dispatcher.batch-size", "50");
        return properties;
    }

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void reset() {
        api = new TicketingApi(http);
        zendesk.reset();
        TicketingApi.emptyTheOutbox();
    }

    @AfterAll
    void stop() {
        zendesk.close();
    }

    @Test
    void a_handoff_becomes_a_zendesk_ticket_with_the_transcript_as_first_comment() throws IOException {
        var conversation = Fixtures.conversation("hd-alice");
        Fixtures.message(conversation.id(), "user", "My parcel 4711 never arrived");
        Fixtures.message(conversation.id(), "assistant", "I am sorry, let me check the tracking");
        Fixtures.execute("UPDATE conversation.conversations SET summary = 'Parcel 4711 missing' WHERE id = ?", conversation.id());
        var ticket = escalate(conversation, "the assistant cannot track it");
        api.patch(ticket.get("id"), TicketingApi.ADMIN, object("priority", "high", "version", 1));
        zendesk.script(FakeHelpdeskServer.Reply.created("{\"ticket\":{\"id\":35436,\"status\":\"new\"}}"));

        DispatchReport report = dispatcher.dispatchDue();

        assertEquals(new DispatchReport(1, 1, 0, 0), report);
        assertEquals(1, zendesk.requests().size());
        var request = zendesk.requests().get(0);
        assertEquals("POST", request.method());
        assertEquals("/api/v2/tickets", request.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("bot@parley.example/token:" + SECRET).getBytes(StandardCharsets.UTF_8)),
                request.header("Authorization"));
        assertEquals(handoffId(conversation.id()).toString(), request.header("Idempotency-Key"));
        assertTrue(request.header("Content-Type").startsWith("application/json"));
        Map<String, Object> sent = json.readValue(request.body(), Argument.mapOf(String.class, Object.class));
        @SuppressWarnings("unchecked")
        Map<String, Object> zdTicket = (Map<String, Object>) sent.get("ticket");
        assertEquals("[Parley " + ticket.get("number") + "] Parcel 4711 missing", zdTicket.get("subject"));
        assertEquals("high", zdTicket.get("priority"));
        assertEquals(ticket.get("number"), zdTicket.get("external_id"));
        @SuppressWarnings("unchecked")
        String comment = (String) ((Map<String, Object>) zdTicket.get("comment")).get("body");
        assertTrue(comment.contains("#1 User: My parcel 4711 never arrived"), comment);
        assertTrue(comment.contains("#2 Assistant: I am sorry, let me check the tracking"), comment);
        assertTrue(comment.contains("the assistant cannot track it"), comment);

        var handoff = handoff(conversation);
        assertEquals("zendesk", handoff.get("provider"));
        assertEquals("created", handoff.get("status"));
        assertEquals("35436", handoff.get("external_ticket_id"));
        assertEquals(1, attempts(handoff));
        assertNull(handoff.get("last_error"));
        assertNull(handoff.get("next_attempt_at"));
        assertEquals(DispatchReport.NOTHING, dispatcher.dispatchDue(), "a created handoff is done");
    }

    @Test
    void server_errors_are_retried_with_exponential_backoff_up_to_the_attempt_cap() {
        var conversation = Fixtures.conversation("hd-backoff");
        escalate(conversation, "help");
        zendesk.script(FakeHelpdeskServer.Reply.status(503), FakeHelpdeskServer.Reply.status(502),
                FakeHelpdeskServer.Reply.status(500), FakeHelpdeskServer.Reply.status(503));

        assertEquals(new DispatchReport(1, 0, 1, 0), dispatcher.dispatchDue());
        var first = handoff(conversation);
        assertEquals("pending", first.get("status"));
        assertEquals(1, attempts(first));
        assertEquals("zendesk answered HTTP 503", first.get("last_error"));
        assertEquals(TicketingApi.rfc3339(clock.instant().plusSeconds(30)), first.get("next_attempt_at"));

        assertEquals(DispatchReport.NOTHING, dispatcher.dispatchDue(), "not due yet");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(DispatchReport.NOTHING, dispatcher.dispatchDue(), "still not due");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, dispatcher.dispatchDue().claimed());
        var second = handoff(conversation);
        assertEquals(2, attempts(second));
        assertEquals("zendesk answered HTTP 502", second.get("last_error"));
        assertEquals(TicketingApi.rfc3339(clock.instant().plusSeconds(60)), second.get("next_attempt_at"), "doubled");

        clock.advance(Duration.ofSeconds(60));
        dispatcher.dispatchDue();
        var third = handoff(conversation);
        assertEquals(3, attempts(third));
        assertEquals(TicketingApi.rfc3339(clock.instant().plusSeconds(120)), third.get("next_attempt_at"), "doubled again, at the 2 min cap");

        clock.advance(Duration.ofSeconds(120));
        assertEquals(new DispatchReport(1, 0, 0, 1), dispatcher.dispatchDue());
        var failed = handoff(conversation);
        assertEquals("failed", failed.get("status"));
        assertEquals(4, attempts(failed));
        assertEquals("gave up after 4 attempts: zendesk answered HTTP 503", failed.get("last_error"));
        assertNull(failed.get("next_attempt_at"));

        clock.advance(Duration.ofDays(1));
        assertEquals(DispatchReport.NOTHING, dispatcher.dispatchDue(), "a failed handoff is not retried");
        assertEquals(4, zendesk.requests().size());
        assertEquals(1, zendesk.requests().stream().map(r -> r.header("Idempotency-Key")).distinct().count(),
                "every retry carries the same idempotency key");
    }

    @Test
    void a_429_is_retried_no_earlier_than_retry_after() {
        var conversation = Fixtures.conversation("hd-429");
        escalate(conversation, "help");
        zendesk.script(FakeHelpdeskServer.Reply.tooManyRequests("300"));

        dispatcher.dispatchDue();

        var limited = handoff(conversation);
        assertEquals("pending", limited.get("status"));
        assertEquals("zendesk answered HTTP 429 (retry after 300 s)", limited.get("last_error"));
        assertEquals(TicketingApi.rfc3339(clock.instant().plusSeconds(300)), limited.get("next_attempt_at"), "Retry-After beats the 30 s backoff");
        clock.advance(Duration.ofSeconds(299));
        assertEquals(DispatchReport.NOTHING, dispatcher.dispatchDue());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(new DispatchReport(1, 1, 0, 0), dispatcher.dispatchDue());
        var created = handoff(conversation);
        assertEquals("created", created.get("status"));
        assertNull(created.get("last_error"), "a success clears the last error");
        assertEquals(2, attempts(created));
    }

    @Test
    void a_helpdesk_that_does_not_answer_in_time_is_retried() {
        var conversation = Fixtures.conversation("hd-timeout");
        escalate(conversation, "help");
        zendesk.script(FakeHelpdeskServer.Reply.hang());

        assertEquals(new DispatchReport(1, 0, 1, 0), dispatcher.dispatchDue());

        var timedOut = handoff(conversation);
        assertEquals("pending", timedOut.get("status"));
        assertEquals("zendesk did not answer within 500 ms", timedOut.get("last_error"));
        zendesk.reset();
        clock.advance(Duration.ofSeconds(30));
        assertEquals(new DispatchReport(1, 1, 0, 0), dispatcher.dispatchDue());
        assertEquals("created", handoff(conversation).get("status"));
    }

    @Test
    void a_rejection_is_permanent_at_once() {
        var conversation = Fixtures.conversation("hd-422");
        escalate(conversation, "help");
        zendesk.script(FakeHelpdeskServer.Reply.status(422));

        assertEquals(new DispatchReport(1, 0, 0, 1), dispatcher.dispatchDue());

        var failed = handoff(conversation);
        assertEquals("failed", failed.get("status"));
        assertEquals(1, attempts(failed));
        assertEquals("zendesk rejected the ticket with HTTP 422", failed.get("last_error"));
    }

    @Test
    void credentials_and_conversation_content_never_reach_errors_or_logs() {
        Logger ticketing = (Logger) LoggerFactory.getLogger("io.parley.ticketing");
        Level before = ticketing.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        ticketing.addAppender(captured);
        ticketing.setLevel(Level.DEBUG);
        try {
            var conversation = Fixtures.conversation("hd-secret");
            Fixtures.message(conversation.id(), "user", "my private street address is Elm 5");
            escalate(conversation, "private reason text");
            zendesk.script(FakeHelpdeskServer.Reply.status(401), FakeHelpdeskServer.Reply.status(503));
            var second = Fixtures.conversation("hd-secret-2");
            escalate(second, "another");

            dispatcher.dispatchDue();

            assertFalse(captured.list.isEmpty(), "the dispatcher logs its work");
            String basic = Base64.getEncoder().encodeToString(("bot@parley.example/token:" + SECRET).getBytes(StandardCharsets.UTF_8));
            for (ILoggingEvent event : captured.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
                for (String secret : List.of(SECRET, basic, "Elm 5", "private reason text", zendesk.baseUrl())) {
                    assertFalse(line.contains(secret), () -> "log line leaks " + secret + ": " + line);
                }
            }
            for (var c : List.of(conversation, second)) {
                String error = String.valueOf(handoff(c).get("last_error"));
                assertFalse(error.contains(SECRET) || error.contains(basic) || error.contains(zendesk.baseUrl()), error);
            }
            assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM ticketing.handoffs WHERE last_error LIKE ?", "%" + SECRET + "%"));
        } finally {
            ticketing.detachAppender(captured);
            ticketing.setLevel(before);
        }
    }

    @Test
    void a_handoff_another_dispatcher_holds_is_skipped_not_waited_for() throws Exception {
        var held = Fixtures.conversation("hd-held");
        escalate(held, "held");
        var free = Fixtures.conversation("hd-free");
        escalate(free, "free");

        try (Connection other = TestDatabase.connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT id FROM ticketing.handoffs WHERE conversation_id = ? FOR UPDATE")) {
                lock.setObject(1, held.id());
                lock.executeQuery().close();
            }
            // without SKIP LOCKED the dispatcher would wait for the other transaction for ever: the guard turns that into a failure
            DispatchReport report = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> dispatcher.dispatchDue());
            assertEquals(new DispatchReport(1, 1, 0, 0), report, "only the free one, at once");
            assertEquals("pending", handoff(held).get("status"));
            assertEquals("created", handoff(free).get("status"));
            other.rollback();
        }
        assertEquals(new DispatchReport(1, 1, 0, 0), dispatcher.dispatchDue());
        assertEquals("created", handoff(held).get("status"));
    }

    @Test
    void concurrent_dispatchers_deliver_each_handoff_exactly_once() {
        Set<UUID> conversations = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            var conversation = Fixtures.conversation("hd-crowd-" + i);
            escalate(conversation, "crowd");
            conversations.add(conversation.id());
        }

        List<DispatchReport> reports = Concurrently.run(4, i -> dispatcher.dispatchDue());

        assertEquals(12, reports.stream().mapToInt(DispatchReport::claimed).sum(), reports::toString);
        assertEquals(12, zendesk.requests().size());
        assertEquals(12, zendesk.requests().stream().map(r -> r.header("Idempotency-Key")).distinct().count());
        conversations.forEach(id -> assertEquals("created", api.handoffOf(id, TicketingApi.ADMIN).field("status")));
    }

    @Test
    void a_dispatcher_that_died_mid_delivery_leaves_the_handoff_to_be_retried_after_its_lease() {
        var conversation = Fixtures.conversation("hd-lease");
        escalate(conversation, "help");
        Instant now = clock.instant();
        assertEquals(1, outbox.claimDue(now, 10, now.plus(Duration.ofMinutes(5))).size(), "claimed, then the dispatcher 'dies'");

        assertEquals(DispatchReport.NOTHING, dispatcher.dispatchDue(), "leased to the dead dispatcher");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(new DispatchReport(1, 1, 0, 0), dispatcher.dispatchDue());
        var created = handoff(conversation);
        assertEquals("created", created.get("status"));
        assertEquals(2, attempts(created), "the lost attempt counts");
    }

    @Test
    void a_ticket_closed_before_delivery_is_not_handed_off() {
        var conversation = Fixtures.conversation("hd-closed");
        var ticket = escalate(conversation, "help");
        assertEquals(200, api.move(ticket.get("id"), TestTokens.user("hd-closed"), "CLOSED_BY_CLIENT").status());

        assertEquals(DispatchReport.NOTHING, dispatcher.dispatchDue());

        assertEquals("resolved", handoff(conversation).get("status"));
        assertTrue(zendesk.requests().isEmpty());
    }

    private Map<String, Object> escalate(Fixtures.Conversation conversation, String reason) {
        var reply = api.escalate(conversation.id(), TicketingApi.ADMIN, reason);
        assertEquals(201, reply.status(), reply::toString);
        return reply.map();
    }

    private Map<String, Object> handoff(Fixtures.Conversation conversation) {
        var reply = api.handoffOf(conversation.id(), TicketingApi.ADMIN);
        assertEquals(200, reply.status(), reply::toString);
        return reply.map();
    }

    private static UUID handoffId(UUID conversationId) {
        return Fixtures.queryUuid("SELECT id FROM ticketing.handoffs WHERE conversation_id = ?", conversationId);
    }

    private static int attempts(Map<String, Object> handoff) {
        return ((Number) handoff.get("attempts")).intValue();
    }
}
