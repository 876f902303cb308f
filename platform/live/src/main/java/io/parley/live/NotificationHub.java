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

/**
 * Who follows which topic on this instance. A notification pokes the followers of its topics; a poke
 * only says "read again", so pokes may be coalesced, duplicated or (across a reconnect) lost without
 * losing an event: after a reconnect {@link #pokeAll()} makes every stream read.
 */
@Singleton
public class NotificationHub {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationHub.class);

    private final Map<String, Set<Runnable>> followers = new ConcurrentHashMap<>();
    private final JsonMapper json;

    public NotificationHub(JsonMapper json) {
        this.json = json;
    }

    /** A follower of topics until the returned handle is closed. */
    public Following follow(Collection<String> topics, Runnable poke) {
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

    /** Pokes the followers of a topic. */
    public void publish(String topic) {
        Set<Runnable> set = followers.get(topic);
        if (set != null) {
            set.forEach(NotificationHub::safely);
        }
    }

    /** Pokes every follower once: what happened while notifications could not arrive is read now. */
    public void pokeAll() {
        Set<Runnable> all = ConcurrentHashMap.newKeySet();
        followers.values().forEach(all::addAll);
        all.forEach(NotificationHub::safely);
    }

    /** A notification's payload (ids only, see {@link LiveTopics}); one that cannot be read is ignored. */
    public void deliver(String payload) {
        for (String topic : topicsOf(payload)) {
            publish(topic);
        }
    }

    List<String> topicsOf(String payload) {
        Map<String, Object> fields;
        try {
            fields = json.readValue(payload, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignored a live notification that is not a JSON object ({} characters)", payload == null ? 0 : payload.length());
            return List.of();
        }
        if (fields == null) {
            return List.of();
        }
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

    private static void safely(Runnable poke) {
        try {
            poke.run();
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
