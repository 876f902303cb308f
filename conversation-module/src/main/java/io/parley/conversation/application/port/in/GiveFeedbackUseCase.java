package io.parley.conversation.application.port.in;

import io.parley.kernel.Caller;

public interface GiveFeedbackUseCase {

    /** Records the customer's feedback, replacing an earlier one; the conversation may be open or closed. */
    RecordedFeedback give(GiveFeedbackCommand command, Caller caller);
}
