package io.parley.ticketing.application.port.out;

import io.parley.ticketing.domain.Handoff;

import java.util.Optional;
import java.util.UUID;

public interface LoadHandoffPort {

    Optional<Handoff> findByTicket(UUID ticketId);

    Optional<Handoff> findByConversation(UUID conversationId);
}
