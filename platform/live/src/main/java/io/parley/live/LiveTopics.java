package io.parley.live;

import java.util.UUID;

/**
 * The notification channel and the topics a stream follows.
 *
 * <p>A notification payload is a small JSON object of ids only, e.g. {@code {"k":"m","c":"<uuid>","s":7}}:
 * {@code k} the kind of change (the module's own letter), {@code c} the conversation it concerns (absent
 * when none), anything else is for diagnostics. Every notification pokes the topics {@link #kind(String)}
 * of its kind and {@link #conversation(UUID)} of its conversation; a stream reads what changed itself.
 */
public final class LiveTopics {

    /** The PostgreSQL channel every trigger notifies on. */
    public static final String CHANNEL = "parley_live";

    private LiveTopics() {
    }

    /** Everything that happens in one conversation (messages, its state, its ticket). */
    public static String conversation(UUID conversationId) {
        return conversation(conversationId.toString());
    }

    static String conversation(String conversationId) {
        return "c:" + conversationId;
    }

    /** Every change of one kind, e.g. {@code kind("t")} for every ticket change. */
    public static String kind(String kind) {
        return "k:" + kind;
    }
}
