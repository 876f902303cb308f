package io.parley.ticketing.adapter.in.web;

import io.micronaut.serde.annotation.Serdeable;

import java.util.Map;

/**
 * Request bodies. Enums and ids arrive as strings and are checked by the use-case commands, so an
 * unknown value is a 422 naming the field rather than a 400 from the JSON reader.
 */
final class TicketRequests {

    private TicketRequests() {
    }

    @Serdeable
    record Escalate(String reason) {
    }

    @Serdeable
    record Open(String description, String priority, Map<String, Object> metadata) {
    }

    @Serdeable
    record Transition(String to, String reason, String assigneeId, Long version) {
    }

    @Serdeable
    record Update(String priority, String description, Map<String, Object> metadata, Long version) {
    }
}
