package io.parley.ticketing.application.service;

import io.parley.kernel.ForbiddenException;
import io.parley.kernel.NotFoundException;
import io.parley.ticketing.application.port.in.UpdateTicketUseCase;
import io.parley.ticketing.application.port.out.LockTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.time.Clock;

/** Edits a ticket under optimistic locking: the row is locked, the client's version compared, then written with version + 1. */
@Singleton
public class UpdateTicketService implements UpdateTicketUseCase {

    private final LockTicketPort lockTickets;
    private final SaveTicketPort saveTickets;
    private final Clock clock;

    UpdateTicketService(LockTicketPort lockTickets, SaveTicketPort saveTickets, Clock clock) {
        this.lockTickets = lockTickets;
        this.saveTickets = saveTickets;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Ticket update(UpdateTicketCommand command) {
        if (!Roles.isStaff(command.caller()) && !Roles.isService(command.caller())) {
            throw new ForbiddenException("Only agents, admins and the AI agent service may edit tickets.");
        }
        Ticket ticket = lockTickets.lockById(command.ticketId()).orElseThrow(() -> new NotFoundException("ticket"));
        ticket.requireVersion(command.expectedVersion());
        Ticket edited = ticket.edit(command.priority(), command.description(), command.metadata(), Timestamps.now(clock));
        saveTickets.update(edited, ticket.version());
        return edited;
    }
}
