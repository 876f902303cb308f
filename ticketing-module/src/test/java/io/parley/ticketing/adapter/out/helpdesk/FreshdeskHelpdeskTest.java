package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.core.type.Argument;
import io.parley.ticketing.application.port.out.HelpdeskProvider.HandoffRequest;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.DeliveryState;
import io.parley.ticketing.domain.Priority;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Freshdesk API v2 against a local fake: success, 5xx, timeout, 429 with Retry-After (seconds or an HTTP date). */
class FreshdeskHelpdeskTest {

    static final String API_KEY = "fd-Secr3t-key";
    final LocalHelpdesk fake = new LocalHelpdesk();

    @AfterEach
    void stop() {
        fake.close();
    }

    FreshdeskHelpdesk freshdesk(Duration timeout, String requesterEmail) {
        HelpdeskConfiguration.Freshdesk freshdesk = new HelpdeskConfiguration.Freshdesk();
        freshdesk.setBaseUrl(fake.baseUrl());
        freshdesk.setApiKey(API_KEY);
        freshdesk.setRequesterEmail(requesterEmail);
        return new FreshdeskHelpdesk(Requests.configuration(timeout), freshdesk, Requests.JSON, Requests.CLOCK);
    }

    @Test
    void a_ticket_is_created_with_api_key_auth_and_the_transcript_in_its_description() throws IOException {
        fake.answer(201, "{\"id\":812,\"status\":2}", Map.of());
        HandoffRequest request = Requests.handoff();

        DeliveryOutcome outcome = freshdesk(Duration.ofSeconds(5), null).deliver(request);

        assertEquals(new DeliveryOutcome.Delivered(DeliveryState.HELPDESK_ACCEPTED, "812"), outcome);
        var received = fake.received().get(0);
        assertEquals("/api/v2/tickets", received.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString((API_KEY + ":X").getBytes(StandardCharsets.UTF_8)), received.authorization());
        Map<String, Object> ticket = Requests.JSON.readValue(received.body(), Argument.mapOf(String.class, Object.class));
        assertEquals("[Parley T-1042] Refund for order 77", ticket.get("subject"));
        assertEquals(4, ((Number) ticket.get("priority")).intValue(), "urgent is Freshdesk's 4");
        assertEquals(2, ((Number) ticket.get("status")).intValue());
        assertEquals(7, ((Number) ticket.get("source")).intValue());
        assertEquals("parley-user-" + request.clientId(), ticket.get("unique_external_id"));
        assertFalse(ticket.containsKey("email"), "the customer's email is never sent unless configured as the requester");
        String description = (String) ticket.get("description");
        assertTrue(description.contains("where is my &lt;money&gt; &amp; my order?"), "HTML-escaped: " + description);
    }

    @Test
    void a_configured_requester_email_is_used_for_every_ticket() throws IOException {
        fake.answer(201, "{\"id\":1}", Map.of());
        freshdesk(Duration.ofSeconds(5), "support@acme.example").deliver(Requests.handoff());
        Map<String, Object> ticket = Requests.JSON.readValue(fake.received().get(0).body(), Argument.mapOf(String.class, Object.class));
        assertEquals("support@acme.example", ticket.get("email"));
        assertFalse(ticket.containsKey("unique_external_id"));
    }

    @Test
    void a_server_error_is_retryable() {
        fake.answer(502, "<html>bad gateway</html>", Map.of());
        assertEquals(new DeliveryOutcome.Retryable("freshdesk answered HTTP 502", null), freshdesk(Duration.ofSeconds(5), null).deliver(Requests.handoff()));
    }

    @Test
    void a_429_passes_retry_after_on_also_as_an_http_date() {
        fake.answer(429, "{}", Map.of("Retry-After", "Mon, 23 Nov 2026 10:01:30 GMT"));
        assertEquals(new DeliveryOutcome.Retryable("freshdesk answered HTTP 429 (retry after 90 s)", Duration.ofSeconds(90)),
                freshdesk(Duration.ofSeconds(5), null).deliver(Requests.handoff()));
    }

    @Test
    void a_helpdesk_that_does_not_answer_in_time_is_retryable() {
        fake.hang();
        assertEquals(new DeliveryOutcome.Retryable("freshdesk did not answer within 250 ms", null),
                freshdesk(Duration.ofMillis(250), null).deliver(Requests.handoff()));
    }

    @Test
    void a_validation_error_is_permanent() {
        fake.answer(400, "{\"description\":\"Validation failed\"}", Map.of());
        assertEquals(new DeliveryOutcome.Permanent("freshdesk rejected the ticket with HTTP 400"), freshdesk(Duration.ofSeconds(5), null).deliver(Requests.handoff()));
    }

    @Test
    void priorities_map_to_freshdesks_numbers() {
        assertEquals(1, FreshdeskHelpdesk.priority(Priority.LOW));
        assertEquals(2, FreshdeskHelpdesk.priority(Priority.NORMAL));
        assertEquals(3, FreshdeskHelpdesk.priority(Priority.HIGH));
        assertEquals(4, FreshdeskHelpdesk.priority(Priority.URGENT));
    }
}
