package io.parley.retention.adapter.out.archive;

import io.micronaut.json.JsonMapper;
import io.parley.retention.application.port.out.ArchiveLine;
import io.parley.retention.application.port.out.RetentionBatchObserver;
import io.parley.retention.domain.RetentionPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.parley.testing.RetentionFixtures.exists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What the end-to-end archive tests share: a temporary archive directory the job writes to, what is in it, and a
 * {@link Crash} that stands in for the process dying at one stage of one batch.
 */
final class ArchiveUnderTest {

    final Path directory;

    ArchiveUnderTest(String prefix) {
        try {
            this.directory = Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ids of the archived conversations, in the order of the archive's lines. */
    List<UUID> archivedIds(JsonMapper json) {
        return ids(new RetentionArchiveReader(json).readDirectory(directory));
    }

    /** Every purged conversation is in the archive exactly once and gone from the database. */
    void assertEachArchivedOnce(List<UUID> expected, JsonMapper json) {
        List<UUID> archived = archivedIds(json);
        assertEquals(expected.size(), archived.size(), "no conversation twice: " + archived);
        assertEquals(new HashSet<>(expected), new HashSet<>(archived), "none lost");
        expected.forEach(id -> assertFalse(exists("conversation.conversations", id)));
    }

    static List<UUID> ids(List<ArchiveLine> lines) {
        return lines.stream().map(l -> l.conversation().id()).toList();
    }

    /** The file names in the directory, sorted. */
    List<String> names() {
        return files().map(f -> f.getFileName().toString()).sorted().toList();
    }

    void empty() {
        files().forEach(ArchiveUnderTest::delete);
    }

    void remove() {
        empty();
        delete(directory);
    }

    private Stream<Path> files() {
        try (Stream<Path> listing = Files.list(directory)) {
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

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String where) {
            super("simulated crash " + where);
        }
    }

    /** Dies at one stage of one batch of the closed-conversation policy. */
    static final class Crash implements RetentionBatchObserver {

        private volatile Stage stage;
        private volatile int batch;

        void at(Stage stage, int batch) {
            this.stage = stage;
            this.batch = batch;
        }

        void disarm() {
            this.stage = null;
        }

        @Override
        public void at(Stage stage, RetentionPolicy policy, int batch) {
            if (stage == this.stage && batch == this.batch && policy == RetentionPolicy.CLOSED_CONVERSATIONS) {
                throw new SimulatedCrash(stage + " of batch " + batch);
            }
        }
    }
}
