package io.parley.ticketing.adapter.out.helpdesk;

import io.parley.ticketing.application.port.out.HelpdeskProvider;
import io.parley.ticketing.domain.DeliveryOutcome;
import io.parley.ticketing.domain.HandoffStatus;
import io.parley.ticketing.domain.HelpdeskKind;
import jakarta.inject.Singleton;

/** The default: Parley's own agent queue. The ticket is already waiting there, so the handoff is routed at once. */
@Singleton
class InternalHelpdesk implements HelpdeskProvider {

    @Override
    public HelpdeskKind kind() {
        return HelpdeskKind.INTERNAL;
    }

    @Override
    public DeliveryOutcome deliver(HandoffRequest request) {
        return new DeliveryOutcome.Delivered(HandoffStatus.ROUTED, null);
    }
}
