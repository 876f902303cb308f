package io.parley.live;

import java.util.List;

/**
 * What a {@link LiveSource} read after a position: events in order, whether more is waiting (read
 * again at once, room permitting), and whether the stream has ended for good (e.g. its conversation
 * was erased): the stream then completes once these events are sent.
 */
public record LiveBatch<P>(List<LiveEvent<P>> events, boolean more, boolean ended) {

    public LiveBatch {
        events = List.copyOf(events);
    }

    public static <P> LiveBatch<P> of(List<LiveEvent<P>> events, boolean more) {
        return new LiveBatch<>(events, more, false);
    }

    public static <P> LiveBatch<P> end() {
        return new LiveBatch<>(List.of(), false, true);
    }
}
