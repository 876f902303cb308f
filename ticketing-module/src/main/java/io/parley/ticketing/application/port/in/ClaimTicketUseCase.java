package io.parley.ticketing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.ticketing.domain.Ticket;

import java.util.Optional;

/**
 * An agent takes the next ticket of the queue: the oldest of the highest priority waiting in
 * {@code PENDING_HUMAN_ASSIGNMENT}, now {@code ACTIVE_HUMAN_CHAT} and theirs. Two agents never get
 * the same ticket; empty when the queue is.
 */
public interface ClaimTicketUseCase {

    Optional<Ticket> claimNext(Caller caller);
}
