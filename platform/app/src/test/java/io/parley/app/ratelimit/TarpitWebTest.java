package io.parley.app.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestHttp.Reply;
import io.parley.app.support.WebTest;
import io.parley.testing.MutableClock;
import io.parley.testing.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tarpit in the running service: which answers it holds back is read from its metric, never from how
 * long a request took. A guest address of 2 tokens (1 a minute); answers are held back after 2 refusals in
 * a row, by 20 ms so that the test does not wait long.
 */
@MicronautTest(transactional = false)
class TarpitWebTest extends WebTest {

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.putAll(RateLimitWebTest.budgets());
        RateLimitWebTest.budget(properties, "guest-address", 2, 1, "1m");
        properties.put("parley.rate-limits.trusted-proxies", "127.0.0.1/32, ::1/128");
        properties.put("parley.rate-limits.refusal-delay", "20ms");
        properties.put("parley.rate-limits.refusal-delay-after", "2");
        return properties;
    }

    private Reply chat(String address, String sessionId, String message) {
        Map<String, Object> body = sessionId == null ? object("message", message) : object("session_id", sessionId, "message", message);
        return http.post("/api/v1/chat", null, body, Map.of("X-Forwarded-For", address));
    }

    private double delayed() {
        return meters.get("parley.rate.limit.delayed.refusals").tag("outcome", "delayed").counter().count();
    }

    private double pending() {
        return meters.get("parley.rate.limit.delayed.refusals.pending").gauge().value();
    }

    private static void assertRefused(Reply reply) {
        assertEquals("urn:parley:problem:rate-limited", assertProblem(reply, 429).get("type"));
        assertEquals("\"guest-address\";q=2;w=120", reply.header("RateLimit-Policy"));
    }

    @Test
    void a_key_refused_again_and_again_is_answered_late_and_its_allowed_requests_never() {
        String address = "198.51.100.77";
        Reply started = chat(address, null, "Hello, I need help with my order");
        assertEquals(200, started.status(), started::toString);
        String session = (String) started.field("session_id");
        assertEquals(200, chat(address, session, "one more").status());
        double before = delayed();

        assertRefused(chat(address, session, "first refusal"));
        assertRefused(chat(address, session, "second refusal"));
        assertEquals(before, delayed(), "a key's first refusals are answered at once");
        assertRefused(chat(address, session, "third refusal"));
        assertRefused(chat(address, session, "fourth refusal"));
        assertEquals(before + 2, delayed(), "then each refusal is held back, and still the same 429");
        assertEquals(0.0, pending(), "every held-back answer went out");

        // a minute later the address has a token again: an allowed turn is never held back, and it ends the run
        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, chat(address, session, "after a pause").status());
        assertRefused(chat(address, session, "refused again"));
        assertEquals(before + 2, delayed(), "after an allowed request the refusals in a row count from 1 again");
    }
}
