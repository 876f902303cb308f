package io.parley.retention.adapter.out.archive;

import io.micronaut.context.ApplicationContext;
import io.parley.retention.application.port.out.ArchiveSink;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code parley.retention.archive.directory}: where the archive goes, {@code data/retention-archive} by default. */
class ArchiveDirectoryTest {

    @Test
    void the_directory_is_data_retention_archive_unless_configured() {
        try (ApplicationContext context = ApplicationContext.run(new HashMap<>(TestDatabase.properties()), "test")) {
            assertEquals(Path.of("data", "retention-archive").toAbsolutePath(), directoryOf(context));
        }
        Map<String, Object> configured = new HashMap<>(TestDatabase.properties());
        configured.put("parley.retention.archive.directory", "/var/lib/parley/archive");
        try (ApplicationContext context = ApplicationContext.run(configured, "test")) {
            assertEquals(Path.of("/var/lib/parley/archive"), directoryOf(context));
        }
    }

    private static Path directoryOf(ApplicationContext context) {
        return ((LocalDirectoryArchiveSink) context.getBean(ArchiveSink.class)).directory();
    }
}
