package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Conversation;
import io.parley.kernel.Validation;

import java.util.Objects;

/** A summary written by the AI backend (or an admin), replacing the first-message preview. */
public record SetConversationSummaryCommand(ConversationRef conversation, String summary) {

    public SetConversationSummaryCommand {
        Objects.requireNonNull(conversation, "conversation");
        summary = summary == null ? null : summary.strip();
        Validation.check().text(summary, "summary", 1, Conversation.SUMMARY_MAX_LENGTH).throwIfInvalid();
    }
}
