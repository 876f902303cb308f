package io.parley.retention;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.parley.conversation.api.ArchivedConversation;
import io.parley.conversation.api.ConversationRetention;
import io.parley.conversation.api.PurgedConversationRows;
import io.parley.testing.MutableClock;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.parley.testing.RetentionFixtures.closedConversation;
import static io.parley.testing.RetentionFixtures.message;

/**
 * The conversation module's real retention api (over PostgreSQL) with a price on its delete steps: each purge
 * advances the test's clock by what the rows it deleted "cost", and so does each idle close, so the job's time
 * box sees batches of known durations and nothing sleeps. Records how many conversations each step took.
 * A test class puts it in place of the real bean by setting {@value #IN_PLACE} to true ({@link InPlace}).
 */
public final class WeighedConversations implements ConversationRetention {

    /** The property that puts it in place of the real bean. */
    public static final String IN_PLACE = "parley.test.weighed-conversations";

    private final ConversationRetention real;
    private volatile MutableClock clock;
    private volatile Duration perConversation = Duration.ZERO;
    private volatile Duration perMessage = Duration.ZERO;
    private final List<Integer> purged = new CopyOnWriteArrayList<>();
    private final List<Integer> closed = new CopyOnWriteArrayList<>();

    WeighedConversations(ConversationRetention real) {
        this.real = real;
    }

    /** Wraps the real bean when it is created, in the test classes that ask for it. */
    @Singleton
    @Requires(property = IN_PLACE, value = "true")
    static class InPlace implements BeanCreatedEventListener<ConversationRetention> {

        @Override
        public ConversationRetention onCreated(BeanCreatedEvent<ConversationRetention> event) {
            return new WeighedConversations(event.getBean());
        }
    }

    /**
     * From now on a delete step advances {@code clock} (the job's) by this much per conversation and per message
     * it removed.
     */
    public void price(MutableClock clock, Duration perConversation, Duration perMessage) {
        this.clock = clock;
        this.perConversation = perConversation;
        this.perMessage = perMessage;
    }

    /** Free again, and nothing recorded. */
    public void reset() {
        this.clock = null;
        this.perConversation = Duration.ZERO;
        this.perMessage = Duration.ZERO;
        purged.clear();
        closed.clear();
    }

    private void charge(Duration cost) {
        MutableClock priced = clock;
        if (priced != null) {
            priced.advance(cost);
        }
    }

    /** How many conversations each purge step (each batch) deleted, in order. */
    public List<Integer> purged() {
        return List.copyOf(purged);
    }

    /** How many conversations each idle-close step (each batch that closed some) closed, in order. */
    public List<Integer> closed() {
        return List.copyOf(closed);
    }

    @Override
    public PurgedConversationRows purge(Collection<UUID> conversationIds, Instant cutoff) {
        PurgedConversationRows rows = real.purge(conversationIds, cutoff);
        charge(perConversation.multipliedBy(rows.conversations()).plus(perMessage.multipliedBy(rows.messages())));
        purged.add((int) rows.conversations());
        return rows;
    }

    @Override
    public int closeIdle(Instant idleBefore, Instant closedAt, int limit) {
        int rows = real.closeIdle(idleBefore, closedAt, limit);
        charge(perConversation.multipliedBy(rows));
        if (rows > 0) {
            closed.add(rows);
        }
        return rows;
    }

    @Override
    public long countIdle(Instant idleBefore) {
        return real.countIdle(idleBefore);
    }

    @Override
    public List<Position> lockExpired(Instant cutoff, Position after, int limit) {
        return real.lockExpired(cutoff, after, limit);
    }

    @Override
    public List<Position> findExpired(Instant cutoff, Position after, int limit) {
        return real.findExpired(cutoff, after, limit);
    }

    @Override
    public void archive(Collection<UUID> conversationIds, Consumer<ArchivedConversation> consumer) {
        real.archive(conversationIds, consumer);
    }

    @Override
    public PurgedConversationRows count(Collection<UUID> conversationIds) {
        return real.count(conversationIds);
    }

    @Override
    public Set<UUID> stillPresent(Collection<UUID> conversationIds) {
        return real.stillPresent(conversationIds);
    }

    /**
     * Expired conversations in scan order (oldest first): {@code light} without messages, then {@code heavy} with
     * one message each, one an hour, the last ended an hour before {@code cutoff}.
     */
    public static List<UUID> lightThenHeavy(Instant cutoff, int light, int heavy) {
        List<UUID> ids = new ArrayList<>();
        int n = light + heavy;
        for (int i = 0; i < n; i++) {
            Instant ended = cutoff.minus(Duration.ofHours(n - i));
            UUID id = closedConversation(i % 2 == 0 ? null : "ivan", ended.minus(Duration.ofHours(2)), ended);
            if (i >= light) {
                message(id, "user", "question " + i, ended.minus(Duration.ofHours(1)));
            }
            ids.add(id);
        }
        return ids;
    }
}
