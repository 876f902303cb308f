package io.parley.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the process finds its database and JWT secret before Micronaut starts. */
class LocalRuntimeTest {

    @TempDir
    Path dataDir;

    @Test
    void without_a_database_url_the_embedded_default_is_used_and_its_secret_is_generated_once_and_kept() throws Exception {
        var runtime = new LocalRuntime(Map.of("PARLEY_DATA_DIR", dataDir.toString()));

        assertTrue(runtime.usesEmbeddedDatabase());
        String first = runtime.jwtSecret();
        assertTrue(first.length() >= 64, "at least 32 random bytes, hex");
        assertEquals(first, Files.readString(dataDir.resolve("jwt-secret")).trim());
        assertEquals(first, new LocalRuntime(Map.of("PARLEY_DATA_DIR", dataDir.toString())).jwtSecret(), "kept across restarts");
    }

    @Test
    void a_configured_secret_wins() {
        var runtime = new LocalRuntime(Map.of("PARLEY_DATA_DIR", dataDir.toString(), "PARLEY_JWT_SECRET", "x".repeat(40)));
        assertEquals("x".repeat(40), runtime.jwtSecret());
        assertFalse(Files.exists(dataDir.resolve("jwt-secret")));
    }

    @Test
    void a_short_secret_is_refused() {
        var runtime = new LocalRuntime(Map.of("PARLEY_JWT_SECRET", "short"));
        assertThrows(IllegalStateException.class, runtime::jwtSecret);
    }

    @Test
    void a_real_database_needs_a_real_secret() {
        var runtime = new LocalRuntime(Map.of("PARLEY_DATABASE_URL", "jdbc:postgresql://db/parley"));
        assertFalse(runtime.usesEmbeddedDatabase());
        assertTrue(runtime.startDatabaseIfNeeded().isEmpty(), "no embedded database when a URL is configured");
        assertThrows(IllegalStateException.class, runtime::jwtSecret);
    }
}
