package io.parley.live;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parley.app.support.SseClient;
import io.parley.app.support.TcpProxy;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, a database restart while streams are open, without touching the machine's PostgreSQL: the
 * instance's notification connection goes through a TCP proxy that the test cuts (every connection
 * dropped, new ones refused, as while PostgreSQL restarts) and restores. Streams stay open meanwhile;
 * once the listener is back they deliver what was committed during the outage, exactly once.
 */
class DatabaseRestartTest {

    static TcpProxy proxy;
    static EmbeddedServer server;
    static PostgresListener listener;

    @BeforeAll
    static void start() {
        URI database = URI.create(TestDatabase.url().substring("jdbc:".length()));
        proxy = new TcpProxy(database.getHost(), database.getPort());
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.live.listener.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + database.getPath());
        properties.put("parley.live.keep-alive", "200ms");
        properties.put("parley.live.reconnect-min", "50ms");
        properties.put("parley.live.reconnect-max", "400ms");
        properties.put("parley.live.heartbeat", "1s");
        server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        listener = server.getApplicationContext().getBean(PostgresListener.class);
    }

    @AfterAll
    static void stop() {
        server.getApplicationContext().close();
        proxy.close();
    }

    @Test
    void streams_survive_the_loss_of_the_database_connection_and_deliver_what_was_committed_meanwhile_once_it_is_back() {
        JsonMapper json = server.getApplicationContext().getBean(JsonMapper.class);
        TestHttp http = new TestHttp(server.getURL(), json);
        String owner = TestTokens.user("restart-" + UUID.randomUUID());
        TestHttp.Reply started = http.post("/api/v1/conversations", owner, "{}");
        assertEquals(201, started.status(), started::toString);
        String messages = "/api/v1/conversations/" + started.field("id") + "/messages";

        try (SseClient.Stream stream = new SseClient(server.getURL(), json).open("/api/v1/conversations/" + started.field("id") + "/events", owner)) {
            assertEquals(200, stream.status());
            await(listener::isConnected, "the listener connects through the proxy");
            long connectionsBefore = listener.connectionCount();
            assertEquals(201, http.post(messages, owner, TestHttp.object("role", "user", "content", "before")).status());
            assertEquals("before", stream.next().map().get("content"));

            proxy.cut();
            await(() -> !listener.isConnected(), "the listener notices the cut");
            for (String content : List.of("during 1", "during 2", "during 3")) {
                assertEquals(201, http.post(messages, owner, TestHttp.object("role", "user", "content", content)).status());
            }
            assertTrue(stream.quietFor(3), "no notification can arrive: the messages wait in the database");
            assertTrue(!stream.hasEnded(), "the stream stays open (keep-alives go on)");

            proxy.restore();
            await(listener::isConnected, "the listener reconnects with backoff");
            assertTrue(listener.connectionCount() > connectionsBefore);
            assertEquals(List.of("during 1", "during 2", "during 3"),
                    stream.next(3).stream().map(e -> e.map().get("content")).toList());
            assertEquals(201, http.post(messages, owner, TestHttp.object("role", "user", "content", "after")).status());
            assertEquals("after", stream.next().map().get("content"));
            assertTrue(stream.quietFor(2), "nothing twice");
        }
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within 20 s");
            }
            TwoInstancesTest.sleep(10);
        }
    }
}
