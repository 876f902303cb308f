package io.parley.live;

import java.util.Objects;
import java.util.Set;

/**
 * A stream to open: whose it is (the key its per-caller limit counts under, e.g. {@code user:<sub>};
 * never logged), the topics that poke it, where it starts, and its source.
 */
public record StreamSpec<P>(String caller, Set<String> topics, P start, LiveSource<P> source) {

    public StreamSpec {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(source, "source");
        topics = Set.copyOf(topics);
    }
}
