package io.parley.chat.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An explicit request for a person hands off at once; a support word in another sense does not. */
class AssistantHumanRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "agent",
            "Agent please",
            "HUMAN!",
            "representative",
            "a real person please",
            "I want to talk to a person",
            "Can I speak to someone?",
            "speak with a human agent now",
            "Let me talk to a human",
            "please transfer me to a representative",
            "connect me with customer service",
            "Put me through to an operator",
            "I need an agent, this bot is useless",
            "Is there a real person I can talk to?",
            "I\u2019d like to chat with a live agent",
            "Can I get a human being on this?",
            "talk to human",
            "I would prefer a human",
    })
    void an_explicit_request_for_a_person_is_recognised(String message) {
        assertTrue(AssistantHumanRequest.isExplicit(message), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "What is a user agent string?",
            "My browser's user agent is blocked",
            "My travel agent booked the order for me",
            "Can someone else pick up my package?",
            "Is the person who ordered required to sign for the delivery?",
            "Does the human resources department get the invoice?",
            "I don't want to talk to a human, just tell me the refund policy",
            "no need to transfer me to an agent",
            "How do I get a refund?",
            "representative sample of your products",
            "The agent console shows an error",
            "people say shipping is slow",
            "",
            "   ",
    })
    void a_near_miss_is_not_a_request(String message) {
        assertFalse(AssistantHumanRequest.isExplicit(message), message);
    }
}
