package io.parley.conversation.application.port.in;

import io.parley.kernel.Caller;

public interface ExportTranscriptUseCase {

    /** Checks access now; the returned transcript's messages load lazily as they are written out. */
    Transcript export(ConversationRef conversation, Caller caller);
}
