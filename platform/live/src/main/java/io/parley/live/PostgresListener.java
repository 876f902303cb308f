package io.parley.live;

import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Inject;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The instance's one notification connection: a dedicated pgjdbc connection (not from the pool, which
 * may recycle it) that {@code LISTEN}s on {@link LiveTopics#CHANNEL}, read by one platform thread with
 * {@link PGConnection#getNotifications(int)}. Started with the first stream, so an instance that serves
 * none holds no extra connection.
 *
 * <p>When the connection breaks (a database restart, a network cut) the thread reconnects with
 * exponential backoff and jitter and then pokes every stream: notifications sent while nobody listened
 * are lost, but each stream reads what it missed from the database. An idle connection runs
 * {@code SELECT 1} every heartbeat, so a silently dead one is noticed too.
 *
 * <p>Configured by {@code parley.live.listener.url|user|password}, by default the application's datasource.
 */
@Singleton
public class PostgresListener {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresListener.class);
    /** How long one wait for notifications blocks: also how soon the thread notices it should stop. */
    private static final int POLL_MILLIS = 500;

    private final NotificationHub hub;
    private final LiveSettings settings;
    private final String url;
    private final String user;
    private final String password;
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean stopped;
    private volatile boolean connected;
    private Thread thread;

    @Inject
    public PostgresListener(NotificationHub hub, LiveSettings settings, PropertyResolver properties) {
        this(hub, settings, setting(properties, "url", "url"), setting(properties, "user", "username"),
                setting(properties, "password", "password"));
    }

    PostgresListener(NotificationHub hub, LiveSettings settings, String url, String user, String password) {
        this.hub = hub;
        this.settings = settings;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** {@code parley.live.listener.<name>}, or else the default datasource's {@code <datasourceName>}. */
    private static String setting(PropertyResolver properties, String name, String datasourceName) {
        return properties.get("parley.live.listener." + name, String.class)
                .or(() -> properties.get("datasources.default." + datasourceName, String.class))
                .orElse("");
    }

    /** Starts the listening thread unless it runs already (or the application is stopping). */
    public synchronized void ensureStarted() {
        if (thread != null || stopped) {
            return;
        }
        if (url == null || url.isBlank()) {
            LOG.warn("live events: no database URL to listen on; streams only see what their own reads find");
            return;
        }
        thread = new Thread(this::run, "parley-live-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether the notification connection is up now. */
    public boolean isConnected() {
        return connected;
    }

    /** How many times a connection was established (1 after the first, +1 per reconnect). */
    public long connectionCount() {
        return connections.get();
    }

    @PreDestroy
    public void stop() {
        Thread running;
        synchronized (this) {
            stopped = true;
            running = thread;
        }
        if (running != null) {
            try {
                running.join(POLL_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long backoff = settings.getReconnectMin().toMillis();
        boolean everConnected = false;
        while (!stopped) {
            try (Connection connection = DriverManager.getConnection(url, properties())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + LiveTopics.CHANNEL);
                }
                connected = true;
                connections.incrementAndGet();
                if (everConnected) {
                    LOG.info("live events: listening again on PostgreSQL; every stream reads what it missed");
                }
                everConnected = true;
                backoff = settings.getReconnectMin().toMillis();
                hub.pokeAll();
                listen(connection);
            } catch (SQLException | RuntimeException e) {
                if (stopped) {
                    break;
                }
                if (connected || backoff == settings.getReconnectMin().toMillis()) {
                    LOG.warn("live events: the notification connection to PostgreSQL failed (SQLState {}); reconnecting",
                            e instanceof SQLException sql ? sql.getSQLState() : e.getClass().getSimpleName());
                }
                connected = false;
                sleep(jittered(backoff));
                backoff = Math.min(backoff * 2, settings.getReconnectMax().toMillis());
            }
        }
        connected = false;
    }

    private void listen(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long heartbeatNanos = settings.getHeartbeat().toNanos();
        long lastHeard = System.nanoTime();
        while (!stopped) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    hub.deliver(notification.getParameter());
                }
                lastHeard = System.nanoTime();
            } else if (System.nanoTime() - lastHeard >= heartbeatNanos) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private Properties properties() {
        Properties properties = new Properties();
        if (user != null && !user.isBlank()) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", "parley-live-listener");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        // a heartbeat on a connection that went silent fails after this, instead of hanging the thread
        properties.setProperty("socketTimeout", String.valueOf(Math.max(5, settings.getHeartbeat().toSeconds() * 3)));
        return properties;
    }

    private static long jittered(long millis) {
        return millis + ThreadLocalRandom.current().nextLong(Math.max(1, millis / 4));
    }

    private void sleep(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (!stopped && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(50, millis));
            } catch (InterruptedException e) {
                // nobody interrupts this thread but the JVM going down: stop waiting
                return;
            }
        }
    }
}
