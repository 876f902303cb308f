package io.parley.tracing.application.port.in;

import io.parley.kernel.Caller;
import io.parley.tracing.domain.EndpointStats;
import io.parley.tracing.domain.StatsWindow;

import java.util.List;

/** Per-endpoint request count, error rates and latency percentiles over a time window (admins only). */
public interface ApiRequestStatsUseCase {

    /** @throws io.parley.kernel.ForbiddenException when the caller is not an admin */
    ApiRequestStats stats(ApiRequestStatsQuery query, Caller caller);

    /** @param endpoints ordered by endpoint, then method */
    record ApiRequestStats(StatsWindow window, List<EndpointStats> endpoints) {
    }
}
