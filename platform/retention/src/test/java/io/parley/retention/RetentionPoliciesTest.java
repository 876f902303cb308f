package io.parley.retention;

import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.conversation.api.ConversationRetention;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.domain.RetentionReport;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.retention.application.port.in.RunRetentionCommand.DRY;
import static io.parley.retention.application.port.in.RunRetentionCommand.REAL;
import static io.parley.testing.RetentionFixtures.apiRequest;
import static io.parley.testing.RetentionFixtures.closedConversation;
import static io.parley.testing.RetentionFixtures.count;
import static io.parley.testing.RetentionFixtures.exists;
import static io.parley.testing.RetentionFixtures.feedback;
import static io.parley.testing.RetentionFixtures.handoff;
import static io.parley.testing.RetentionFixtures.message;
import static io.parley.testing.RetentionFixtures.openConversation;
import static io.parley.testing.RetentionFixtures.text;
import static io.parley.testing.RetentionFixtures.ticket;
import static io.parley.testing.RetentionFixtures.trace;
import static io.parley.testing.RetentionFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The policies over real PostgreSQL with a controlled clock: exactly the expired rows go (the cutoff
 * second is the boundary: strictly older goes, exactly at the cutoff stays), nothing newer; idle open
 * conversations are closed first and purged only a closed window later; traces and request log rows go by age
 * on their own; tickets stay, anonymised; a dry run changes nothing and counts what the real run then does.
 *
 * <p>The test database is shared by every test class of this JVM, so each test first runs the job once to
 * clear whatever earlier tests left expired, and then counts exactly. Not transactional: the job's batches
 * must commit for real, as they do in production.
 */
@MicronautTest(transactional = false)
class RetentionPoliciesTest implements PostgresBacked {

    /** Not on a whole second, so the rounding of the cutoff is part of what is tested. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
    static final Instant CLOSED_CUTOFF = NOW.minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    static final Instant IDLE_CUTOFF = NOW.minus(Duration.ofDays(180)).truncatedTo(ChronoUnit.SECONDS);
    static final Instant TRACES_CUTOFF = NOW.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

    final MutableClock clock = new MutableClock(NOW);

    @Inject
    RunRetentionUseCase job;
    @Inject
    ConversationRetention conversations;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(PostgresBacked.super.getProperties());
        properties.put("parley.retention.enabled", "false");
        properties.put("parley.retention.batch-size", "2");
        properties.put("parley.retention.row-batch-size", "2");
        properties.put("parley.retention.pause", "0s");
        return properties;
    }

    @BeforeEach
    void clearWhatEarlierTestsLeftExpired() {
        clock.set(NOW);
        job.run(REAL);
    }

    @Test
    void closed_conversations_strictly_older_than_the_cutoff_second_go_and_nothing_newer() {
        UUID secondBefore = closedConversation("alice", CLOSED_CUTOFF.minus(Duration.ofDays(1)), CLOSED_CUTOFF.minusSeconds(1));
        UUID microBefore = closedConversation(null, CLOSED_CUTOFF.minus(Duration.ofDays(1)), CLOSED_CUTOFF.minusNanos(1000));
        UUID atCutoff = closedConversation("alice", CLOSED_CUTOFF.minus(Duration.ofDays(1)), CLOSED_CUTOFF);
        // 90 days and 50 ms old, but inside the cutoff's second: the cutoff is rounded down, never up
        UUID insideTheSecond = closedConversation(null, CLOSED_CUTOFF.minus(Duration.ofDays(1)), CLOSED_CUTOFF.plusMillis(200));
        UUID newer = closedConversation("alice", CLOSED_CUTOFF.minus(Duration.ofDays(1)), CLOSED_CUTOFF.plus(Duration.ofDays(1)));
        // open for a year but active yesterday: no policy applies
        UUID longOpen = openConversation("alice", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)));

        RetentionReport report = job.run(REAL);

        assertEquals(CLOSED_CUTOFF, report.cutoffs().get("closed_conversations"));
        assertEquals(2, report.count("conversation.conversations", "deleted"), report::toString);
        assertFalse(exists("conversation.conversations", secondBefore));
        assertFalse(exists("conversation.conversations", microBefore));
        assertTrue(exists("conversation.conversations", atCutoff), "ended exactly at the cutoff: stays");
        assertTrue(exists("conversation.conversations", insideTheSecond));
        assertTrue(exists("conversation.conversations", newer));
        assertEquals("open", text("SELECT status FROM conversation.conversations WHERE id = ?", longOpen));

        // one second later the cutoff passes the boundary row, and only it
        clock.advance(Duration.ofSeconds(1));
        RetentionReport next = job.run(REAL);

        assertFalse(exists("conversation.conversations", atCutoff), "one second past the cutoff: goes");
        assertFalse(exists("conversation.conversations", insideTheSecond));
        assertTrue(exists("conversation.conversations", newer));
        assertEquals(2, next.count("conversation.conversations", "deleted"), next::toString);
    }

    @Test
    void a_purged_conversation_takes_what_hangs_off_it_and_its_ticket_stays_anonymised() {
        Instant ended = CLOSED_CUTOFF.minus(Duration.ofDays(10));
        Instant started = ended.minus(Duration.ofHours(1));
        UUID expired = closedConversation("carol", started, ended);
        UUID first = message(expired, "user", "I want my money back", started.plusSeconds(1));
        message(expired, "assistant", "Let me check that for you", started.plusSeconds(2));
        message(expired, "user", "Thanks", started.plusSeconds(3));
        feedback(expired, 4, "quick and kind", ended);
        UUID ticket = ticket(expired, user("carol"), started.plusSeconds(10));
        UUID handoff = handoff(ticket, expired, started.plusSeconds(20));
        // younger than their own window: they go only because their conversation goes
        UUID span = trace(expired, first, TRACES_CUTOFF.plus(Duration.ofDays(1)));
        UUID conversationSpan = trace(expired, null, TRACES_CUTOFF.plus(Duration.ofDays(1)));
        UUID bare = closedConversation(null, started, ended);
        UUID kept = closedConversation("carol", started, CLOSED_CUTOFF.plus(Duration.ofDays(5)));
        message(kept, "user", "still here", started.plusSeconds(1));
        UUID keptTicket = ticket(kept, null, started.plusSeconds(10));
        String ticketStatus = text("SELECT status FROM ticketing.tickets WHERE id = ?", ticket);
        String ticketOpenedAt = text("SELECT opened_at::text FROM ticketing.tickets WHERE id = ?", ticket);

        RetentionReport report = job.run(REAL);

        assertEquals(2, report.count("conversation.conversations", "deleted"), report::toString);
        assertEquals(3, report.count("conversation.messages", "deleted"));
        assertEquals(1, report.count("conversation.feedback", "deleted"));
        assertEquals(2, report.count("tracing.agent_traces", "deleted"));
        assertEquals(1, report.count("ticketing.handoffs", "deleted"));
        assertEquals(1, report.count("ticketing.tickets", "anonymised"));
        assertEquals(0, report.count("conversation.conversations", "archived"), "the default action is delete");
        assertFalse(exists("conversation.conversations", bare));
        assertEquals(0, count("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", expired));
        assertEquals(0, count("SELECT count(*) FROM conversation.feedback WHERE conversation_id = ?", expired));
        assertFalse(exists("tracing.agent_traces", span));
        assertFalse(exists("tracing.agent_traces", conversationSpan));
        assertFalse(exists("ticketing.handoffs", handoff));

        assertTrue(exists("ticketing.tickets", ticket), "the ticket stays for support statistics");
        assertNull(text("SELECT conversation_id::text FROM ticketing.tickets WHERE id = ?", ticket));
        assertNull(text("SELECT description FROM ticketing.tickets WHERE id = ?", ticket));
        assertNull(text("SELECT escalation_reason FROM ticketing.tickets WHERE id = ?", ticket));
        assertNull(text("SELECT initial_summary FROM ticketing.tickets WHERE id = ?", ticket));
        assertEquals("{}", text("SELECT metadata::text FROM ticketing.tickets WHERE id = ?", ticket));
        assertEquals(ticketStatus, text("SELECT status FROM ticketing.tickets WHERE id = ?", ticket));
        assertEquals(ticketOpenedAt, text("SELECT opened_at::text FROM ticketing.tickets WHERE id = ?", ticket));
        assertEquals(2, count("SELECT count(*) FROM ticketing.ticket_events WHERE ticket_id = ?", ticket), "the history's shape stays");
        assertEquals(0, count("SELECT count(*) FROM ticketing.ticket_events WHERE ticket_id = ? AND reason IS NOT NULL", ticket));

        assertTrue(exists("conversation.conversations", kept));
        assertEquals(1, count("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", kept));
        assertEquals("refund for order 1234", text("SELECT description FROM ticketing.tickets WHERE id = ?", keptTicket));
    }

    @Test
    void open_conversations_idle_too_long_are_closed_first_and_purged_only_a_closed_window_later() {
        UUID idle = openConversation("dave", IDLE_CUTOFF.minus(Duration.ofDays(30)), IDLE_CUTOFF.minusSeconds(1));
        message(idle, "user", "hello?", IDLE_CUTOFF.minusSeconds(2));
        UUID atIdleCutoff = openConversation("dave", IDLE_CUTOFF.minus(Duration.ofDays(30)), IDLE_CUTOFF);
        UUID active = openConversation("dave", IDLE_CUTOFF.minus(Duration.ofDays(30)), IDLE_CUTOFF.plus(Duration.ofDays(1)));

        RetentionReport closing = job.run(REAL);

        assertEquals(1, closing.count("conversation.conversations", "closed"), closing::toString);
        assertEquals(0, closing.count("conversation.conversations", "deleted"), "not purged in the run that closes it");
        assertEquals("closed", text("SELECT status FROM conversation.conversations WHERE id = ?", idle));
        assertEquals(1, count("SELECT count(*) FROM conversation.conversations WHERE id = ? AND ended_at = ?", idle,
                NOW.atOffset(ZoneOffset.UTC)), "ended when the run closed it");
        assertEquals(1, count("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", idle));
        assertEquals("open", text("SELECT status FROM conversation.conversations WHERE id = ?", atIdleCutoff), "idle exactly the window: stays open");
        assertEquals("open", text("SELECT status FROM conversation.conversations WHERE id = ?", active));

        // exactly the closed window after it was closed: still there (its ended_at is not older than the cutoff)
        clock.set(NOW.plus(Duration.ofDays(90)));
        job.run(REAL);
        assertTrue(exists("conversation.conversations", idle), "closed 90 days ago to the instant: stays");

        clock.set(NOW.plus(Duration.ofDays(90)).plusSeconds(1));
        job.run(REAL);
        assertFalse(exists("conversation.conversations", idle), "closed more than 90 days ago: purged");
        assertEquals(0, count("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", idle));
        assertTrue(exists("conversation.conversations", active), "closed by this later run, not purged by it");
    }

    @Test
    void closing_idle_conversations_never_takes_more_than_the_batch_asks_for() {
        List<UUID> idle = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            idle.add(openConversation(null, IDLE_CUTOFF.minus(Duration.ofDays(30)), IDLE_CUTOFF.minus(Duration.ofHours(5 - i))));
        }

        // the module's call directly: with the locking subquery run again per updated row, one call closed all five
        assertEquals(2, conversations.closeIdle(IDLE_CUTOFF, NOW, 2));
        assertEquals(List.of("closed", "closed", "open", "open", "open"), idle.stream()
                .map(id -> text("SELECT status FROM conversation.conversations WHERE id = ?", id)).toList(), "oldest first");

        RetentionReport report = job.run(REAL);

        assertEquals(3, report.count("conversation.conversations", "closed"), report::toString);
        assertEquals(2, report.batches().get("idle_conversations"), "batches of 1 and 2 (the time box starts at one; the ceiling is 2)");
    }

    @Test
    void agent_traces_older_than_their_window_go_even_when_their_conversation_stays() {
        UUID conversation = openConversation("erin", NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofHours(1)));
        UUID older = trace(conversation, null, TRACES_CUTOFF.minusSeconds(1));
        UUID atCutoff = trace(conversation, null, TRACES_CUTOFF);
        UUID younger = trace(conversation, null, TRACES_CUTOFF.plus(Duration.ofDays(1)));

        RetentionReport report = job.run(REAL);

        assertEquals(TRACES_CUTOFF, report.cutoffs().get("agent_traces"));
        assertEquals(1, report.count("tracing.agent_traces", "deleted"), report::toString);
        assertFalse(exists("tracing.agent_traces", older));
        assertTrue(exists("tracing.agent_traces", atCutoff));
        assertTrue(exists("tracing.agent_traces", younger));
        assertTrue(exists("conversation.conversations", conversation));
    }

    @Test
    void api_request_log_rows_go_by_age_in_bounded_batches() {
        Instant cutoff = NOW.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 1; i <= 5; i++) {
            apiRequest(cutoff.minus(Duration.ofHours(i)));
        }
        UUID atCutoff = apiRequest(cutoff);
        UUID younger = apiRequest(cutoff.plusSeconds(1));

        RetentionReport report = job.run(REAL);

        assertEquals(5, report.count("tracing.api_requests", "deleted"), report::toString);
        assertEquals(3, report.batches().get("api_requests"), "5 rows in batches of 2");
        assertTrue(exists("tracing.api_requests", atCutoff));
        assertTrue(exists("tracing.api_requests", younger));
        assertEquals(0, count("SELECT count(*) FROM tracing.api_requests WHERE created_at < ?", cutoff.atOffset(ZoneOffset.UTC)));
    }

    @Test
    void conversations_go_in_batches_of_the_configured_size() {
        for (int i = 0; i < 5; i++) {
            closedConversation(null, CLOSED_CUTOFF.minus(Duration.ofDays(20)), CLOSED_CUTOFF.minus(Duration.ofDays(10 - i)));
        }

        RetentionReport report = job.run(REAL);

        assertEquals(5, report.count("conversation.conversations", "deleted"));
        assertEquals(3, report.batches().get("closed_conversations"), report::toString);
    }

    @Test
    void a_dry_run_changes_nothing_and_counts_what_the_real_run_then_does() {
        Instant ended = CLOSED_CUTOFF.minus(Duration.ofDays(3));
        Instant started = ended.minus(Duration.ofHours(2));
        for (int i = 0; i < 3; i++) {
            UUID expired = closedConversation("frank", started, ended.plusSeconds(i));
            UUID question = message(expired, "user", "where is my parcel " + i, started.plusSeconds(1));
            message(expired, "assistant", "it is on its way", started.plusSeconds(2));
            feedback(expired, 5, null, ended);
            UUID ticket = ticket(expired, null, started.plusSeconds(3));
            handoff(ticket, expired, started.plusSeconds(4));
            trace(expired, question, TRACES_CUTOFF.minus(Duration.ofDays(1)));
            trace(expired, question, TRACES_CUTOFF.plus(Duration.ofDays(1)));
        }
        UUID idle = openConversation(null, IDLE_CUTOFF.minus(Duration.ofDays(2)), IDLE_CUTOFF.minus(Duration.ofDays(1)));
        apiRequest(TRACES_CUTOFF.minusSeconds(5));
        Map<String, Long> before = tableCounts();
        String ticketsBefore = text("SELECT string_agg(coalesce(description, '-'), ',' ORDER BY id) FROM ticketing.tickets");

        RetentionReport dry = job.run(DRY);

        assertTrue(dry.dryRun());
        assertEquals(before, tableCounts(), "a dry run deletes nothing");
        assertEquals(ticketsBefore, text("SELECT string_agg(coalesce(description, '-'), ',' ORDER BY id) FROM ticketing.tickets"));
        assertEquals("open", text("SELECT status FROM conversation.conversations WHERE id = ?", idle), "and closes nothing");
        assertEquals(3, dry.count("conversation.conversations", "deleted"), dry::toString);
        assertEquals(1, dry.count("conversation.conversations", "closed"));
        assertEquals(6, dry.count("conversation.messages", "deleted"));
        assertEquals(6, dry.count("tracing.agent_traces", "deleted"), "3 by age, 3 with their conversations");

        RetentionReport real = job.run(REAL);

        assertFalse(real.dryRun());
        assertEquals(dry.tables(), real.tables(), "the dry run predicted every count");
        assertEquals(dry.batches(), real.batches());
        assertEquals(dry.cutoffs(), real.cutoffs());
        assertEquals(before.get("conversation.conversations") - 3, tableCounts().get("conversation.conversations"));
    }

    private static Map<String, Long> tableCounts() {
        Map<String, Long> counts = new HashMap<>();
        for (String table : new String[]{"conversation.conversations", "conversation.messages", "conversation.feedback",
                "tracing.agent_traces", "tracing.api_requests", "ticketing.tickets", "ticketing.ticket_events", "ticketing.handoffs"}) {
            counts.put(table, count("SELECT count(*) FROM " + table));
        }
        counts.put("closed", count("SELECT count(*) FROM conversation.conversations WHERE status = 'closed'"));
        return counts;
    }
}
