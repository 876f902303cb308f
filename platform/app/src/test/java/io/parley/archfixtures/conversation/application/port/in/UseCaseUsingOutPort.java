package io.parley.archfixtures.conversation.application.port.in;

import io.parley.archfixtures.conversation.application.port.out.LoadConversationPort;

/** Breaks rule 2: an inbound port imports an outbound one. */
public interface UseCaseUsingOutPort {

    LoadConversationPort conversations();
}
