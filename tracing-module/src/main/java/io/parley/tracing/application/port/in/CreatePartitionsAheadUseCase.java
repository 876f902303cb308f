package io.parley.tracing.application.port.in;

import java.util.List;

/**
 * Keeps the partitions of the agent traces and the API request log ahead of time: from the period now
 * in progress to the configured horizon, on every instance (creating one is idempotent and serialised
 * across instances).
 */
public interface CreatePartitionsAheadUseCase {

    /** The names of the partitions this call created (none when every one already existed). */
    List<String> createAhead();
}
