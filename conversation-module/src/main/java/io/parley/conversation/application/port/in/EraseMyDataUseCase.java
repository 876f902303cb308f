package io.parley.conversation.application.port.in;

import io.parley.kernel.Caller;

public interface EraseMyDataUseCase {

    /**
     * Erases every conversation of the authenticated caller, one transaction per conversation, then
     * their user row. Harmless when there is nothing to erase.
     *
     * @return how many conversations were erased
     */
    int eraseMyData(Caller caller);
}
