package io.parley.tracing.application.port.out;

import io.parley.tracing.domain.EndpointStats;
import io.parley.tracing.domain.StatsWindow;

import java.util.List;

/** Aggregates the request log. */
public interface LoadApiRequestStatsPort {

    /**
     * Per endpoint and method with at least one request in the window, ordered by endpoint then method.
     *
     * @param endpoint one route template only, or null for every endpoint
     */
    List<EndpointStats> stats(StatsWindow window, String endpoint);
}
