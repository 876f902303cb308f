package io.parley.live;

import java.util.Objects;

/**
 * One event of a stream as a source read it: its SSE {@code event:} name, its {@code id:} (the stream's
 * position after it, as the client will send it back in {@code Last-Event-ID}), the data object (written
 * as JSON), and the same position as the source works with it.
 */
public record LiveEvent<P>(String name, String id, Object data, P position) {

    public LiveEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(position, "position");
    }
}
