package io.parley.chat.application.port.in;

import io.parley.kernel.Caller;

/**
 * One turn of the assistant's front door ({@code POST /api/v1/chat}): the customer's message in, the
 * assistant's reply out, and a hand-over to human support when the assistant recommends one.
 */
public interface ChatTurnUseCase {

    /**
     * Continues the conversation the command's session id names (the customer's own only: someone
     * else's or an unknown one is a 404; a closed one a 409), or starts one; appends the redacted
     * message, asks the assistant, appends its reply, records the turn's trace and escalates when the
     * reply recommends it. A repeated {@code Idempotency-Key} returns the first turn
     * ({@link ChatTurnResult#replayed()}) and writes nothing new; with a different message it is a 422.
     */
    ChatTurnResult turn(ChatTurnCommand command, Caller caller);
}
