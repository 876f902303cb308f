package io.parley.ticketing.application.service;

import io.parley.kernel.ConflictException;
import io.parley.kernel.ForbiddenException;
import io.parley.kernel.Ids;
import io.parley.kernel.Role;
import io.parley.ticketing.application.port.in.OpenTicketUseCase;
import io.parley.ticketing.application.port.out.LoadTicketPort;
import io.parley.ticketing.application.port.out.SaveTicketPort;
import io.parley.ticketing.domain.Ticket;
import io.parley.ticketing.domain.TicketNumber;
import io.parley.kernel.Timestamps;
import jakarta.inject.Singleton;
import io.micronaut.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The AI agent opens the conversation's ticket in OPEN_AI_HANDLING; a repeat answers with the existing one. */
@Singleton
public class OpenTicketService implements OpenTicketUseCase {

    private final ConversationResolver conversations;
    private final LoadTicketPort loadTickets;
    private final SaveTicketPort saveTickets;
    private final Clock clock;

    OpenTicketService(ConversationResolver conversations, LoadTicketPort loadTickets, SaveTicketPort saveTickets, Clock clock) {
        this.conversations = conversations;
        this.loadTickets = loadTickets;
        this.saveTickets = saveTickets;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Opened open(OpenTicketCommand command) {
        if (!command.caller().has(Role.SERVICE) && !command.caller().has(Role.ADMIN)) {
            throw new ForbiddenException("Only the AI agent service (or an admin) opens tickets; customers escalate.");
        }
        var conversation = conversations.owned(command.conversation(), command.caller()).view();
        if (!conversation.isOpen()) {
            return loadTickets.findByConversation(conversation.id()).map(existing -> new Opened(existing, false))
                    .orElseThrow(() -> new ConflictException("conversation is closed", Map.of("conversation_status", conversation.status())));
        }
        Optional<Ticket> existing = loadTickets.findByConversation(conversation.id());
        if (existing.isPresent()) {
            return new Opened(existing.get(), false);
        }
        Instant now = Timestamps.now(clock);
        Ticket.Change opened = Ticket.open(Ids.newId(clock), new TicketNumber(saveTickets.nextTicketNumber()), conversation.id(),
                conversation.ownerId(), command.priority(), command.description(), command.metadata(),
                Ticket.Move.by(command.caller().actorLabel(), null, now, Ids.newId(clock)));
        if (saveTickets.insertIfAbsent(opened.ticket())) {
            saveTickets.append(opened.event());
            return new Opened(opened.ticket(), true);
        }
        // another call opened it between the read and the insert
        Ticket winner = loadTickets.findByConversation(conversation.id())
                .orElseThrow(() -> new IllegalStateException("the conflicting ticket is not visible"));
        return new Opened(winner, false);
    }
}
