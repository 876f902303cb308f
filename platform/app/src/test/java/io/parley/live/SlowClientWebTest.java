package io.parley.live;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.SseClient;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 14, bounds: a client that stops reading is dropped without slowing the others. The slow client
 * opens a stream and never reads; once the socket buffers are full, Micronaut stops asking the stream
 * for more (it requests by bytes written), the stream's bounded queue fills, and after two keep-alive
 * intervals without progress the stream is ended and its slot freed. A reading client on the same
 * conversation receives every event meanwhile. (The kernel's socket buffers take a few MB first: on this
 * machine the drop came after about 250 messages of 8 KB.)
 */
@MicronautTest(transactional = false)
@Property(name = "parley.live.keep-alive", value = "200ms")
@Property(name = "parley.live.buffer", value = "16")
@Property(name = "parley.live.batch-size", value = "8")
class SlowClientWebTest extends WebTest {

    @Inject
    LiveStreams streams;

    @Test
    void a_client_that_stops_reading_is_dropped_while_a_reading_client_gets_everything() throws IOException {
        String owner = TestTokens.user("slow-" + UUID.randomUUID());
        String service = TestTokens.withRoles("bot-" + UUID.randomUUID(), "service");
        TestHttp.Reply started = http.post("/api/v1/conversations", owner, "{}");
        assertEquals(201, started.status(), started::toString);
        String conversation = "/api/v1/conversations/" + started.field("id");

        try (Socket stuck = new Socket();
             SseClient.Stream reading = new SseClient(server.getURL(), json).open(conversation + "/events", owner)) {
            stuck.setReceiveBufferSize(4096);
            stuck.connect(new InetSocketAddress(server.getHost(), server.getPort()));
            OutputStream request = stuck.getOutputStream();
            request.write(("GET " + conversation + "/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + owner + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            awaitOpenStreams(2);

            String big = "x".repeat(7900);
            int sent = 0;
            while (streams.openStreams() == 2 && sent < 1000) {
                sent++;
                TestHttp.Reply appended = http.post(conversation + "/messages", service,
                        TestHttp.object("role", "assistant", "content", sent + " " + big));
                assertEquals(201, appended.status(), appended::toString);
                assertEquals(sent, ((Number) reading.next().map().get("seq")).intValue(), "the reading client keeps up");
            }
            awaitOpenStreams(1);
            for (int i = 0; i < 3; i++) {
                sent++;
                assertEquals(201, http.post(conversation + "/messages", service,
                        TestHttp.object("role", "assistant", "content", "after the drop")).status());
                assertEquals(sent, ((Number) reading.next(Duration.ofSeconds(5)).map().get("seq")).intValue());
            }
        }
        awaitOpenStreams(0);
    }

    void awaitOpenStreams(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (streams.openStreams() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("open streams: " + streams.openStreams() + ", expected " + count);
            }
            TwoInstancesTest.sleep(10);
        }
    }
}
