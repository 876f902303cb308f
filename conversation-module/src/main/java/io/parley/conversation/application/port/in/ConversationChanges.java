package io.parley.conversation.application.port.in;

import io.parley.conversation.api.TicketFeed;
import io.parley.conversation.domain.Conversation;
import io.parley.conversation.domain.Message;

import java.util.List;
import java.util.Optional;

/**
 * What happened in a conversation after a stream's position: new messages by seq (at most the limit asked;
 * {@code moreMessages} when further ones wait), the ticket if it changed, the conversation if it was closed,
 * or {@code gone} when it was erased. Ticket and conversation are only read once no message waits, so a
 * reader never gets a state that is newer than messages it has not been sent yet.
 */
public record ConversationChanges(List<Message> messages, boolean moreMessages, Optional<TicketFeed.TicketChange> ticket,
                                  Optional<Conversation> closed, boolean gone) {

    public ConversationChanges {
        messages = List.copyOf(messages);
    }

    public static ConversationChanges erased() {
        return new ConversationChanges(List.of(), false, Optional.empty(), Optional.empty(), true);
    }
}
