package io.parley.ticketing.application.service;

import io.parley.conversation.api.UserDirectory;
import io.parley.kernel.Caller;
import io.parley.kernel.Ids;
import io.parley.ticketing.application.port.in.ClaimTicketUseCase;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketStatus;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The agent queue: FOR UPDATE SKIP LOCKED hands each waiting ticket to exactly one claimer. */
@Singleton
public class ClaimTicketService implements ClaimTicketUseCase {

    static final String CLAIM_REASON = "claimed from the queue";

    private final LockTicketPort lockTickets;
    private final UserDirectory users;
    private final TicketChangeWriter changes;
    private final Clock clock;

    ClaimTicketService(LockTicketPort lockTickets, UserDirectory users, TicketChangeWriter changes, Clock clock) {
        this.lockTickets = lockTickets;
        this.users = users;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Optional<Ticket> claimNext(Caller caller) {
        Roles.requireStaff(caller);
        UUID agent = users.ensureUser(caller);
        return lockTickets.lockNextInQueue().map(ticket -> {
            Instant now = Timestamps.now(clock);
            Ticket.Change claim = ticket.moveTo(TicketStatus.ACTIVE_HUMAN_CHAT,
                    Ticket.Move.by(caller.actorLabel(), CLAIM_REASON, now, Ids.newId(clock)).assigning(agent));
            changes.store(ticket, claim);
            return claim.ticket();
        });
    }
}
