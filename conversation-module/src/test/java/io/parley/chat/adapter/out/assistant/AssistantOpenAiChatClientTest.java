package io.parley.chat.adapter.out.assistant;

import io.micronaut.json.JsonMapper;
import io.parley.chat.adapter.out.assistant.OpenAiWire.ChatMessage;
import io.parley.chat.adapter.out.assistant.OpenAiWire.ChatRequest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures the HTTP client raises before anything is sent are provider failures too (so the assistant falls back). */
class AssistantOpenAiChatClientTest {

    @Test
    void a_key_the_http_client_refuses_is_a_provider_failure_that_does_not_quote_the_key() {
        OpenAiSettings settings = new OpenAiSettings();
        settings.setBaseUrl(URI.create("http://127.0.0.1:9/v1"));
        settings.setApiKey("sk-secret-value\nX-Injected: yes");
        OpenAiChatClient client = new OpenAiChatClient(settings, JsonMapper.createDefault());
        OpenAiChatClient.Attempts attempts = new OpenAiChatClient.Attempts();

        AssistantProviderException failure = assertThrows(AssistantProviderException.class,
                () -> client.complete(new ChatRequest("m", List.of(new ChatMessage("user", "hi")), null, null), attempts));

        assertFalse(failure.getMessage().contains("sk-secret-value"), failure.getMessage());
        assertFalse(failure instanceof AssistantProviderException.Unavailable, "it would fail the same way again: no retry");
        assertEquals(List.of("not_sent"), attempts.outcomes());
    }

    @Test
    void settings_never_print_the_key() {
        OpenAiSettings settings = new OpenAiSettings();
        settings.setApiKey("sk-secret-value");
        assertFalse(settings.toString().contains("sk-secret-value"), settings.toString());
        assertTrue(settings.toString().contains("apiKey=***"), settings.toString());
    }

    @Test
    void the_endpoint_is_the_base_url_plus_chat_completions_with_or_without_a_trailing_slash() {
        OpenAiSettings settings = new OpenAiSettings();
        settings.setBaseUrl(URI.create("http://localhost:11434/v1/"));
        assertEquals(URI.create("http://localhost:11434/v1/chat/completions"), settings.completionsEndpoint());
        settings.setBaseUrl(URI.create("https://api.openai.com/v1"));
        assertEquals(URI.create("https://api.openai.com/v1/chat/completions"), settings.completionsEndpoint());
        assertThrows(IllegalArgumentException.class, () -> settings.setBaseUrl(URI.create("ftp://example.com/v1")));
    }
}
