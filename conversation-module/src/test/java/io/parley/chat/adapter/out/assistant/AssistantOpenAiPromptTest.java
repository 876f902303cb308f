package io.parley.chat.adapter.out.assistant;

import io.parley.chat.adapter.out.assistant.OpenAiWire.ChatMessage;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.chat.application.port.out.AssistantRequest.Turn;
import io.parley.knowledge.api.KnowledgePassage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the model is sent: instructions and passages, the newest history that fits the budget, the message. */
class AssistantOpenAiPromptTest {

    private static final KnowledgePassage REFUND = new KnowledgePassage(UUID.randomUUID(), "Refunds", List.of("billing.refund"), 0.7,
            "Refunds take 5 to 10 business days.");

    @Test
    void system_first_then_the_history_that_fits_oldest_first_then_the_message() {
        AssistantRequest request = new AssistantRequest(UUID.randomUUID(), "en-GB", "And for PayPal?", List.of(
                new Turn("user", "a".repeat(50)),
                new Turn("assistant", "b".repeat(30)),
                new Turn("system", "Ticket T-1 opened"),
                new Turn("user", "c".repeat(40)),
                new Turn("assistant", "d".repeat(20))));

        OpenAiPrompt prompt = OpenAiPrompt.build("Be helpful.", request, List.of(REFUND), 700, 100);

        List<ChatMessage> messages = prompt.messages();
        assertEquals(List.of("system", "assistant", "user", "assistant", "user"), messages.stream().map(ChatMessage::role).toList());
        assertEquals(List.of("b".repeat(30), "c".repeat(40), "d".repeat(20)), messages.subList(1, 4).stream().map(ChatMessage::content).toList(),
                "the oldest turn is dropped when it would overflow the budget; system notices are left out");
        assertEquals("And for PayPal?", messages.get(4).content());
        assertEquals(3, prompt.historyTurns());
        assertEquals(90, prompt.historyChars());
        String system = messages.get(0).content();
        assertTrue(system.startsWith("Be helpful."), system);
        assertTrue(system.contains("Customer locale: en-GB"), system);
        assertTrue(system.contains("[1] Refunds\nRefunds take 5 to 10 business days."), system);
    }

    @Test
    void a_zero_budget_sends_no_history_and_no_passages_is_said_plainly() {
        AssistantRequest request = new AssistantRequest(UUID.randomUUID(), null, "hello", List.of(new Turn("user", "earlier")));
        OpenAiPrompt prompt = OpenAiPrompt.build("Be helpful.", request, List.of(), 700, 0);
        assertEquals(List.of("system", "user"), prompt.messages().stream().map(ChatMessage::role).toList());
        assertTrue(prompt.messages().get(0).content().contains("Help articles: none matched"));
    }
}
