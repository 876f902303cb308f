package io.parley.retention.adapter.out.archive;

import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.retention.application.port.out.ArchiveSink;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The archive in a local (or mounted) directory: one gzip file per run, {@code retention-<start>-<run id>.jsonl.gz},
 * one JSON line per conversation. Each batch is one complete gzip member appended to the file (concatenated
 * members are a valid gzip stream: {@code zcat} and {@link java.util.zip.GZIPInputStream} read them as one).
 *
 * <p>Before a batch's member is written, a journal {@code <archive>.pending} records the file's length and the
 * batch's conversation ids (written to a temporary file, fsynced, renamed). The member is then appended and
 * fsynced. Confirming deletes the journal; abandoning truncates the file back to the recorded length. A journal
 * found at the next run's start belongs to a run that died in between, and {@link #recover} settles it from the
 * database's state. Files are created owner-only: they hold personal data.
 *
 * <p>The directory is {@code parley.retention.archive.directory} (default {@code data/retention-archive}, relative
 * to the working directory).
 */
@Singleton
final class LocalDirectoryArchiveSink implements ArchiveSink {

    static final String ARCHIVE_SUFFIX = ".jsonl.gz";
    static final String JOURNAL_SUFFIX = ".pending";
    private static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int BUFFER = 64 * 1024;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(LocalDirectoryArchiveSink.class);

    private final Path directory;
    private final JsonMapper json;

    LocalDirectoryArchiveSink(@Value("${parley.retention.archive.directory:data/retention-archive}") Path directory, JsonMapper json) {
        this.directory = directory.toAbsolutePath();
        this.json = json;
    }

    /** Where the archive goes (absolute). */
    Path directory() {
        return directory;
    }

    /** What a journal records: the archive file, its length before the batch, and the batch's conversations. */
    @Serdeable
    record Journal(String archive, long offset, List<UUID> conversationIds) {
    }

    @Override
    public void recover(Predicate<Collection<UUID>> stillPresent) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> leftovers;
        try (Stream<Path> files = Files.list(directory)) {
            leftovers = files.filter(f -> f.getFileName().toString().endsWith(JOURNAL_SUFFIX)
                    || f.getFileName().toString().endsWith(JOURNAL_SUFFIX + TEMPORARY_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the retention archive directory " + directory, e);
        }
        for (Path leftover : leftovers) {
            try {
                if (leftover.getFileName().toString().endsWith(TEMPORARY_SUFFIX)) {
                    // the run died before its journal existed, so before it touched the archive
                    Files.deleteIfExists(leftover);
                } else {
                    settle(leftover, stillPresent);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot settle the pending retention archive batch " + leftover.getFileName(), e);
            }
        }
        syncDirectory();
    }

    private void settle(Path journalFile, Predicate<Collection<UUID>> stillPresent) throws IOException {
        Journal journal = json.readValue(Files.readAllBytes(journalFile), Journal.class);
        Path archive = directory.resolve(Path.of(journal.archive()).getFileName().toString());
        boolean deleted = !stillPresent.test(journal.conversationIds());
        if (!deleted && Files.exists(archive)) {
            try (FileChannel channel = FileChannel.open(archive, StandardOpenOption.WRITE)) {
                if (channel.size() > journal.offset()) {
                    channel.truncate(journal.offset());
                }
                channel.force(true);
            }
            if (Files.size(archive) == 0) {
                Files.delete(archive);
            }
        }
        Files.delete(journalFile);
        LOG.warn("retention archive {}: a batch of {} conversations left pending by an earlier run was {}", archive.getFileName(),
                journal.conversationIds().size(), deleted ? "kept (its delete had committed)" : "dropped (its delete had not committed)");
    }

    @Override
    public Run open(String runId, Instant startedAt) {
        return new FileRun("retention-" + FILE_TIME.format(startedAt) + "-" + runId + ARCHIVE_SUFFIX);
    }

    private final class FileRun implements Run {

        private final String fileName;
        private FileChannel channel;

        FileRun(String fileName) {
            this.fileName = fileName;
        }

        @Override
        public PendingBatch write(Collection<UUID> conversationIds, LineSource source) {
            try {
                FileChannel file = channel();
                if (Files.exists(journalOf())) {
                    // its journal would be overwritten, and with it the only record of what to settle
                    throw new IllegalStateException("the previous archive batch of " + fileName + " is not settled");
                }
                long offset = file.size();
                Path journal = writeJournal(new Journal(fileName, offset, List.copyOf(conversationIds)));
                try {
                    file.position(offset);
                    try (GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(new ChannelOutput(file), BUFFER), BUFFER)) {
                        source.emit(line -> {
                            try {
                                gzip.write(json.writeValueAsBytes(line));
                                gzip.write('\n');
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                    file.force(true);
                } catch (IOException | RuntimeException e) {
                    try {
                        rollBack(offset, journal);
                    } catch (IOException | RuntimeException again) {
                        e.addSuppressed(again);
                    }
                    throw e;
                }
                return new FilePending(offset, journal);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the retention archive " + fileName, e);
            }
        }

        @Override
        public String location() {
            return channel == null ? null : fileName;
        }

        @Override
        public void close() {
            if (channel == null) {
                return;
            }
            try {
                boolean empty = channel.size() == 0;
                channel.close();
                if (empty && !Files.exists(journalOf())) {
                    Files.deleteIfExists(directory.resolve(fileName));
                }
            } catch (IOException e) {
                LOG.warn("could not close the retention archive {} ({})", fileName, e.getClass().getName());
            }
        }

        private FileChannel channel() throws IOException {
            if (channel == null) {
                createDirectory();
                Path file = directory.resolve(fileName);
                try {
                    channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(false));
                } catch (UnsupportedOperationException notPosix) {
                    channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                }
                syncDirectory();
            }
            return channel;
        }

        private Path journalOf() {
            return directory.resolve(fileName + JOURNAL_SUFFIX);
        }

        private Path writeJournal(Journal journal) throws IOException {
            Path temporary = directory.resolve(fileName + JOURNAL_SUFFIX + TEMPORARY_SUFFIX);
            try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(json.writeValueAsBytes(journal));
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
                file.force(true);
            }
            Path journalFile = journalOf();
            Files.move(temporary, journalFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
            return journalFile;
        }

        private void rollBack(long offset, Path journal) throws IOException {
            channel.truncate(offset);
            channel.force(true);
            Files.deleteIfExists(journal);
            syncDirectory();
        }

        private final class FilePending implements PendingBatch {

            private final long offset;
            private final Path journal;
            private boolean settled;

            FilePending(long offset, Path journal) {
                this.offset = offset;
                this.journal = journal;
            }

            @Override
            public void confirm() {
                settle(() -> {
                    Files.deleteIfExists(journal);
                    syncDirectory();
                });
            }

            @Override
            public void abandon() {
                settle(() -> rollBack(offset, journal));
            }

            private void settle(IoAction action) {
                if (settled) {
                    throw new IllegalStateException("this archive batch is already settled");
                }
                try {
                    action.run();
                    settled = true;
                } catch (IOException e) {
                    // the journal stays, and the next run settles the batch from the database's state
                    throw new UncheckedIOException("cannot settle a retention archive batch of " + fileName, e);
                }
            }
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, ownerOnly(true));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile: fine
        }
    }

    /** Makes creations and renames in the directory durable; a file system that cannot sync a directory is left as is. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("the retention archive directory cannot be synced on this platform ({})", e.getClass().getName());
        }
    }

    private static FileAttribute<?> ownerOnly(boolean directory) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
    }

    /** Writes into the channel at its position and never closes it: one member of the file is not the whole file. */
    private static final class ChannelOutput extends OutputStream {

        private final FileChannel channel;

        ChannelOutput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() {
            // the channel belongs to the run
        }
    }
}
