package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Message;
import io.parley.kernel.Caller;
import io.parley.kernel.Page;

public interface ReadMessagesUseCase {

    /** A page of the history by {@code seq}, either way: the same cost at message 10 or 100,000 (an index range scan). */
    Page<Message> read(ReadMessagesQuery query, Caller caller);
}
