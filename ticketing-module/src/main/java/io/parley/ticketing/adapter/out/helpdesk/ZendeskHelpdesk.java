package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.parley.ticketing.application.port.out.HelpdeskProvider;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.HelpdeskKind;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zendesk Support: {@code POST {base-url}/api/v2/tickets} with the transcript as the first comment,
 * authenticated with an API token ({@code {email}/token:{api-token}}, basic). The handoff id goes as
 * {@code Idempotency-Key}, which Zendesk honours for ticket creation, so a retry after a lost answer
 * does not open a second ticket.
 */
@Singleton
@Requires(property = HelpdeskConfiguration.Zendesk.BASE_URL)
class ZendeskHelpdesk implements HelpdeskProvider {

    private final JsonHelpdeskClient client;

    ZendeskHelpdesk(HelpdeskConfiguration configuration, HelpdeskConfiguration.Zendesk zendesk, JsonMapper json, Clock clock) {
        String email = Endpoints.required("parley.ticketing.handoff.zendesk.email", zendesk.getEmail());
        String token = Endpoints.required("parley.ticketing.handoff.zendesk.api-token", zendesk.getApiToken());
        this.client = new JsonHelpdeskClient("zendesk",
                Endpoints.resolve(HelpdeskConfiguration.Zendesk.BASE_URL, zendesk.getBaseUrl(), "/api/v2/tickets"),
                email + "/token", token, configuration.getTimeout(), json, clock);
    }

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.ZENDESK;
    }

    @Override
    public DeliveryOutcome deliver(HandoffRequest request) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", request.subject());
        ticket.put("comment", Map.of("body", HandoffText.plain(request)));
        // Zendesk's priorities carry the same names as Parley's
        ticket.put("priority", request.priority().wireValue());
        ticket.put("external_id", request.ticketNumber().toString());
        ticket.put("tags", List.of("parley", "parley_handoff"));
        return client.post(Map.of("ticket", ticket), request.handoffId().toString(),
                answer -> JsonHelpdeskClient.path(answer, "ticket", "id"));
    }
}
