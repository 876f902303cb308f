package io.parley.live;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a stream was poked about since its last read: the kinds of change its notifications named (e.g.
 * {@code "m"}, a new message), or everything (a stream that just opened, a notification without a kind,
 * the notification connection coming back: anything may have happened). A source reads only what the
 * kinds ask for, so the common event costs one statement; a kind it does not know means "read everything".
 */
public final class LiveChanges {

    /** Nothing to read. */
    public static final LiveChanges NONE = new LiveChanges(Set.of(), false);
    /** Anything may have changed: read all of it. */
    public static final LiveChanges EVERYTHING = new LiveChanges(Set.of(), true);

    private final Set<String> kinds;
    private final boolean everything;

    private LiveChanges(Set<String> kinds, boolean everything) {
        this.kinds = kinds;
        this.everything = everything;
    }

    /** A change of one kind (the notification payload's {@code k}). */
    public static LiveChanges of(String kind) {
        return new LiveChanges(Set.of(Objects.requireNonNull(kind, "kind")), false);
    }

    /** Everything either names. */
    public LiveChanges merge(LiveChanges other) {
        if (everything || other.isEmpty() || kinds.containsAll(other.kinds) && !other.everything) {
            return this;
        }
        if (other.everything || isEmpty() || other.kinds.containsAll(kinds)) {
            return other;
        }
        Set<String> union = new HashSet<>(kinds);
        union.addAll(other.kinds);
        return new LiveChanges(Set.copyOf(union), false);
    }

    public boolean isEverything() {
        return everything;
    }

    public boolean isEmpty() {
        return !everything && kinds.isEmpty();
    }

    /** The kinds named (empty when everything is asked for: test {@link #isEverything()} first). */
    public Set<String> kinds() {
        return kinds;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LiveChanges changes && changes.everything == everything && changes.kinds.equals(kinds);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(everything) * 31 + kinds.hashCode();
    }

    @Override
    public String toString() {
        return everything ? "everything" : "kinds " + kinds;
    }
}
