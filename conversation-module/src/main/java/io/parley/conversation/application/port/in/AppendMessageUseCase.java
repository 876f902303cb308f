package io.parley.conversation.application.port.in;

import io.parley.kernel.Caller;

public interface AppendMessageUseCase {

    /**
     * Redacts and appends a message with the next {@code seq} of its conversation. A repeat of an
     * idempotency key returns the first result. Closed conversation: 409; a role the caller may not
     * write: 403; content over the role's limit: 422.
     */
    AppendResult append(AppendMessageCommand command, Caller caller);
}
