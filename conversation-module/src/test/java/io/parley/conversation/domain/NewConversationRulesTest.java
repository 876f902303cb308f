package io.parley.conversation.domain;

import io.parley.conversation.api.ConversationMessages;
import io.parley.conversation.api.NewConversationRules;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the conversation api publishes for other contexts says what the domain holds. */
class NewConversationRulesTest {

    @Test
    void the_published_channels_are_the_domains_channels_and_web_is_the_default() {
        assertEquals(Arrays.stream(Channel.values()).map(Channel::wireValue).toList(), NewConversationRules.CHANNELS);
        assertEquals(Channel.WEB.wireValue(), NewConversationRules.DEFAULT_CHANNEL);
    }

    @Test
    void the_published_content_limit_is_the_storage_limit() {
        assertEquals(ContentLimits.STORAGE_MAX, ConversationMessages.MAX_CONTENT_LENGTH);
    }
}
