package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.HelpdeskKind;

import java.util.Optional;

/** The helpdesks this instance is configured for, and the one new handoffs go to. */
public interface HelpdeskProviders {

    HelpdeskKind active();

    /** Empty when that helpdesk is not configured here (a handoff queued under another configuration). */
    Optional<HelpdeskProvider> find(HelpdeskKind kind);
}
