package io.parley.ticketing.application.service;

import io.parley.conversation.api.UserDirectory;
import io.parley.kernel.Page;
import io.parley.ticketing.application.port.in.ListTicketsUseCase;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.domain.Ticket;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.util.List;
import java.util.UUID;

/** Keyset pages of tickets for agents and admins: stable while tickets are opened concurrently. */
@Singleton
public class ListTicketsService implements ListTicketsUseCase {

    private final LoadTicketPort loadTickets;
    private final UserDirectory users;

    ListTicketsService(LoadTicketPort loadTickets, UserDirectory users) {
        this.loadTickets = loadTickets;
        this.users = users;
    }

    @Override
    @Transactional
    public Page<Ticket> list(ListTicketsQuery query) {
        Roles.requireStaff(query.caller());
        UUID assignee = query.assignee() == null ? null
                : query.assignee().isCaller() ? users.ensureUser(query.caller()) : query.assignee().userId();
        Position after = query.after();
        List<Ticket> rows = loadTickets.list(query.statuses(), assignee, after == null ? null : after.openedAt(),
                after == null ? null : after.id(), query.limit() + 1);
        return Page.fromLookahead(rows, query.limit(), ticket -> Position.of(ticket).cursor());
    }
}
