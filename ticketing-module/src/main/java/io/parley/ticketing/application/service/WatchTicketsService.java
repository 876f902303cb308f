package io.parley.ticketing.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.kernel.Caller;
import io.parley.ticketing.application.port.in.QueuePosition;
import io.parley.ticketing.application.port.in.WatchTicketsUseCase;
import io.parley.ticketing.application.port.out.LoadTicketChangesPort;
import io.parley.ticketing.domain.TicketChange;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class WatchTicketsService implements WatchTicketsUseCase {

    private final LoadTicketChangesPort changes;

    WatchTicketsService(LoadTicketChangesPort changes) {
        this.changes = changes;
    }

    @Override
    @Transactional(readOnly = true)
    public long watchQueue(Caller caller, String lastEventId) {
        Roles.requireStaff(caller);
        if (lastEventId == null) {
            return changes.latestCommittedChange();
        }
        long resume = QueuePosition.parse(lastEventId).number();
        if (resume > changes.latestDrawnChange()) {
            throw QueuePosition.notOfThisStream();
        }
        return resume;
    }

    @Override
    @Transactional(readOnly = true)
    public List<TicketChange> queueChangesAfter(long afterNumber, int limit) {
        return changes.changedAfter(afterNumber, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<TicketChange> conversationTicketAfter(UUID conversationId, long afterNumber) {
        return changes.conversationTicketChangedAfter(conversationId, afterNumber);
    }

    @Override
    @Transactional(readOnly = true)
    public long conversationTicketChange(UUID conversationId) {
        return changes.conversationTicketChange(conversationId);
    }
}
