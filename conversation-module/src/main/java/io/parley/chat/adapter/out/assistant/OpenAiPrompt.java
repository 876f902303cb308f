package io.parley.chat.adapter.out.assistant;

import io.parley.chat.adapter.out.assistant.OpenAiWire.ChatMessage;
import io.parley.chat.application.port.out.AssistantRequest;
import io.parley.knowledge.api.KnowledgePassage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The messages sent to the model, in this order: one {@code system} message (instructions, the
 * customer's locale, the numbered help-article passages), the most recent history that fits the
 * character budget (oldest first; {@code system} notices left out), then the customer's message.
 */
record OpenAiPrompt(List<ChatMessage> messages, int historyTurns, int historyChars, int passages) {

    static final String HANDOFF_MARKER = "[HANDOFF]";

    static OpenAiPrompt build(String instructions, AssistantRequest request, List<KnowledgePassage> passages,
                              int passageMaxChars, int historyBudgetChars) {
        StringBuilder system = new StringBuilder(instructions.strip());
        if (request.locale() != null && !request.locale().isBlank()) {
            system.append("\n\nCustomer locale: ").append(request.locale());
        }
        if (passages.isEmpty()) {
            system.append("\n\nHelp articles: none matched this question.");
        } else {
            system.append("\n\nHelp articles:");
            for (int i = 0; i < passages.size(); i++) {
                KnowledgePassage passage = passages.get(i);
                system.append("\n\n[").append(i + 1).append("] ").append(passage.title()).append('\n')
                        .append(passage.excerpt(passageMaxChars));
            }
        }

        List<ChatMessage> recent = new ArrayList<>();
        int spent = 0;
        for (int i = request.history().size() - 1; i >= 0; i--) {
            AssistantRequest.Turn turn = request.history().get(i);
            if (!turn.role().equals("user") && !turn.role().equals("assistant")) {
                continue;
            }
            if (spent + turn.content().length() > historyBudgetChars) {
                break;
            }
            spent += turn.content().length();
            recent.add(new ChatMessage(turn.role(), turn.content()));
        }
        Collections.reverse(recent);

        List<ChatMessage> messages = new ArrayList<>(recent.size() + 2);
        messages.add(new ChatMessage("system", system.toString()));
        messages.addAll(recent);
        messages.add(new ChatMessage("user", request.message()));
        return new OpenAiPrompt(List.copyOf(messages), recent.size(), spent, passages.size());
    }
}
