package io.parley.ticketing.application.service;

import io.parley.kernel.Ids;
import io.parley.ticketing.application.port.out.HandoffOutboxPort;
import io.parley.ticketing.application.port.out.HelpdeskProviders;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Handoff;
import io.parley.ticketing.domain.Ticket;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores a status change with everything that must happen in the same transaction: the ticket, its
 * history event, and the outbox: the escalation queues the handoff, a reopen queues it afresh, a close
 * settles it.
 */
@Singleton
class TicketChangeWriter {

    private final SaveTicketPort tickets;
    private final HandoffOutboxPort outbox;
    private final HelpdeskProviders helpdesks;
    private final Clock clock;

    TicketChangeWriter(SaveTicketPort tickets, HandoffOutboxPort outbox, HelpdeskProviders helpdesks, Clock clock) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.helpdesks = helpdesks;
        this.clock = clock;
    }

    /** @return the handoff queued by an escalation or a reopen */
    Optional<Handoff> store(Ticket before, Ticket.Change change) {
        Ticket after = change.ticket();
        tickets.update(after, before.version());
        tickets.append(change.event());
        // the clock's reading, not the event's time: that may lie a microsecond ahead (see Ticket), and the handoff is due now
        Instant now = Timestamps.now(clock);
        if (change.queuesHandoff() && after.conversationId() != null) {
            Handoff handoff = Handoff.queue(Ids.newId(clock), after.id(), after.conversationId(), helpdesks.active(),
                    after.escalationReason(), now);
            if (change.reopened()) {
                outbox.requeue(handoff);
            } else {
                outbox.enqueue(handoff);
            }
            return Optional.of(handoff);
        }
        if (change.closed()) {
            outbox.settleForClosedTicket(after.id(), now);
        }
        return Optional.empty();
    }
}
