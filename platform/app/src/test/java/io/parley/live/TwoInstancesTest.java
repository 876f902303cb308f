package io.parley.live;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parley.app.support.SseClient;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, across instances: two application instances on one database behave as one. A stream held on
 * instance A receives, within 1 s, a message appended through instance B (the event travels by
 * PostgreSQL LISTEN/NOTIFY and its data is read from the database); after A stops, a client reconnecting
 * to B with {@code Last-Event-ID} misses nothing that was committed meanwhile.
 */
class TwoInstancesTest {

    static EmbeddedServer a;
    static EmbeddedServer b;

    @BeforeAll
    static void twoInstances() {
        a = start();
        b = start();
    }

    @AfterAll
    static void stop() {
        for (EmbeddedServer server : new EmbeddedServer[]{a, b}) {
            if (server != null && server.getApplicationContext().isRunning()) {
                server.getApplicationContext().close();
            }
        }
    }

    static EmbeddedServer start() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.live.keep-alive", "300ms");
        return ApplicationContext.run(EmbeddedServer.class, properties, "test");
    }

    static void awaitListening(EmbeddedServer server) {
        PostgresListener listener = server.getApplicationContext().getBean(PostgresListener.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!listener.isConnected()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the listener of " + server.getURL() + " did not connect");
            }
            sleep(10);
        }
    }

    @Test
    void a_message_appended_on_b_reaches_a_stream_on_a_within_a_second_and_a_reconnect_to_b_after_a_stops_misses_nothing() {
        JsonMapper json = b.getApplicationContext().getBean(JsonMapper.class);
        TestHttp onB = new TestHttp(b.getURL(), json);
        String owner = TestTokens.user("two-instances-" + UUID.randomUUID());
        TestHttp.Reply started = onB.post("/api/v1/conversations", owner, "{}");
        assertEquals(201, started.status(), started::toString);
        String id = (String) started.field("id");
        String events = "/api/v1/conversations/" + id + "/events";

        String lastSeen;
        SseClient.Stream onA = new SseClient(a.getURL(), json).open(events, owner);
        try {
            assertEquals(200, onA.status());
            awaitListening(a);
            for (int i = 1; i <= 5; i++) {
                TestHttp.Reply appended = onB.post("/api/v1/conversations/" + id + "/messages", owner,
                        TestHttp.object("role", "user", "content", "via B " + i));
                assertEquals(201, appended.status(), appended::toString);
                // the contract: an event produced on any instance reaches the streams of every other within 1 s
                SseClient.Event received = onA.next(Duration.ofSeconds(1));
                assertEquals(appended.map(), received.map());
            }
            lastSeen = "5-0-0";

            a.getApplicationContext().close();
            assertTrue(onA.awaitEnd(Duration.ofSeconds(10)), "stopping instance A ends its streams cleanly");
        } finally {
            onA.close();
        }

        for (int i = 6; i <= 8; i++) {
            assertEquals(201, onB.post("/api/v1/conversations/" + id + "/messages", owner,
                    TestHttp.object("role", "user", "content", "while nobody listens " + i)).status());
        }
        try (SseClient.Stream onBStream = new SseClient(b.getURL(), json).open(events, owner, lastSeen)) {
            assertEquals(200, onBStream.status());
            List<SseClient.Event> missed = onBStream.next(3);
            assertEquals(List.of(6L, 7L, 8L), missed.stream().map(e -> ((Number) e.map().get("seq")).longValue()).toList());
            assertEquals(201, onB.post("/api/v1/conversations/" + id + "/messages", owner,
                    TestHttp.object("role", "user", "content", "live again")).status());
            assertEquals("live again", onBStream.next().map().get("content"));
            assertTrue(onBStream.quietFor(2), "nothing twice");
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
