package io.parley.ticketing.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * What one delivery attempt of a handoff to a helpdesk came to. Error texts are written by the
 * adapters from status codes and failure kinds only: never a response body, URL or credential.
 */
public sealed interface DeliveryOutcome {

    /** Accepted: {@code status} is {@link HandoffStatus#CREATED} (external ticket) or {@link HandoffStatus#ROUTED} (Parley's queue). */
    record Delivered(HandoffStatus status, String externalTicketId) implements DeliveryOutcome {
        public Delivered {
            if (status != HandoffStatus.CREATED && status != HandoffStatus.ROUTED) {
                throw new IllegalArgumentException("a delivery ends created or routed");
            }
        }
    }

    /** Worth another attempt (5xx, timeout, connection failure, 429); {@code retryAfter} is the helpdesk's own wish, or null. */
    record Retryable(String error, Duration retryAfter) implements DeliveryOutcome {
        public Retryable {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Rejected for good (a 4xx other than 408/429: bad request, bad credentials): retrying cannot help. */
    record Permanent(String error) implements DeliveryOutcome {
        public Permanent {
            Objects.requireNonNull(error, "error");
        }
    }
}
