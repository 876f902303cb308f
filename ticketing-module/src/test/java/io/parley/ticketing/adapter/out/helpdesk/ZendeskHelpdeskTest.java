package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.type.Argument;
import io.parley.ticketing.application.port.out.HelpdeskProvider.HandoffRequest;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.DeliveryState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Zendesk Support API against a local fake: success, 5xx, timeout, 429 with Retry-After, rejection, no server. */
class ZendeskHelpdeskTest {

    static final String TOKEN = "zd-Secr3t-token";
    final LocalHelpdesk fake = new LocalHelpdesk();

    @AfterEach
    void stop() {
        fake.close();
    }

    ZendeskHelpdesk zendesk(String baseUrl, Duration timeout) {
        HelpdeskConfiguration.Zendesk zendesk = new HelpdeskConfiguration.Zendesk();
        zendesk.setBaseUrl(baseUrl);
        zendesk.setEmail("bot@acme.example");
        zendesk.setApiToken(TOKEN);
        return new ZendeskHelpdesk(Requests.configuration(timeout), zendesk, Requests.JSON, Requests.CLOCK);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_ticket_is_created_with_token_auth_and_the_transcript_as_its_first_comment() throws IOException {
        fake.answer(201, "{\"ticket\":{\"id\":35436,\"status\":\"new\"}}", Map.of());
        HandoffRequest request = Requests.handoff();

        DeliveryOutcome outcome = zendesk(fake.baseUrl() + "/", Duration.ofSeconds(5)).deliver(request);

        assertEquals(new DeliveryOutcome.Delivered(DeliveryState.HELPDESK_ACCEPTED, "35436"), outcome);
        var received = fake.received().get(0);
        assertEquals("POST", received.method());
        assertEquals("/api/v2/tickets", received.path());
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("bot@acme.example/token:" + TOKEN).getBytes(StandardCharsets.UTF_8)),
                received.authorization());
        assertEquals(request.handoffId().toString(), received.idempotencyKey());
        Map<String, Object> ticket = (Map<String, Object>) Requests.JSON.readValue(received.body(), Argument.mapOf(String.class, Object.class)).get("ticket");
        assertEquals("[Parley T-1042] Refund for order 77", ticket.get("subject"));
        assertEquals("urgent", ticket.get("priority"));
        assertEquals("T-1042", ticket.get("external_id"));
        assertEquals(List.of("parley", "parley_handoff"), ticket.get("tags"));
        String comment = (String) ((Map<String, Object>) ticket.get("comment")).get("body");
        assertTrue(comment.startsWith("Parley ticket T-1042, escalated from the AI assistant."), comment);
        assertTrue(comment.contains("Reason: the customer wants a refund"), comment);
        assertTrue(comment.endsWith("user: where is my <money> & my order?\n"), comment);
    }

    @Test
    void a_server_error_is_retryable_and_its_body_is_not_repeated() {
        fake.answer(503, "{\"error\":\"maintenance for acme with token " + TOKEN + "\"}", Map.of());
        DeliveryOutcome outcome = zendesk(fake.baseUrl(), Duration.ofSeconds(5)).deliver(Requests.handoff());
        assertEquals(new DeliveryOutcome.Retryable("zendesk answered HTTP 503", null), outcome);
    }

    @Test
    void a_503_with_retry_after_passes_the_wish_on() {
        fake.answer(503, "{}", Map.of("Retry-After", "120"));
        assertEquals(new DeliveryOutcome.Retryable("zendesk answered HTTP 503 (retry after 120 s)", Duration.ofSeconds(120)),
                zendesk(fake.baseUrl(), Duration.ofSeconds(5)).deliver(Requests.handoff()));
    }

    @Test
    void a_429_passes_retry_after_on() {
        fake.answer(429, "{}", Map.of("Retry-After", "45"));
        assertEquals(new DeliveryOutcome.Retryable("zendesk answered HTTP 429 (retry after 45 s)", Duration.ofSeconds(45)),
                zendesk(fake.baseUrl(), Duration.ofSeconds(5)).deliver(Requests.handoff()));
    }

    @Test
    void a_helpdesk_that_does_not_answer_in_time_is_retryable() {
        fake.hang();
        DeliveryOutcome outcome = zendesk(fake.baseUrl(), Duration.ofMillis(300)).deliver(Requests.handoff());
        assertEquals(new DeliveryOutcome.Retryable("zendesk did not answer within 300 ms", null), outcome);
    }

    @Test
    void bad_credentials_or_a_bad_request_are_permanent() {
        fake.answer(401, "{\"error\":\"Couldn't authenticate you\"}", Map.of());
        assertEquals(new DeliveryOutcome.Permanent("zendesk rejected the ticket with HTTP 401"),
                zendesk(fake.baseUrl(), Duration.ofSeconds(5)).deliver(Requests.handoff()));
        fake.answer(422, "{}", Map.of());
        assertEquals(new DeliveryOutcome.Permanent("zendesk rejected the ticket with HTTP 422"),
                zendesk(fake.baseUrl(), Duration.ofSeconds(5)).deliver(Requests.handoff()));
    }

    @Test
    void an_unreachable_helpdesk_is_retryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        DeliveryOutcome outcome = zendesk("http://127.0.0.1:" + closedPort, Duration.ofSeconds(2)).deliver(Requests.handoff());
        assertTrue(outcome instanceof DeliveryOutcome.Retryable retryable && retryable.error().startsWith("zendesk could not be reached"), outcome::toString);
        assertFalse(outcome.toString().contains(String.valueOf(closedPort)), "the address stays out of the error");
    }

    @Test
    void a_created_ticket_without_a_readable_id_is_still_created() {
        fake.answer(201, "not json", Map.of());
        assertEquals(new DeliveryOutcome.Delivered(DeliveryState.HELPDESK_ACCEPTED, null), zendesk(fake.baseUrl(), Duration.ofSeconds(5)).deliver(Requests.handoff()));
    }

    @Test
    void the_configuration_is_checked_at_startup() {
        assertThrows(ConfigurationException.class, () -> zendesk("ftp://acme.example", Duration.ofSeconds(1)));
        assertThrows(ConfigurationException.class, () -> zendesk("https://user:pw@acme.zendesk.com", Duration.ofSeconds(1)));
        HelpdeskConfiguration.Zendesk noToken = new HelpdeskConfiguration.Zendesk();
        noToken.setBaseUrl("https://acme.zendesk.com");
        noToken.setEmail("bot@acme.example");
        ConfigurationException missing = assertThrows(ConfigurationException.class,
                () -> new ZendeskHelpdesk(Requests.configuration(Duration.ofSeconds(1)), noToken, Requests.JSON, Requests.CLOCK));
        assertTrue(missing.getMessage().contains("parley.ticketing.handoff.zendesk.api-token"), missing.getMessage());
    }
}
