package io.parley.ticketing.application.service;

import io.micronaut.transaction.annotation.Transactional;
import io.parley.ticketing.api.ArchivedTicket;
import io.parley.ticketing.api.TicketArchive;
import io.parley.ticketing.api.TicketRetentionCounts;
import io.parley.ticketing.application.port.out.LoadTicketArchivePort;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/** Ticketing's retention API; joins the retention batch's transaction, so what it reads is what the purge anonymises. */
@Singleton
public class TicketArchiveService implements TicketArchive {

    /** Matches the conversation module's largest retention batch. */
    static final int MAX_CONVERSATIONS = 10_000;

    private final LoadTicketArchivePort storage;

    public TicketArchiveService(LoadTicketArchivePort storage) {
        this.storage = storage;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, ArchivedTicket> ticketsOf(Collection<UUID> conversationIds) {
        Set<UUID> ids = checkIds(conversationIds);
        return ids.isEmpty() ? Map.of() : storage.loadByConversations(ids);
    }

    @Override
    @Transactional(readOnly = true)
    public TicketRetentionCounts countFor(Collection<UUID> conversationIds) {
        Set<UUID> ids = checkIds(conversationIds);
        return ids.isEmpty() ? TicketRetentionCounts.NONE : storage.countByConversations(ids);
    }

    private static Set<UUID> checkIds(Collection<UUID> conversationIds) {
        Set<UUID> ids = new LinkedHashSet<>(Objects.requireNonNull(conversationIds, "conversationIds"));
        if (ids.contains(null)) {
            throw new IllegalArgumentException("a conversation id is null");
        }
        if (ids.size() > MAX_CONVERSATIONS) {
            throw new IllegalArgumentException("at most " + MAX_CONVERSATIONS + " conversations at a time, not " + ids.size());
        }
        return ids;
    }
}
