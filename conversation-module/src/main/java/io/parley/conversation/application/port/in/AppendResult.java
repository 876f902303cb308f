package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Message;

/** The stored message; {@code replayed} when an earlier request with the same idempotency key stored it and nothing new was written. */
public record AppendResult(Message message, boolean replayed) {
}
