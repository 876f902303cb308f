package io.parley.ticketing;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.Fixtures;
import io.parley.app.support.TestHttp;
import io.parley.app.support.TestTokens;
import io.parley.testing.MutableClock;
import io.parley.testing.PostgresBacked;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static io.parley.app.support.TestHttp.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@MicronautTest
@Property(name = "parley.ticketing.handoff.dispatcher.enabled", value = "false")
class EscalationWebTest implements PostgresBacked {

    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    TicketingApi api;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void client() {
        api = new TicketingApi(new TestHttp(server.getURL(), json));
    }

    @Test
    void a_user_escalates_their_conversation() {
        var conversation = Fixtures.conversation("alice");
        var reply = api.escalate(conversation.id(), TestTokens.user("alice"), "the refund never came");
        assertEquals(201, reply.status(), reply::toString);
        var ticket = reply.map();
        assertEquals("PENDING_HUMAN_ASSIGNMENT", ticket.get("status"));
        assertEquals(conversation.id().toString(), ticket.get("conversation_id"));
        assertEquals(conversation.userId().toString(), ticket.get("client_id"));
        assertNull(ticket.get("assignee_id"));
        assertEquals("the refund never came", ticket.get("escalation_reason"));
        assertEquals(Map.of(), ticket.get("metadata"));
        var history = api.history(ticket.get("id"), TicketingApi.ADMIN);
        assertEquals(200, history.status(), history::toString);
        List<Map<String, Object>> items = history.items();
        assertEquals(2, items.size(), history::toString);
    }

    @Test
    void malformed_json_is_400() {
        var conversation = Fixtures.conversation("bob");
        assertProblem(api.http().post("/api/v1/conversations/" + conversation.id() + "/escalate", TestTokens.user("bob"), "{\"reason\":"), 400);
        assertProblem(api.escalate(conversation.id(), TestTokens.user("bob"), null), 422);
        assertProblem(api.http().post("/api/v1/conversations/" + conversation.id() + "/escalate", TestTokens.user("bob"), object("reason", Map.of())), 400);
    }
}
