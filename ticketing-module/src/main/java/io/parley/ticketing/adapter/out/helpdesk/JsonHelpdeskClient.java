package io.parley.ticketing.adapter.out.helpdesk;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.DeliveryState;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * POSTs a JSON ticket to a helpdesk REST API (JDK HttpClient: no extra dependency, explicit timeouts,
 * no exception for an HTTP status) and turns the answer into a {@link DeliveryOutcome}: 2xx created;
 * 429, 408 and 5xx retryable (honouring Retry-After); other 4xx permanent; timeouts and connection
 * failures retryable. Error texts name the helpdesk, the status or the failure kind, never the URL,
 * the body or the credentials.
 */
final class JsonHelpdeskClient {

    private final String helpdesk;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;

    JsonHelpdeskClient(String helpdesk, URI endpoint, String basicUser, String basicPassword, Duration timeout,
                       JsonMapper json, Clock clock) {
        this.helpdesk = helpdesk;
        this.endpoint = endpoint;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((basicUser + ":" + basicPassword).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param idempotencyKey sent as {@code Idempotency-Key} so a retried delivery does not open a second ticket where honoured
     * @param externalId reads the helpdesk's ticket id from its JSON answer (null when absent)
     */
    DeliveryOutcome post(Map<String, Object> body, String idempotencyKey, Function<Map<String, Object>, Object> externalId) {
        HttpResponse<byte[]> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .header("Authorization", authorization)
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return new DeliveryOutcome.Retryable(helpdesk + " did not answer within " + timeout.toMillis() + " ms", null);
        } catch (ConnectException e) {
            return new DeliveryOutcome.Retryable(helpdesk + " could not be reached (connection failed)", null);
        } catch (IOException e) {
            return new DeliveryOutcome.Retryable(helpdesk + " request failed (" + e.getClass().getSimpleName() + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryOutcome.Retryable(helpdesk + " request interrupted", null);
        }
        return outcome(response, externalId);
    }

    private DeliveryOutcome outcome(HttpResponse<byte[]> response, Function<Map<String, Object>, Object> externalId) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            Object id = null;
            try {
                id = externalId.apply(json.readValue(response.body(), Argument.mapOf(String.class, Object.class)));
            } catch (IOException | RuntimeException e) {
                // created all the same; only its id is unknown
            }
            String external = id == null ? null : String.valueOf(id);
            return new DeliveryOutcome.Delivered(DeliveryState.HELPDESK_ACCEPTED,
                    external == null || external.length() > 255 ? null : external);
        }
        if (status == 429 || status == 408 || status >= 500) {
            var retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
            return new DeliveryOutcome.Retryable(helpdesk + " answered HTTP " + status
                    + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"), retryAfter);
        }
        return new DeliveryOutcome.Permanent(helpdesk + " rejected the ticket with HTTP " + status);
    }

    @SuppressWarnings("unchecked")
    static Object path(Map<String, Object> body, String... keys) {
        Object node = body;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }
}
