package io.parley.live;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Who follows which topic on this instance. A notification pokes the followers of its topics with the
 * kind of change it names ({@link LiveChanges}); a poke only says "read again (this part)", so pokes may
 * be coalesced, duplicated or (across a reconnect) lost without losing an event: after a reconnect
 * {@link #pokeAll()} makes every stream read everything.
 */
@Singleton
public class NotificationHub {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationHub.class);

    private final Map<String, Set<Consumer<LiveChanges>>> followers = new ConcurrentHashMap<>();
    private final JsonMapper json;

    public NotificationHub(JsonMapper json) {
        this.json = json;
    }

    /** A follower of topics until the returned handle is closed. */
    public Following follow(Collection<String> topics, Consumer<LiveChanges> poke) {
        for (String topic : topics) {
            followers.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(poke);
        }
        return () -> {
            for (String topic : topics) {
                followers.computeIfPresent(topic, (t, set) -> {
                    set.remove(poke);
                    return set.isEmpty() ? null : set;
                });
            }
        };
    }

    /** Pokes the followers of a topic: anything may have changed. */
    public void publish(String topic) {
        publish(topic, LiveChanges.EVERYTHING);
    }

    /** Pokes the followers of a topic about a change. */
    public void publish(String topic, LiveChanges changes) {
        Set<Consumer<LiveChanges>> set = followers.get(topic);
        if (set != null) {
            set.forEach(poke -> safely(poke, changes));
        }
    }

    /** Pokes every follower once: what happened while notifications could not arrive is read now. */
    public void pokeAll() {
        Set<Consumer<LiveChanges>> all = ConcurrentHashMap.newKeySet();
        followers.values().forEach(all::addAll);
        all.forEach(poke -> safely(poke, LiveChanges.EVERYTHING));
    }

    /** A notification's payload (ids only, see {@link LiveTopics}); one that cannot be read is ignored. */
    public void deliver(String payload) {
        Map<String, Object> fields = fieldsOf(payload);
        LiveChanges changes = fields.get("k") instanceof String kind ? LiveChanges.of(kind) : LiveChanges.EVERYTHING;
        for (String topic : topicsOf(fields)) {
            publish(topic, changes);
        }
    }

    List<String> topicsOf(String payload) {
        return topicsOf(fieldsOf(payload));
    }

    private Map<String, Object> fieldsOf(String payload) {
        Map<String, Object> fields;
        try {
            fields = json.readValue(payload, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignored a live notification that is not a JSON object ({} characters)", payload == null ? 0 : payload.length());
            return Map.of();
        }
        return fields == null ? Map.of() : fields;
    }

    private static List<String> topicsOf(Map<String, Object> fields) {
        Object kind = fields.get("k");
        Object conversation = fields.get("c");
        if (kind instanceof String k && conversation instanceof String c) {
            return List.of(LiveTopics.kind(k), LiveTopics.conversation(c));
        }
        if (kind instanceof String k) {
            return List.of(LiveTopics.kind(k));
        }
        return conversation instanceof String c ? List.of(LiveTopics.conversation(c)) : List.of();
    }

    int topicCount() {
        return followers.size();
    }

    private static void safely(Consumer<LiveChanges> poke, LiveChanges changes) {
        try {
            poke.accept(changes);
        } catch (RuntimeException e) {
            LOG.warn("a live stream failed to take a poke", e);
        }
    }

    /** Stops following; idempotent. */
    @FunctionalInterface
    public interface Following extends AutoCloseable {
        @Override
        void close();
    }
}
