package io.parley.live;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.SseClient;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, bounds: at most {@code max-streams} open streams per instance (one more is 503) and
 * {@code max-streams-per-caller} per caller (429), both problem+json with Retry-After, refused before
 * the stream starts; a closed stream gives its slot back.
 */
@MicronautTest(transactional = false)
@Property(name = "parley.live.max-streams", value = "4")
@Property(name = "parley.live.max-streams-per-caller", value = "2")
class StreamLimitsWebTest extends WebTest {

    @Inject
    LiveStreams streams;

    String conversation(String token) {
        TestHttp.Reply started = http.post("/api/v1/conversations", token, "{}");
        assertEquals(201, started.status(), started::toString);
        return "/api/v1/conversations/" + started.field("id") + "/events";
    }

    @Test
    void one_stream_too_many_for_a_caller_is_429_and_for_the_instance_503_and_closing_one_frees_its_slot() {
        SseClient sse = new SseClient(server.getURL(), json);
        List<SseClient.Stream> open = new ArrayList<>();
        try {
            String alice = TestTokens.user("alice-" + UUID.randomUUID());
            String alicesEvents = conversation(alice);
            open.add(sse.open(alicesEvents, alice));
            open.add(sse.open(alicesEvents, alice));
            open.forEach(stream -> assertEquals(200, stream.status()));

            SseClient.Stream third = sse.open(alicesEvents, alice);
            Map<String, Object> perCaller = assertProblem(third.asReply(), 429);
            assertEquals("5", third.header("Retry-After"));
            assertTrue(((String) perCaller.get("detail")).contains("event streams"), perCaller::toString);

            String bob = TestTokens.user("bob-" + UUID.randomUUID());
            String bobsEvents = conversation(bob);
            open.add(sse.open(bobsEvents, bob));
            open.add(sse.open(bobsEvents, bob));
            assertEquals(4, streams.openStreams());

            String carol = TestTokens.user("carol-" + UUID.randomUUID());
            SseClient.Stream full = sse.open(conversation(carol), carol);
            assertProblem(full.asReply(), 503);
            assertEquals("5", full.header("Retry-After"));

            open.remove(0).close();
            awaitOpenStreams(3);
            SseClient.Stream again = sse.open(alicesEvents, alice);
            open.add(again);
            assertEquals(200, again.status(), "the closed stream's slot is free again");
        } finally {
            open.forEach(SseClient.Stream::close);
        }
        awaitOpenStreams(0);
    }

    void awaitOpenStreams(int count) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (streams.openStreams() != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("open streams: " + streams.openStreams() + ", expected " + count);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
