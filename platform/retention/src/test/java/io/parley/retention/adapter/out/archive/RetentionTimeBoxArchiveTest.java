package io.parley.retention.adapter.out.archive;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.conversation.api.ConversationRetention;
import io.parley.retention.WeighedConversations;
import io.parley.retention.adapter.out.archive.ArchiveUnderTest.Crash;
import io.parley.retention.adapter.out.archive.ArchiveUnderTest.SimulatedCrash;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.application.port.out.RetentionBatchObserver;
import io.parley.retention.application.port.out.RetentionBatchObserver.Stage;
import io.parley.retention.domain.RetentionReport;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
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

import static io.parley.retention.application.port.in.RunRetentionCommand.REAL;
import static io.parley.testing.RetentionFixtures.exists;
import static io.parley.testing.RetentionFixtures.feedback;
import static io.parley.testing.RetentionFixtures.handoff;
import static io.parley.testing.RetentionFixtures.ticket;
import static io.parley.testing.RetentionFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive action with time-boxed batches of changing sizes (the job's clock advanced by each delete step, see
 * {@link WeighedConversations}): each batch's lines are durable before its delete commits, whatever its size, so
 * every purged conversation is archived exactly once, the report's archived counts equal its deleted ones, and a
 * run that dies in the batch after an overrun (a smaller one) loses nothing and repeats nothing.
 */
@MicronautTest(transactional = false)
class RetentionTimeBoxArchiveTest implements PostgresBacked {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
    static final Instant CUTOFF = NOW.minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    static final ArchiveUnderTest ARCHIVE = new ArchiveUnderTest("parley-retention-timebox-archive-test");

    final MutableClock clock = new MutableClock(NOW);
    final Crash crash = new Crash();

    @Inject
    RunRetentionUseCase job;
    @Inject
    ConversationRetention conversations;
    @Inject
    JsonMapper json;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @MockBean(RetentionBatchObserver.class)
    RetentionBatchObserver observer() {
        return crash;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(PostgresBacked.super.getProperties());
        properties.put("parley.retention.enabled", "false");
        properties.put("parley.retention.batch-size", "8");
        properties.put("parley.retention.batch-budget", "50ms");
        properties.put("parley.retention.pause", "0s");
        properties.put("parley.retention.closed-conversations.action", "archive");
        properties.put("parley.retention.archive.directory", ARCHIVE.directory.toString());
        properties.put(WeighedConversations.IN_PLACE, "true");
        return properties;
    }

    WeighedConversations weighed() {
        return (WeighedConversations) conversations;
    }

    @BeforeEach
    void startFromAnEmptyArchive() {
        crash.disarm();
        weighed().reset();
        clock.set(NOW);
        job.run(REAL);
        ARCHIVE.empty();
        weighed().reset();
        clock.set(NOW);
    }

    @AfterAll
    void removeTheArchive() {
        ARCHIVE.remove();
    }

    @Test
    void batches_of_every_size_archive_each_purged_conversation_once_and_the_report_archived_what_it_deleted() {
        // seven light conversations (1 ms), then twelve heavy ones (1 ms + 10 ms for their message)
        List<UUID> expired = WeighedConversations.lightThenHeavy(CUTOFF, 7, 12);
        UUID heavy = expired.get(9);
        feedback(heavy, 5, "thanks", CUTOFF.minus(Duration.ofHours(9)));
        UUID ticket = ticket(heavy, user("judy"), CUTOFF.minus(Duration.ofHours(10)));
        handoff(ticket, heavy, CUTOFF.minus(Duration.ofHours(10)));
        weighed().price(clock, Duration.ofMillis(1), Duration.ofMillis(10));

        RetentionReport report = job.run(REAL);

        assertEquals(List.of(1, 2, 4, 8, 4), weighed().purged(), "8 heavy ones took 88 ms, over the 50 ms budget: then 4");
        ARCHIVE.assertEachArchivedOnce(expired, json);
        assertEquals(19, report.count("conversation.conversations", "archived"), report::toString);
        for (String[] row : new String[][] {{"conversation.conversations", "deleted"}, {"conversation.messages", "deleted"},
                {"conversation.feedback", "deleted"}, {"ticketing.handoffs", "deleted"}, {"ticketing.tickets", "anonymised"}}) {
            assertEquals(report.count(row[0], row[1]), report.count(row[0], "archived"), row[0] + ": archived what went");
        }
        assertEquals(12, report.count("conversation.messages", "archived"));
        assertEquals(List.of(report.archive()), ARCHIVE.names(), "one file for the run, nothing left pending");
    }

    @Test
    void a_run_that_dies_in_the_smaller_batch_after_an_overrun_loses_nothing_and_repeats_nothing() {
        List<UUID> expired = WeighedConversations.lightThenHeavy(CUTOFF, 7, 12);
        weighed().price(clock, Duration.ofMillis(1), Duration.ofMillis(10));
        crash.at(Stage.BEFORE_COMMIT, 5);

        assertThrows(SimulatedCrash.class, () -> job.run(REAL));

        // batches 1-4 (1 + 2 + 4 + 8 = 15) committed; the fifth (4, after the overrun) rolled back with its lines
        assertEquals(List.of(1, 2, 4, 8, 4), weighed().purged());
        assertFalse(exists("conversation.conversations", expired.get(14)));
        assertTrue(exists("conversation.conversations", expired.get(15)), "the fifth batch rolled back");
        assertEquals(expired.subList(0, 15), ARCHIVE.archivedIds(json), "and its lines went with it");
        assertTrue(ARCHIVE.names().stream().noneMatch(n -> n.endsWith(".pending")), ARCHIVE.names()::toString);

        crash.disarm();
        RetentionReport resumed = job.run(REAL);

        assertEquals(4, resumed.count("conversation.conversations", "deleted"), resumed::toString);
        assertEquals(4, resumed.count("conversation.conversations", "archived"));
        ARCHIVE.assertEachArchivedOnce(expired, json);
        assertEquals(2, ARCHIVE.names().size(), "one file per run");
    }

}
