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
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.retention.application.port.in.RunRetentionCommand.DRY;
import static io.parley.retention.application.port.in.RunRetentionCommand.REAL;
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
 * Issue 18: conversation batches are time-boxed. Over real PostgreSQL, with the job's clock advanced by each
 * delete step according to a price per conversation and per message ({@link WeighedConversations}): the first
 * batch takes one conversation, batches double while they take at most half the budget, stop growing where one
 * takes the budget (50 ms here), never pass the ceiling ({@code batch-size}), and after a batch that overran,
 * the next is smaller. Whatever the sizes, every expired conversation goes, nothing else does, and the report
 * counts exactly what went.
 */
@MicronautTest(transactional = false)
class RetentionTimeBoxTest implements PostgresBacked {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
    static final Instant CLOSED_CUTOFF = NOW.minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    static final Instant IDLE_CUTOFF = NOW.minus(Duration.ofDays(180)).truncatedTo(ChronoUnit.SECONDS);
    static final Duration BUDGET = Duration.ofMillis(50);

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
        properties.put("parley.retention.batch-size", "8");
        properties.put("parley.retention.batch-budget", "50ms");
        properties.put("parley.retention.pause", "0s");
        properties.put(WeighedConversations.IN_PLACE, "true");
        return properties;
    }

    WeighedConversations weighed() {
        return (WeighedConversations) conversations;
    }

    @BeforeEach
    void clearWhatEarlierTestsLeftExpired() {
        weighed().reset();
        clock.set(NOW);
        job.run(REAL);
        weighed().reset();
        clock.set(NOW);
    }

    @Test
    void batches_grow_until_one_takes_the_budget_stay_there_and_every_expired_conversation_goes() {
        List<UUID> expired = WeighedConversations.lightThenHeavy(CLOSED_CUTOFF, 0, 20);
        UUID atCutoff = closedConversation("ivan", CLOSED_CUTOFF.minus(Duration.ofDays(1)), CLOSED_CUTOFF);
        UUID newer = closedConversation("ivan", CLOSED_CUTOFF.minus(Duration.ofDays(1)), CLOSED_CUTOFF.plus(Duration.ofDays(1)));
        message(newer, "user", "still here", CLOSED_CUTOFF.minus(Duration.ofHours(1)));
        UUID open = openConversation("ivan", NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofMinutes(5)));
        long conversationsBefore = count("SELECT count(*) FROM conversation.conversations");
        long messagesBefore = count("SELECT count(*) FROM conversation.messages");
        weighed().price(clock, Duration.ofMillis(10), Duration.ZERO);

        RetentionReport report = job.run(REAL);

        // 10 ms a conversation: 1, 2 and 4 take 10, 20 and 40 ms; 5 take the 50 ms budget, and stay 5 (the ceiling is 8)
        assertEquals(List.of(1, 2, 4, 5, 5, 3), weighed().purged(), "the last look found 3 of the 5 it asked for");
        assertTrue(weighed().purged().stream().allMatch(n -> n * 10 <= BUDGET.toMillis()), "no batch took longer than the budget");
        assertEquals(6, report.batches().get("closed_conversations"), report::toString);
        assertEquals(20, report.count("conversation.conversations", "deleted"), report::toString);
        assertEquals(20, report.count("conversation.messages", "deleted"));
        expired.forEach(id -> assertFalse(exists("conversation.conversations", id)));
        assertEquals(conversationsBefore - 20, count("SELECT count(*) FROM conversation.conversations"), "nothing else went");
        assertEquals(messagesBefore - 20, count("SELECT count(*) FROM conversation.messages"));
        assertTrue(exists("conversation.conversations", atCutoff), "ended exactly at the cutoff: stays");
        assertTrue(exists("conversation.conversations", newer));
        assertEquals(1, count("SELECT count(*) FROM conversation.messages WHERE conversation_id = ?", newer));
        assertEquals("open", text("SELECT status FROM conversation.conversations WHERE id = ?", open));
    }

    @Test
    void after_a_batch_that_overran_the_budget_the_next_is_smaller_and_the_report_counts_exactly_what_went() {
        // seven light conversations (1 ms), then twelve heavy ones (1 ms + 10 ms for their message)
        List<UUID> expired = WeighedConversations.lightThenHeavy(CLOSED_CUTOFF, 7, 12);
        UUID heavy = expired.get(10);
        feedback(heavy, 3, "fine", CLOSED_CUTOFF.minus(Duration.ofHours(8)));
        UUID ticket = ticket(heavy, user("ivan"), CLOSED_CUTOFF.minus(Duration.ofHours(9)));
        handoff(ticket, heavy, CLOSED_CUTOFF.minus(Duration.ofHours(9)));
        // younger than the traces' own window: it goes only because its conversation goes
        trace(heavy, null, NOW.minus(Duration.ofDays(1)));
        RetentionReport dry = job.run(DRY);
        weighed().price(clock, Duration.ofMillis(1), Duration.ofMillis(10));

        RetentionReport report = job.run(REAL);

        // 1, 2, 4 light ones (1, 2, 4 ms: double); 8 at that pace meet heavy ones: 8 heavy take 88 ms, over the budget,
        // so the next takes 8 × 50/88 = 4 (44 ms), and the one after that finds nothing left
        assertEquals(List.of(1, 2, 4, 8, 4), weighed().purged());
        assertEquals(5, report.batches().get("closed_conversations"), report::toString);
        assertEquals(dry.tables(), report.tables(), "the counts do not depend on how the batches were cut");
        assertEquals(19, report.count("conversation.conversations", "deleted"), report::toString);
        assertEquals(12, report.count("conversation.messages", "deleted"));
        assertEquals(1, report.count("conversation.feedback", "deleted"));
        assertEquals(1, report.count("ticketing.tickets", "anonymised"));
        assertEquals(1, report.count("ticketing.handoffs", "deleted"));
        assertEquals(1, report.count("tracing.agent_traces", "deleted"));
        expired.forEach(id -> assertFalse(exists("conversation.conversations", id)));
        assertTrue(exists("ticketing.tickets", ticket), "the ticket stays");
        assertNull(text("SELECT conversation_id::text FROM ticketing.tickets WHERE id = ?", ticket));
        assertEquals(NOW.plusMillis(19 + 12 * 10), report.finishedAt(), "each conversation was weighed once: deleted once");
    }

    @Test
    void idle_conversations_are_closed_in_time_boxed_batches_too() {
        for (int i = 0; i < 12; i++) {
            openConversation(null, IDLE_CUTOFF.minus(Duration.ofDays(30)), IDLE_CUTOFF.minus(Duration.ofHours(12 - i)));
        }
        UUID active = openConversation(null, IDLE_CUTOFF.minus(Duration.ofDays(30)), IDLE_CUTOFF.plus(Duration.ofDays(1)));
        weighed().price(clock, Duration.ofMillis(10), Duration.ZERO);

        RetentionReport report = job.run(REAL);

        assertEquals(List.of(1, 2, 4, 5), weighed().closed(), "10 ms a conversation: 5 fill the budget");
        assertEquals(4, report.batches().get("idle_conversations"), report::toString);
        assertEquals(12, report.count("conversation.conversations", "closed"));
        assertEquals(0, report.count("conversation.conversations", "deleted"), "closed now, purged a closed window later");
        assertEquals("open", text("SELECT status FROM conversation.conversations WHERE id = ?", active));
    }
}
