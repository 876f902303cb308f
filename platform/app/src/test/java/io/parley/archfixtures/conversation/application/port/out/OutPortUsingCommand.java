package io.parley.archfixtures.conversation.application.port.out;

import io.parley.archfixtures.conversation.application.port.in.AppendMessageCommand;

/** Breaks rule 2: an outbound port imports an inbound command. */
public interface OutPortUsingCommand {

    void save(AppendMessageCommand command);
}
