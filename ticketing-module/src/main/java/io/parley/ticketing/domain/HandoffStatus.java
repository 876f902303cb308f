package io.parley.ticketing.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * The status of a handoff as clients see it, in the chat response and on {@code GET …/handoff} alike:
 * <ul>
 *   <li>{@code pending}: escalated, and no person or helpdesk has it yet (also a reopened ticket);</li>
 *   <li>{@code created}: an external helpdesk accepted it;</li>
 *   <li>{@code routed}: a person took it ({@code ACTIVE_HUMAN_CHAT});</li>
 *   <li>{@code resolved}: its ticket closed;</li>
 *   <li>{@code failed}: delivery to the helpdesk gave up and nobody has taken the ticket.</li>
 * </ul>
 * {@link #of} is the one place it is worked out.
 */
public enum HandoffStatus {
    PENDING, CREATED, ROUTED, RESOLVED, FAILED;

    /**
     * The status of a handoff from where its ticket and its delivery stand. The ticket decides first:
     * closed is {@code resolved} and a person at work is {@code routed}, whatever the delivery did (a
     * Parley agent may take a ticket whose helpdesk delivery failed). While the ticket waits for a
     * person, the delivery decides.
     *
     * @param delivery null when the ticket has no handoff row (nothing was queued): only the ticket speaks
     */
    public static HandoffStatus of(TicketStatus ticket, DeliveryState delivery) {
        if (ticket.isClosed()) {
            return RESOLVED;
        }
        if (ticket == TicketStatus.ACTIVE_HUMAN_CHAT) {
            return ROUTED;
        }
        if (delivery == null) {
            return PENDING;
        }
        return switch (delivery) {
            case HELPDESK_ACCEPTED -> CREATED;
            case GAVE_UP -> FAILED;
            // the internal queue holds it but no person does yet; a settled row of an open ticket is not re-delivered
            case AWAITING_DELIVERY, IN_PARLEY_QUEUE, SETTLED -> PENDING;
        };
    }

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HandoffStatus> fromWire(String value) {
        for (HandoffStatus status : values()) {
            if (status.wireValue().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
