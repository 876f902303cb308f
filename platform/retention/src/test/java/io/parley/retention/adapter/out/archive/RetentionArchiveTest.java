package io.parley.retention.adapter.out.archive;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.conversation.api.ArchivedConversation;
import io.parley.retention.adapter.out.archive.ArchiveUnderTest.Crash;
import io.parley.retention.adapter.out.archive.ArchiveUnderTest.SimulatedCrash;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import io.parley.retention.application.port.out.ArchiveLine;
import io.parley.retention.application.port.out.RetentionBatchObserver;
import io.parley.retention.application.port.out.RetentionBatchObserver.Stage;
import io.parley.retention.domain.RetentionReport;
import io.parley.ticketing.api.ArchivedTicket;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static io.parley.retention.application.port.in.RunRetentionCommand.DRY;
import static io.parley.retention.application.port.in.RunRetentionCommand.REAL;
import static io.parley.testing.RetentionFixtures.closedConversation;
import static io.parley.testing.RetentionFixtures.exists;
import static io.parley.testing.RetentionFixtures.feedback;
import static io.parley.testing.RetentionFixtures.handoff;
import static io.parley.testing.RetentionFixtures.message;
import static io.parley.testing.RetentionFixtures.text;
import static io.parley.testing.RetentionFixtures.ticket;
import static io.parley.testing.RetentionFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive action, end to end: every purged conversation is written whole (header, messages, feedback, ticket
 * with history and handoff) as one JSON line of the run's gzip file before its delete commits, can be read
 * back, and a run that dies at any point of a batch loses nothing and repeats nothing on the next run.
 * A throwing {@link RetentionBatchObserver} stands in for the process dying at that point.
 */
@MicronautTest(transactional = false)
class RetentionArchiveTest implements PostgresBacked {

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);
    static final Instant CUTOFF = NOW.minus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
    static final ArchiveUnderTest ARCHIVE = new ArchiveUnderTest("parley-retention-archive-test");

    final MutableClock clock = new MutableClock(NOW);
    final Crash crash = new Crash();

    @Inject
    RunRetentionUseCase job;
    @Inject
    JsonMapper json;
    RetentionArchiveReader reader;

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
        properties.put("parley.retention.batch-size", "2");
        properties.put("parley.retention.pause", "0s");
        properties.put("parley.retention.closed-conversations.action", "archive");
        properties.put("parley.retention.archive.directory", ARCHIVE.directory.toString());
        return properties;
    }

    @BeforeEach
    void startFromAnEmptyArchive() {
        reader = new RetentionArchiveReader(json);
        crash.disarm();
        clock.set(NOW);
        job.run(REAL);
        ARCHIVE.empty();
    }

    @AfterAll
    void removeTheArchive() {
        ARCHIVE.remove();
    }

    @Test
    void every_purged_conversation_is_archived_whole_and_can_be_read_back() {
        Instant started = CUTOFF.minus(Duration.ofDays(7));
        Instant ended = started.plus(Duration.ofHours(1));
        UUID full = closedConversation("grace", started, ended);
        message(full, "user", "My card was charged twice", started.plusSeconds(1));
        message(full, "assistant", "I am sorry, let me look", started.plusSeconds(2));
        message(full, "user", "Thanks\nsecond line", started.plusSeconds(3));
        feedback(full, 2, "slow", ended);
        UUID ticket = ticket(full, user("grace"), started.plusSeconds(10));
        handoff(ticket, full, started.plusSeconds(20));
        String session = text("SELECT session_id FROM conversation.conversations WHERE id = ?", full);
        UUID guest = closedConversation(null, started, ended.plusSeconds(1));
        UUID chatty = closedConversation("grace", started, ended.plusSeconds(2));
        message(chatty, "user", "hello", started.plusSeconds(1));
        UUID kept = closedConversation("grace", started, CUTOFF.plus(Duration.ofDays(1)));

        RetentionReport report = job.run(REAL);

        assertEquals("archive", report.action());
        assertEquals(3, report.count("conversation.conversations", "archived"), report::toString);
        assertEquals(3, report.count("conversation.conversations", "deleted"));
        assertEquals(4, report.count("conversation.messages", "archived"));
        assertEquals(1, report.count("conversation.feedback", "archived"));
        assertEquals(1, report.count("ticketing.tickets", "archived"));
        assertEquals(1, report.count("ticketing.handoffs", "archived"));
        assertEquals(1, report.count("ticketing.tickets", "anonymised"));
        assertNotNull(report.archive());
        assertEquals(List.of(report.archive()), ARCHIVE.names(), "one file for the run, nothing left pending");

        Map<UUID, ArchiveLine> lines = byConversation(reader.readDirectory(ARCHIVE.directory));
        assertEquals(Set.of(full, guest, chatty), lines.keySet());
        assertFalse(exists("conversation.conversations", full));
        assertTrue(exists("conversation.conversations", kept));

        ArchiveLine line = lines.get(full);
        assertEquals(ArchiveLine.FORMAT, line.format());
        assertEquals(report.runId(), line.runId());
        assertEquals(NOW, line.archivedAt());
        ArchivedConversation conversation = line.conversation();
        assertEquals("grace", conversation.userSubject());
        assertEquals("closed", conversation.status());
        assertEquals(ended, conversation.endedAt());
        assertEquals("fixture", conversation.metadata().get("source"));
        assertEquals(List.of("My card was charged twice", "I am sorry, let me look", "Thanks\nsecond line"),
                conversation.messages().stream().map(m -> m.content()).toList());
        assertEquals(List.of(1L, 2L, 3L), conversation.messages().stream().map(m -> m.seq()).toList());
        assertEquals(0.75, conversation.messages().get(0).confidence());
        assertEquals(2, conversation.feedback().rating());
        assertEquals("slow", conversation.feedback().comment());
        ArchivedTicket archivedTicket = line.ticket();
        assertEquals(ticket, archivedTicket.id());
        assertTrue(archivedTicket.number().startsWith("T-"));
        assertEquals("refund for order 1234", archivedTicket.description(), "archived as it was before anonymisation");
        assertEquals("customer asked for a human", archivedTicket.escalationReason());
        assertEquals("1234", archivedTicket.metadata().get("order"));
        assertEquals(List.of("assistant opened a case", "wants to talk to a person"),
                archivedTicket.history().stream().map(e -> e.reason()).toList());
        assertEquals("zendesk", archivedTicket.handoff().provider());
        assertNull(text("SELECT description FROM ticketing.tickets WHERE id = ?", ticket), "while the kept row is anonymised");

        assertNull(lines.get(guest).ticket());
        assertNull(lines.get(guest).conversation().userSubject());
        assertTrue(lines.get(guest).conversation().messages().isEmpty());
        assertEquals(1, lines.get(chatty).conversation().messages().size());

        String raw = decompressed(ARCHIVE.directory.resolve(report.archive()));
        assertEquals(3, raw.lines().count(), "one line per conversation");
        assertFalse(raw.contains(session), "the guest session capability is not archived");
        assertTrue(raw.contains("\"user_subject\":\"grace\""), "snake_case on disk as on the wire");
    }

    @Test
    void a_run_killed_between_batches_resumes_where_it_stopped_and_archives_each_conversation_once() {
        List<UUID> expired = expiredConversations(5);
        crash.at(Stage.DONE, 2);

        assertThrows(SimulatedCrash.class, () -> job.run(REAL));

        // batches of 1, then 2: the time box's first batch takes one conversation (the clock stands still, so it doubles)
        assertFalse(exists("conversation.conversations", expired.get(0)), "oldest first");
        assertFalse(exists("conversation.conversations", expired.get(2)));
        assertTrue(exists("conversation.conversations", expired.get(3)), "the batch after the crash never ran");
        assertEquals(3, reader.readDirectory(ARCHIVE.directory).size());

        crash.disarm();
        RetentionReport resumed = job.run(REAL);

        assertEquals(2, resumed.count("conversation.conversations", "deleted"));
        ARCHIVE.assertEachArchivedOnce(expired, json);
        assertEquals(2, ARCHIVE.names().size(), "one file per run");
    }

    @Test
    void a_batch_whose_delete_did_not_commit_leaves_nothing_in_the_archive() {
        List<UUID> expired = expiredConversations(5);
        crash.at(Stage.BEFORE_COMMIT, 2);

        assertThrows(SimulatedCrash.class, () -> job.run(REAL));

        assertFalse(exists("conversation.conversations", expired.get(0)), "the first batch (of one) committed");
        assertTrue(exists("conversation.conversations", expired.get(1)), "the second batch rolled back");
        assertTrue(exists("conversation.conversations", expired.get(2)));
        assertEquals(expired.subList(0, 1), ARCHIVE.archivedIds(json), "and its lines went with it");
        assertTrue(ARCHIVE.names().stream().noneMatch(n -> n.endsWith(".pending")), ARCHIVE.names()::toString);

        crash.disarm();
        job.run(REAL);

        ARCHIVE.assertEachArchivedOnce(expired, json);
    }

    @Test
    void a_run_that_died_after_a_delete_committed_but_before_the_archive_confirmed_it_keeps_that_batch() {
        List<UUID> expired = expiredConversations(5);
        crash.at(Stage.COMMITTED, 2);

        assertThrows(SimulatedCrash.class, () -> job.run(REAL));

        assertFalse(exists("conversation.conversations", expired.get(2)), "the second batch (conversations 2 and 3) committed");
        assertTrue(exists("conversation.conversations", expired.get(3)));
        assertTrue(ARCHIVE.names().stream().anyMatch(n -> n.endsWith(".pending")), "and its archive batch is still pending");
        assertEquals(1, reader.readDirectory(ARCHIVE.directory).size(), "a pending batch is not read as part of the archive");

        crash.disarm();
        job.run(REAL);

        ARCHIVE.assertEachArchivedOnce(expired, json);
        assertTrue(ARCHIVE.names().stream().noneMatch(n -> n.endsWith(".pending")), ARCHIVE.names()::toString);
    }

    @Test
    void a_dry_run_writes_no_archive() {
        List<UUID> expired = expiredConversations(3);

        RetentionReport dry = job.run(DRY);

        assertEquals(3, dry.count("conversation.conversations", "archived"), dry::toString);
        assertNull(dry.archive());
        assertEquals(List.of(), ARCHIVE.names());
        expired.forEach(id -> assertTrue(exists("conversation.conversations", id)));
    }

    /** {@code n} expired conversations with a message each, oldest first. */
    private static List<UUID> expiredConversations(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant ended = CUTOFF.minus(Duration.ofDays(n - i));
            UUID id = closedConversation("heidi", ended.minus(Duration.ofHours(1)), ended);
            message(id, "user", "question " + i, ended.minus(Duration.ofMinutes(30)));
            ids.add(id);
        }
        return ids;
    }

    private static Map<UUID, ArchiveLine> byConversation(List<ArchiveLine> lines) {
        return lines.stream().collect(Collectors.toMap(l -> l.conversation().id(), Function.identity()));
    }

    private static String decompressed(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
