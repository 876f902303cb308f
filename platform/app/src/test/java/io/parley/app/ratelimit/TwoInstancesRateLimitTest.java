package io.parley.app.ratelimit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestHttp.Reply;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances on one database behind a load balancer, {@code parley.rate-limits.instances=2}: each enforces
 * half of every budget, so whichever way the balancer spreads a flood, the two together store at most the
 * configured budget; a client spread over both gets all of it.
 */
class TwoInstancesRateLimitTest {

    private EmbeddedServer first;
    private EmbeddedServer second;

    @BeforeAll
    void start() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.putAll(RateLimitWebTest.budgets());
        RateLimitWebTest.budget(properties, "guest-address", 100, 1, "1h");
        // the configured budget of the deployment: 6 new conversations per address
        RateLimitWebTest.budget(properties, "new-conversation", 6, 1, "1h");
        properties.put("parley.rate-limits.instances", "2");
        first = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(properties), "test");
        second = ApplicationContext.run(EmbeddedServer.class, Map.copyOf(properties), "test");
    }

    @AfterAll
    void stop() {
        if (first != null) {
            first.getApplicationContext().close();
        }
        if (second != null) {
            second.getApplicationContext().close();
        }
    }

    private static Reply newChat(EmbeddedServer instance, int i) {
        TestHttp http = new TestHttp(instance.getURL(), instance.getApplicationContext().getBean(JsonMapper.class));
        return http.post("/api/v1/chat", null, object("message", "hello " + i));
    }

    @Test
    void two_instances_together_grant_the_configured_budget_and_no_more() {
        long before = Fixtures.queryLong("SELECT count(*) FROM conversation.conversations");

        // a client pinned to one instance gets that instance's half
        for (int i = 0; i < 3; i++) {
            Reply reply = newChat(first, i);
            assertEquals(200, reply.status(), reply::toString);
            assertEquals("\"guest-address\";q=50;w=360000, \"new-conversation\";q=3;w=21600", reply.header("RateLimit-Policy"));
        }
        assertEquals(429, newChat(first, 3).status());
        // the other half is on the other instance
        for (int i = 0; i < 3; i++) {
            assertEquals(200, newChat(second, i).status());
        }
        assertEquals(429, newChat(second, 3).status());
        assertEquals(429, newChat(first, 4).status());

        assertEquals(6, Fixtures.queryLong("SELECT count(*) FROM conversation.conversations") - before,
                "the flood stored exactly the configured budget over both instances");
    }
}
