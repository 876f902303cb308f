package io.parley.chat.assistant;

import io.micronaut.context.ApplicationContext;
import io.parley.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code parley.assistant.provider} is checked at startup: a typo must not silently run the default. */
class AssistantProviderSettingTest {

    @Test
    void an_unknown_provider_stops_the_service_from_starting() {
        Map<String, Object> properties = new HashMap<>(TestDatabase.properties());
        properties.put("parley.assistant.provider", "opneai");

        Exception failure = assertThrows(Exception.class, () -> ApplicationContext.run(properties, "test").close());

        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("parley.assistant.provider must be knowledge or openai, not 'opneai'"), messages::toString);
    }
}
