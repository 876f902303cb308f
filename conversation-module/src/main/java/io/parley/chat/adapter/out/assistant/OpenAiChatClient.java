package io.parley.chat.adapter.out.assistant;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.retry.annotation.Retryable;
import io.parley.chat.adapter.out.assistant.OpenAiWire.ChatRequest;
import io.parley.chat.adapter.out.assistant.OpenAiWire.ChatResponse;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * One Chat Completions call with retries (micronaut-retry): a 429, a 5xx or a failed connection is
 * retried after {@code backoff}, then {@code backoff × 2}, {@code × 4}... up to {@code retries} times
 * while the waits add up to at most {@code max-total-backoff}. A timeout is not retried, because the
 * customer is already waiting; other 4xx and malformed answers are not, because they would fail the
 * same way again. Whatever is left is thrown as {@link AssistantProviderException}.
 */
@Singleton
@Requires(property = "parley.assistant.provider", value = AssistantSettings.OPENAI)
class OpenAiChatClient {

    private final OpenAiSettings settings;
    private final JsonMapper json;
    private final HttpClient http;

    OpenAiChatClient(OpenAiSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.getConnectTimeout())
                .build();
    }

    /** @param attempts collects the outcome of every attempt (the retries call this method again with the same log) */
    @Retryable(includes = AssistantProviderException.Unavailable.class,
            attempts = "${parley.assistant.openai.retries:2}",
            delay = "${parley.assistant.openai.backoff:500ms}",
            multiplier = "2.0",
            maxDelay = "${parley.assistant.openai.max-total-backoff:5s}")
    public ChatResponse complete(ChatRequest body, Attempts attempts) {
        byte[] payload = encode(body);
        HttpResponse<byte[]> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(settings.completionsEndpoint())
                    .timeout(settings.getTimeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
            if (!settings.getApiKey().isEmpty()) {
                request.header("Authorization", "Bearer " + settings.getApiKey());
            }
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw attempts.failed("connect_timeout", new AssistantProviderException.Unavailable("could not connect within "
                    + settings.getConnectTimeout().toMillis() + " ms"));
        } catch (HttpTimeoutException e) {
            throw attempts.failed("timeout", new AssistantProviderException("no response within " + settings.getTimeout().toMillis() + " ms"));
        } catch (IOException e) {
            throw attempts.failed("io_error", new AssistantProviderException.Unavailable("connection failed (" + e.getClass().getSimpleName() + ")"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw attempts.failed("interrupted", new AssistantProviderException("interrupted while waiting for the provider"));
        } catch (RuntimeException e) {
            // e.g. a header value the client refuses; its message may quote the header (the key), so only the type is kept
            throw attempts.failed("not_sent", new AssistantProviderException("the request could not be sent (" + e.getClass().getSimpleName() + ")"));
        }
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw attempts.failed(String.valueOf(status), new AssistantProviderException.Unavailable("HTTP " + status));
        }
        if (status != 200) {
            throw attempts.failed(String.valueOf(status), new AssistantProviderException("HTTP " + status));
        }
        ChatResponse answer = decode(response.body());
        String text = answer == null || answer.choices() == null || answer.choices().isEmpty() || answer.choices().get(0).message() == null
                ? null : answer.choices().get(0).message().content();
        if (text == null || text.isBlank()) {
            throw attempts.failed("200", new AssistantProviderException("response without an answer"));
        }
        attempts.succeeded();
        return answer;
    }

    private byte[] encode(ChatRequest body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new AssistantProviderException("cannot encode the request");
        }
    }

    private ChatResponse decode(byte[] body) {
        try {
            return json.readValue(body, ChatResponse.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** What each attempt of one call came to: an HTTP status, or timeout / connect_timeout / io_error. */
    static final class Attempts {

        private final List<String> outcomes = new ArrayList<>();

        AssistantProviderException failed(String outcome, AssistantProviderException failure) {
            outcomes.add(outcome);
            return failure;
        }

        void succeeded() {
            outcomes.add("200");
        }

        List<String> outcomes() {
            return List.copyOf(outcomes);
        }

        int count() {
            return outcomes.size();
        }
    }
}
