package io.parley.conversation.web;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.parley.app.support.TestTokens;
import io.parley.app.support.WebTest;
import org.junit.jupiter.api.Test;

import static io.parley.app.support.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-role content limits come from configuration ({@code parley.conversation.content-limits.*}). */
@MicronautTest(transactional = false)
@Property(name = "parley.conversation.content-limits.user", value = "10")
@Property(name = "parley.conversation.content-limits.assistant", value = "20")
class ContentLimitsConfigurationTest extends WebTest {


    @Test
    void configured_limits_replace_the_defaults_per_role() {
        ConversationClient api = new ConversationClient(http);
        String token = ConversationClient.userToken("alice");
        String id = api.startId(token);
        String service = TestTokens.withRoles("bot", "service");

        assertEquals(201, api.append(token, id, "user", "0123456789").status());
        assertProblem(api.append(token, id, "user", "01234567890"), 422);
        assertEquals(201, api.append(service, id, "assistant", "a".repeat(20)).status());
        assertProblem(api.append(service, id, "assistant", "a".repeat(21)), 422);
        // system keeps its default
        assertEquals(201, api.append(service, id, "system", "s".repeat(8000)).status());
    }
}
