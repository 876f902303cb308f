package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.Feedback;

/** The stored feedback and how many secrets were redacted from its comment. */
public record RecordedFeedback(Feedback feedback, int redactions) {
}
