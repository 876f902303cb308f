package io.parley.app.config;

import io.parley.app.support.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The zero-setup default ({@code ./parley} without a database URL) keeps its data durably and stops in order: the
 * application first, so what it still writes while stopping reaches the embedded database, and the database after it.
 */
class EmbeddedDatabaseShutdownTest {

    @TempDir
    Path dataDir;

    @Test
    void the_application_stops_before_the_embedded_database_even_when_stopping_it_fails() {
        List<String> stopped = new ArrayList<>();

        LocalRuntime.stopInOrder(() -> {
            stopped.add("application");
            throw new IllegalStateException("a bean failed to stop");
        }, () -> stopped.add("database"));
        LocalRuntime.stopInOrder(null, () -> stopped.add("database without an application"));

        assertEquals(List.of("application", "database", "database without an application"), stopped);
    }

    @Test
    void commits_durably_and_a_request_logged_just_before_the_stop_is_in_the_embedded_database_afterwards() throws Exception {
        int httpPort = freePort();
        int databasePort = freePort();
        Path log = dataDir.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.parley.app.Application")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("PARLEY_DATABASE_URL");
        builder.environment().put("PARLEY_DATA_DIR", dataDir.toString());
        builder.environment().put("PARLEY_EMBEDDED_DATABASE_PORT", String.valueOf(databasePort));
        builder.environment().put("PARLEY_JWT_SECRET", TestTokens.SECRET);
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
        // the request log's writer would not store the line for an hour: only the stop can
        builder.environment().put("PARLEY_TRACING_REQUEST_LOG_FLUSH_INTERVAL", "1h");
        Process service = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            awaitHealthy(http, httpPort, service, log);
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/api/v1/conversations/" + UUID.randomUUID()))
                    .header("Authorization", "Bearer " + TestTokens.user("shutdown-test"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode(), missing.body());
            assertDurable(databasePort);
        } finally {
            service.destroy(); // SIGTERM, as a terminal's Ctrl-C or a service manager sends
            assertTrue(service.waitFor(60, TimeUnit.SECONDS), "the service stopped");
        }

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(freePort())
                .start();
             Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM tracing.api_requests WHERE endpoint = '/api/v1/conversations/{id}' AND status_code = 404")) {
            rows.next();
            assertEquals(1, rows.getLong(1), "the request-log line queued at the stop was stored; service log:\n"
                    + Files.readString(log));
        }
    }

    /** The data directory is kept across restarts, so the embedded database flushes and commits durably. */
    private static void assertDurable(int databasePort) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres", "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet settings = statement.executeQuery(
                     "SELECT current_setting('fsync'), current_setting('synchronous_commit')")) {
            settings.next();
            assertEquals(List.of("on", "on"), List.of(settings.getString(1), settings.getString(2)));
        }
    }

    private static void awaitHealthy(HttpClient http, int port, Process service, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited; its log:\n" + Files.readString(log));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not become healthy; its log:\n" + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
