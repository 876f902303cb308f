package io.parley.conversation.application.service;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.parley.conversation.api.ArchivedConversation;
import io.parley.conversation.api.ConversationRetention;
import io.parley.conversation.api.PurgedConversationRows;
import io.parley.conversation.application.port.out.PurgeConversationsPort;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The conversation module's retention API. Every call joins the caller's transaction (the orchestrator
 * runs one short transaction per batch) or runs in its own; bounds are checked here so a misconfigured
 * caller cannot turn a batch into a table scan.
 */
@Singleton
public class ConversationRetentionService implements ConversationRetention {

    private final PurgeConversationsPort storage;

    public ConversationRetentionService(PurgeConversationsPort storage) {
        this.storage = storage;
    }

    @Override
    @Transactional
    public int closeIdle(Instant idleBefore, Instant closedAt, int limit) {
        Objects.requireNonNull(idleBefore, "idleBefore");
        Objects.requireNonNull(closedAt, "closedAt");
        if (closedAt.isBefore(idleBefore)) {
            throw new IllegalArgumentException("a conversation cannot be closed before it became idle");
        }
        return storage.closeIdle(idleBefore, closedAt, checkLimit(limit));
    }

    @Override
    @Transactional(readOnly = true)
    public long countIdle(Instant idleBefore) {
        return storage.countIdle(Objects.requireNonNull(idleBefore, "idleBefore"));
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<Position> lockExpired(Instant cutoff, Position after, int limit) {
        return storage.selectExpired(Objects.requireNonNull(cutoff, "cutoff"), after, checkLimit(limit), true);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Position> findExpired(Instant cutoff, Position after, int limit) {
        return storage.selectExpired(Objects.requireNonNull(cutoff, "cutoff"), after, checkLimit(limit), false);
    }

    @Override
    @Transactional(readOnly = true)
    public void archive(Collection<UUID> conversationIds, Consumer<ArchivedConversation> consumer) {
        Set<UUID> ids = checkIds(conversationIds);
        if (!ids.isEmpty()) {
            storage.streamArchive(ids, consumer);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public PurgedConversationRows count(Collection<UUID> conversationIds) {
        Set<UUID> ids = checkIds(conversationIds);
        return ids.isEmpty() ? PurgedConversationRows.NONE : storage.count(ids);
    }

    @Override
    @Transactional
    public PurgedConversationRows purge(Collection<UUID> conversationIds, Instant cutoff) {
        Objects.requireNonNull(cutoff, "cutoff");
        Set<UUID> ids = checkIds(conversationIds);
        return ids.isEmpty() ? PurgedConversationRows.NONE : storage.delete(ids, cutoff);
    }

    @Override
    @Transactional(readOnly = true)
    public Set<UUID> stillPresent(Collection<UUID> conversationIds) {
        Set<UUID> ids = checkIds(conversationIds);
        return ids.isEmpty() ? Set.of() : storage.existing(ids);
    }

    private static int checkLimit(int limit) {
        if (limit < 1 || limit > MAX_BATCH) {
            throw new IllegalArgumentException("a retention batch holds 1.." + MAX_BATCH + " conversations, not " + limit);
        }
        return limit;
    }

    private static Set<UUID> checkIds(Collection<UUID> conversationIds) {
        Set<UUID> ids = new LinkedHashSet<>(Objects.requireNonNull(conversationIds, "conversationIds"));
        if (ids.contains(null)) {
            throw new IllegalArgumentException("a conversation id is null");
        }
        if (ids.size() > MAX_BATCH) {
            throw new IllegalArgumentException("a retention batch holds at most " + MAX_BATCH + " conversations, not " + ids.size());
        }
        return ids;
    }
}
