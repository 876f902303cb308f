package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;
import io.parley.ticketing.application.port.out.HelpdeskProvider.HandoffRequest;
import io.parley.ticketing.domain.Priority;
import io.parley.ticketing.domain.TicketNumber;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** What the adapter tests hand to a helpdesk, and the configuration they do it with. */
final class Requests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    static final JsonMapper JSON = ObjectMapper.getDefault();

    private Requests() {
    }

    static HandoffRequest handoff() {
        return new HandoffRequest(UUID.randomUUID(), UUID.randomUUID(), new TicketNumber(1042), UUID.randomUUID(), UUID.randomUUID(),
                Priority.URGENT, "the customer wants a refund", null, "Refund for order 77",
                "Conversation x\n\n[2026-11-23T09:59:00Z] user: where is my <money> & my order?\n");
    }

    static HelpdeskConfiguration configuration(Duration timeout) {
        HelpdeskConfiguration configuration = new HelpdeskConfiguration();
        configuration.setTimeout(timeout);
        return configuration;
    }
}
