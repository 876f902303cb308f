package io.parley.retention.adapter.out.archive;

import io.micronaut.json.JsonMapper;
import io.parley.retention.application.port.out.ArchiveLine;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads the local-directory archive back: every line of one file, or of every run's file in a directory (in
 * run order). A batch still pending (its journal exists: the run died before settling it) is not part of the
 * archive yet and is left out; the next run settles it. How an operator (or a test) reads back what
 * {@link LocalDirectoryArchiveSink} wrote.
 */
class RetentionArchiveReader {

    private final JsonMapper json;

    RetentionArchiveReader(JsonMapper json) {
        this.json = json;
    }

    List<ArchiveLine> readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(LocalDirectoryArchiveSink.ARCHIVE_SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ArchiveLine> lines = new ArrayList<>();
        files.forEach(file -> lines.addAll(read(file)));
        return lines;
    }

    List<ArchiveLine> read(Path file) {
        try {
            if (settledLength(file) == 0) {
                return List.of();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the retention archive " + file.getFileName(), e);
        }
        try (InputStream raw = Files.newInputStream(file);
             InputStream settled = new Prefix(raw, settledLength(file));
             BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(settled, 64 * 1024), StandardCharsets.UTF_8))) {
            List<ArchiveLine> lines = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty()) {
                    lines.add(json.readValue(line, ArchiveLine.class));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the retention archive " + file.getFileName(), e);
        }
    }

    private long settledLength(Path file) throws IOException {
        Path journal = file.resolveSibling(file.getFileName() + LocalDirectoryArchiveSink.JOURNAL_SUFFIX);
        if (Files.exists(journal)) {
            return json.readValue(Files.readAllBytes(journal), LocalDirectoryArchiveSink.Journal.class).offset();
        }
        return Files.size(file);
    }

    /** The first {@code length} bytes of a stream; {@code available} stays exact so GZIPInputStream sees where members end. */
    private static final class Prefix extends FilterInputStream {

        private long remaining;

        Prefix(InputStream in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buffer, offset, (int) Math.min(length, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }
    }
}
