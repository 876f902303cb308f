package io.parley.ticketing.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * What one delivery attempt of a handoff to a helpdesk came to. Error texts are written by the
 * adapters from status codes and failure kinds only: never a response body, URL or credential.
 */
public sealed interface DeliveryOutcome {

    /**
     * Accepted: {@code state} is {@link DeliveryState#HELPDESK_ACCEPTED} (an external helpdesk, with its
     * ticket id when it named one) or {@link DeliveryState#IN_PARLEY_QUEUE} (Parley's own queue).
     */
    record Delivered(DeliveryState state, String externalTicketId) implements DeliveryOutcome {
        public Delivered {
            if (state != DeliveryState.HELPDESK_ACCEPTED && state != DeliveryState.IN_PARLEY_QUEUE) {
                throw new IllegalArgumentException("a delivery ends accepted by a helpdesk or in Parley's queue");
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
