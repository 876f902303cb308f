package io.parley.retention.adapter.out.archive;

import io.micronaut.serde.ObjectMapper;
import io.parley.conversation.api.ArchivedConversation;
import io.parley.conversation.api.ArchivedMessage;
import io.parley.retention.application.port.out.ArchiveLine;
import io.parley.retention.application.port.out.ArchiveSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local-directory archive on its own (no database): batches are gzip members appended to one file per run,
 * a batch is durable before {@code write} returns and pending until settled, and a batch a dead run left pending
 * — even one torn mid-write — is settled by {@code recover} from what the database says.
 */
class LocalDirectoryArchiveSinkTest {

    static final Instant STARTED = Instant.parse("2026-11-23T03:30:00Z");

    @TempDir
    Path directory;

    final ObjectMapper json = ObjectMapper.getDefault();

    LocalDirectoryArchiveSink sink() {
        return new LocalDirectoryArchiveSink(directory, json);
    }

    RetentionArchiveReader reader() {
        return new RetentionArchiveReader(json);
    }

    @Test
    void batches_are_gzip_members_of_one_file_that_reads_back_as_one_stream() throws IOException {
        List<UUID> first = ids(2);
        List<UUID> second = ids(1);
        String location;
        try (ArchiveSink.Run run = sink().open("run-1", STARTED)) {
            run.write(first, lines(first)).confirm();
            run.write(second, lines(second)).confirm();
            location = run.location();
        }

        assertEquals("retention-20261123T033000Z-run-1.jsonl.gz", location);
        assertEquals(List.of(location), names(), "no journal left");
        assertEquals(concat(first, second), conversationIds(reader().read(directory.resolve(location))));
        try (InputStream plain = new GZIPInputStream(Files.newInputStream(directory.resolve(location)))) {
            assertEquals(3, new String(plain.readAllBytes(), StandardCharsets.UTF_8).lines().count(), "any gzip reader sees every member");
        }
    }

    @Test
    void a_batch_is_pending_until_settled_and_an_abandoned_one_is_cut_off() throws IOException {
        List<UUID> first = ids(2);
        try (ArchiveSink.Run run = sink().open("run-2", STARTED)) {
            run.write(first, lines(first)).confirm();
            Path file = directory.resolve(run.location());
            long settled = Files.size(file);

            List<UUID> second = ids(3);
            ArchiveSink.PendingBatch pending = run.write(second, lines(second));
            assertTrue(Files.size(file) > settled, "durable before write returns");
            assertTrue(Files.exists(journal(file)), "and pending");

            pending.abandon();

            assertEquals(settled, Files.size(file));
            assertFalse(Files.exists(journal(file)));
            assertEquals(first, conversationIds(reader().read(file)));
        }
    }

    @Test
    void a_second_batch_before_the_first_is_settled_is_refused() {
        List<UUID> first = ids(1);
        try (ArchiveSink.Run run = sink().open("run-8", STARTED)) {
            ArchiveSink.PendingBatch pending = run.write(first, lines(first));

            assertThrows(IllegalStateException.class, () -> run.write(ids(1), lines(ids(1))));

            pending.confirm();
            assertEquals(first, conversationIds(reader().read(directory.resolve(run.location()))));
        }
    }

    @Test
    void a_batch_whose_lines_fail_midway_leaves_nothing_behind() throws IOException {
        List<UUID> first = ids(1);
        try (ArchiveSink.Run run = sink().open("run-3", STARTED)) {
            run.write(first, lines(first)).confirm();
            Path file = directory.resolve(run.location());
            long settled = Files.size(file);

            assertThrows(IllegalStateException.class, () -> run.write(ids(2), out -> {
                out.accept(line(UUID.randomUUID()));
                throw new IllegalStateException("the database went away");
            }));

            assertEquals(settled, Files.size(file));
            assertFalse(Files.exists(journal(file)));
        }
    }

    @Test
    void recovery_drops_a_batch_torn_mid_write_whose_conversations_are_still_there() throws IOException {
        List<UUID> first = ids(2);
        List<UUID> torn = ids(2);
        Path file;
        try (ArchiveSink.Run run = sink().open("run-4", STARTED)) {
            run.write(first, lines(first)).confirm();
            file = directory.resolve(run.location());
            long settled = Files.size(file);
            run.write(torn, lines(torn));
            // the process died while the member was being written: half of it reached the disk
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(settled + (channel.size() - settled) / 2);
            }
        }
        List<Collection<UUID>> asked = new ArrayList<>();

        sink().recover(ids -> {
            asked.add(List.copyOf(ids));
            return true;
        });

        assertEquals(List.of(torn), asked, "the database is asked about the pending batch only");
        assertEquals(first, conversationIds(reader().read(file)));
        assertEquals(List.of(file.getFileName().toString()), names());
    }

    @Test
    void recovery_keeps_a_pending_batch_whose_conversations_are_gone() {
        List<UUID> first = ids(1);
        List<UUID> committed = ids(2);
        Path file;
        try (ArchiveSink.Run run = sink().open("run-5", STARTED)) {
            run.write(first, lines(first)).confirm();
            run.write(committed, lines(committed));
            file = directory.resolve(run.location());
        }
        assertEquals(first, conversationIds(reader().read(file)), "not part of the archive while pending");

        sink().recover(ids -> false);

        assertEquals(concat(first, committed), conversationIds(reader().read(file)));
        assertEquals(List.of(file.getFileName().toString()), names());
    }

    @Test
    void a_run_that_archives_nothing_leaves_no_file() {
        try (ArchiveSink.Run run = sink().open("run-6", STARTED)) {
            assertEquals(null, run.location());
        }
        assertFalse(Files.exists(directory.resolve("retention-20261123T033000Z-run-6.jsonl.gz")));
    }

    @Test
    void archive_files_are_readable_by_their_owner_only() throws IOException {
        List<UUID> first = ids(1);
        Path nested = directory.resolve("archive");
        try (ArchiveSink.Run run = new LocalDirectoryArchiveSink(nested, json).open("run-7", STARTED)) {
            run.write(first, lines(first)).confirm();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.resolve(run.location()))));
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
    }

    private static ArchiveSink.LineSource lines(List<UUID> ids) {
        return out -> ids.forEach(id -> out.accept(line(id)));
    }

    private static ArchiveLine line(UUID id) {
        ArchivedMessage message = new ArchivedMessage(UUID.randomUUID(), 1, "user", "hello " + id, null, null, Map.of(), 0, STARTED);
        ArchivedConversation conversation = new ArchivedConversation(id, null, null, "web", "en-US", "closed", null, Map.of(), 1,
                STARTED, STARTED, STARTED, List.of(message), null);
        return new ArchiveLine(ArchiveLine.FORMAT, "run", STARTED, conversation, null);
    }

    private static List<UUID> ids(int n) {
        return Stream.generate(UUID::randomUUID).limit(n).toList();
    }

    private static List<UUID> concat(List<UUID> a, List<UUID> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<UUID> conversationIds(List<ArchiveLine> lines) {
        return lines.stream().map(l -> l.conversation().id()).toList();
    }

    private static Path journal(Path file) {
        return file.resolveSibling(file.getFileName() + LocalDirectoryArchiveSink.JOURNAL_SUFFIX);
    }

    private List<String> names() {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
