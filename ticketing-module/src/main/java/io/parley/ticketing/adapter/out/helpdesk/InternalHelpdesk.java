package io.parley.ticketing.adapter.out.helpdesk;

import io.parley.ticketing.application.port.out.HelpdeskProvider;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.DeliveryState;
import io.parley.ticketing.domain.HelpdeskKind;
import jakarta.inject.Singleton;

/**
 * The default: Parley's own agent queue. The ticket is already waiting there, so the delivery is done at
 * once; the handoff stays {@code pending} for the customer until an agent takes the ticket.
 */
@Singleton
class InternalHelpdesk implements HelpdeskProvider {

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.INTERNAL;
    }

    @Override
    public DeliveryOutcome deliver(HandoffRequest request) {
        return new DeliveryOutcome.Delivered(DeliveryState.IN_PARLEY_QUEUE, null);
    }
}
