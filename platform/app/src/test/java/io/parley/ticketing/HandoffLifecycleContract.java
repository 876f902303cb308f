package io.parley.ticketing;

import io.parley.app.support.Fixtures;
import io.parley.app.support.WebTest;
import io.parley.conversation.api.Escalation;
import io.parley.conversation.api.WhoAnswers;
import io.parley.kernel.Caller;
import io.parley.testing.PostgresBacked;
import io.parley.ticketing.application.port.in.DispatchHandoffsUseCase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The handoff status through a ticket's life with an external helpdesk, the same on every path: the
 * chat turn's escalation result, {@code GET …/handoff} and the {@link WhoAnswers} view. pending
 * (escalated) → created (the helpdesk accepted it) → routed (an agent took it) → resolved (closed) →
 * pending again when reopened → created again (a new delivery); failed when delivery gave up. One
 * subclass per helpdesk, each against a local fake of it; one attempt is allowed, so a failure gives
 * up at once.
 */
abstract class HandoffLifecycleContract extends WebTest {

    @Inject
    DispatchHandoffsUseCase dispatcher;
    @Inject
    Escalation escalationPort;
    @Inject
    WhoAnswers whoAnswers;
    TicketingApi api;

    /** The provider's wire name. */
    abstract String provider();

    /** {@code parley.ticketing.handoff.<provider>.*} pointing at the fake. */
    abstract Map<String, String> helpdesk();

    /** How many handoffs the fake helpdesk has received since {@link #restoreDelivery()}. */
    abstract int deliveries();

    /** The helpdesk fails the next delivery in a way worth retrying (gives up at once: one attempt allowed). */
    abstract void breakDelivery();

    /** The helpdesk accepts deliveries again, and its count starts from 0. */
    abstract void restoreDelivery();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.port", "-1");
        properties.put("parley.ticketing.handoff.dispatcher.enabled", "false");
        properties.put("parley.ticketing.handoff.dispatcher.max-attempts", "1");
        properties.put("parley.ticketing.handoff.timeout", "2s");
        properties.put("parley.ticketing.handoff.provider", provider());
        properties.putAll(helpdesk());
        return properties;
    }

    @BeforeEach
    void fresh() {
        api = new TicketingApi(http);
        TicketingApi.emptyTheOutbox();
        restoreDelivery();
    }

    @Test
    void pending_created_routed_resolved_and_pending_again_when_reopened() {
        var conversation = Fixtures.conversation(null);
        Caller guest = Caller.guest(conversation.sessionId());
        var escalated = escalationPort.escalate(conversation.id(), guest, "the assistant found no answer");
        assertEquals(provider(), escalated.provider());
        assertEquals("pending", escalated.handoffStatus());
        assertStatus("pending", conversation.id(), conversation.sessionId());

        assertEquals(1, dispatcher.dispatchDue().delivered());
        assertEquals(1, deliveries());
        assertStatus("created", conversation.id(), conversation.sessionId());
        assertEquals("created", escalationPort.escalate(conversation.id(), guest, "hello?").handoffStatus(), "the chat turn's path");
        String firstExternalId = (String) api.handoffOfSession(conversation.sessionId()).field("external_ticket_id");
        assertNotNull(firstExternalId);

        String agent = TicketingApi.agent("lifecycle-" + provider());
        assertEquals(200, api.move(escalated.ticketId(), agent, "ACTIVE_HUMAN_CHAT").status());
        assertStatus("routed", conversation.id(), conversation.sessionId());
        assertEquals("routed", escalationPort.escalate(conversation.id(), guest, "are you there?").handoffStatus());

        assertEquals(200, api.move(escalated.ticketId(), agent, "CLOSED_RESOLVED").status());
        assertEquals("resolved", api.handoffOfSession(conversation.sessionId()).field("status"));
        assertSame(WhoAnswers.Assistant.INSTANCE, whoAnswers.answererOf(conversation.id()));
        assertEquals(0, dispatcher.dispatchDue().claimed());

        var reopened = escalationPort.escalate(conversation.id(), guest, "the same problem again");
        assertTrue(reopened.created());
        assertEquals(escalated.ticketId(), reopened.ticketId());
        assertEquals("pending", reopened.handoffStatus());
        assertStatus("pending", conversation.id(), conversation.sessionId());
        var requeued = api.handoffOfSession(conversation.sessionId()).map();
        assertNull(requeued.get("external_ticket_id"));
        assertEquals(0, ((Number) requeued.get("attempts")).intValue());

        assertEquals(1, dispatcher.dispatchDue().delivered(), "the reopened ticket is handed off again");
        assertEquals(2, deliveries());
        assertStatus("created", conversation.id(), conversation.sessionId());
        assertNotEquals(firstExternalId, api.handoffOfSession(conversation.sessionId()).field("external_ticket_id"));
    }

    @Test
    void a_delivery_that_gives_up_is_failed_until_an_agent_takes_the_ticket() {
        var conversation = Fixtures.conversation(null);
        Caller guest = Caller.guest(conversation.sessionId());
        var escalated = escalationPort.escalate(conversation.id(), guest, "no answer");
        breakDelivery();

        assertEquals(1, dispatcher.dispatchDue().failed());

        assertStatus("failed", conversation.id(), conversation.sessionId());
        assertEquals("failed", escalationPort.escalate(conversation.id(), guest, "hello?").handoffStatus(), "the chat turn's path");
        assertFalse(String.valueOf(api.handoffOfSession(conversation.sessionId()).field("last_error")).isBlank());
        String agent = TicketingApi.agent("lifecycle-failed-" + provider());
        assertEquals(200, api.move(escalated.ticketId(), agent, "ACTIVE_HUMAN_CHAT").status());
        assertStatus("routed", conversation.id(), conversation.sessionId());
        assertEquals(200, api.move(escalated.ticketId(), agent, "CLOSED_RESOLVED").status());
        assertEquals("resolved", api.handoffOfSession(conversation.sessionId()).field("status"));

        restoreDelivery();
        assertEquals("pending", escalationPort.escalate(conversation.id(), guest, "once more").handoffStatus(), "a reopen starts afresh");
        assertEquals(1, dispatcher.dispatchDue().delivered());
        assertStatus("created", conversation.id(), conversation.sessionId());
    }

    /** The same status through GET .../handoff (guest and admin) and the {@link WhoAnswers} view of the chat turn. */
    void assertStatus(String expected, UUID conversationId, String session) {
        var handoff = api.handoffOfSession(session);
        assertEquals(200, handoff.status(), handoff::toString);
        assertEquals(expected, handoff.field("status"));
        assertEquals(provider(), handoff.field("provider"));
        assertEquals(expected, api.handoffOf(conversationId, TicketingApi.ADMIN).field("status"));
        WhoAnswers.Person person = assertInstanceOf(WhoAnswers.Person.class, whoAnswers.answererOf(conversationId));
        assertEquals(LiveHandoffWebTest.handoffObject(handoff.map()), LiveHandoffWebTest.asObject(person.handoff()));
    }
}
