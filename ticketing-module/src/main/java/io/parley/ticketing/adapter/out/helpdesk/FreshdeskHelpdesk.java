package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.parley.ticketing.application.port.out.HelpdeskProvider;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.HelpdeskKind;
import io.parley.ticketing.domain.Priority;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freshdesk: {@code POST {base-url}/api/v2/tickets}, basic authentication with the API key as user
 * and {@code X} as password. The description (HTML) carries the transcript. Freshdesk needs a
 * requester: the configured requester email, else a contact keyed by the Parley customer's id.
 */
@Singleton
@Requires(property = HelpdeskConfiguration.Freshdesk.BASE_URL)
class FreshdeskHelpdesk implements HelpdeskProvider {

    /** Freshdesk ticket status "Open" and source "Chat". */
    static final int STATUS_OPEN = 2;
    static final int SOURCE_CHAT = 7;

    private final JsonHelpdeskClient client;
    private final String requesterEmail;

    FreshdeskHelpdesk(HelpdeskConfiguration configuration, HelpdeskConfiguration.Freshdesk freshdesk, JsonMapper json, Clock clock) {
        String apiKey = Endpoints.required("parley.ticketing.handoff.freshdesk.api-key", freshdesk.getApiKey());
        this.client = new JsonHelpdeskClient("freshdesk",
                Endpoints.resolve(HelpdeskConfiguration.Freshdesk.BASE_URL, freshdesk.getBaseUrl(), "/api/v2/tickets"),
                apiKey, "X", configuration.getTimeout(), json, clock);
        this.requesterEmail = freshdesk.getRequesterEmail() == null || freshdesk.getRequesterEmail().isBlank()
                ? null : freshdesk.getRequesterEmail().strip();
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.FRESHDESK;
    }

    @Override
    public DeliveryOutcome deliver(HandoffRequest request) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", request.subject());
        ticket.put("description", HandoffText.html(request));
        ticket.put("status", STATUS_OPEN);
        ticket.put("priority", priority(request.priority()));
        ticket.put("source", SOURCE_CHAT);
        ticket.put("tags", List.of("parley", "parley_handoff"));
        if (requesterEmail != null) {
            ticket.put("email", requesterEmail);
        } else {
            ticket.put("name", "Parley customer");
            ticket.put("unique_external_id", request.clientId() != null
                    ? "parley-user-" + request.clientId() : "parley-guest-" + request.conversationId());
        }
        return client.post(ticket, request.handoffId().toString(), answer -> answer.get("id"));
    }

    /** Freshdesk numbers its priorities: 1 low, 2 medium, 3 high, 4 urgent. */
    static int priority(Priority priority) {
        return switch (priority) {
            case LOW -> 1;
            case NORMAL -> 2;
            case HIGH -> 3;
            case URGENT -> 4;
        };
    }
}
