package io.parley.retention.adapter.out.archive;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.conversation.api.ConversationRetention;
import io.parley.retention.WeighedConversations;
import io.parley.retention.adapter.out.archive.RetentionArchiveTest.Crash;
import io.parley.retention.adapter.out.archive.RetentionArchiveTest.SimulatedCrash;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.application.port.out.ArchiveLine;
import io.parley.retention.application.port.out.RetentionBatchObserver;
import io.parley.retention.application.port.out.RetentionBatchObserver.Stage;
import io.parley.retention.domain.RetentionReport;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

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
    static final Path ARCHIVE = temporaryDirectory();

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
        properties.put("parley.retention.archive.directory", ARCHIVE.toString());
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
        files().forEach(RetentionTimeBoxArchiveTest::delete);
        weighed().reset();
        clock.set(NOW);
    }

    @AfterAll
    void removeTheArchive() {
        files().forEach(RetentionTimeBoxArchiveTest::delete);
        delete(ARCHIVE);
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
        assertEachArchivedOnce(expired);
        assertEquals(19, report.count("conversation.conversations", "archived"), report::toString);
        for (String[] row : new String[][] {{"conversation.conversations", "deleted"}, {"conversation.messages", "deleted"},
                {"conversation.feedback", "deleted"}, {"ticketing.handoffs", "deleted"}, {"ticketing.tickets", "anonymised"}}) {
            assertEquals(report.count(row[0], row[1]), report.count(row[0], "archived"), row[0] + ": archived what went");
        }
        assertEquals(12, report.count("conversation.messages", "archived"));
        assertEquals(List.of(report.archive()), names(), "one file for the run, nothing left pending");
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
        assertEquals(expired.subList(0, 15), ids(new RetentionArchiveReader(json).readDirectory(ARCHIVE)), "and its lines went with it");
        assertTrue(names().stream().noneMatch(n -> n.endsWith(".pending")), names()::toString);

        crash.disarm();
        RetentionReport resumed = job.run(REAL);

        assertEquals(4, resumed.count("conversation.conversations", "deleted"), resumed::toString);
        assertEquals(4, resumed.count("conversation.conversations", "archived"));
        assertEachArchivedOnce(expired);
        assertEquals(2, names().size(), "one file per run");
    }

    private void assertEachArchivedOnce(List<UUID> expected) {
        List<UUID> archived = ids(new RetentionArchiveReader(json).readDirectory(ARCHIVE));
        assertEquals(expected.size(), archived.size(), "no conversation twice: " + archived);
        assertEquals(new HashSet<>(expected), new HashSet<>(archived), "none lost");
        expected.forEach(id -> assertFalse(exists("conversation.conversations", id)));
    }

    private static List<UUID> ids(List<ArchiveLine> lines) {
        return lines.stream().map(l -> l.conversation().id()).toList();
    }

    private static List<String> names() {
        return files().map(f -> f.getFileName().toString()).sorted().toList();
    }

    private static Stream<Path> files() {
        try (Stream<Path> listing = Files.list(ARCHIVE)) {
            return listing.sorted(Comparator.reverseOrder()).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("parley-retention-timebox-archive-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
