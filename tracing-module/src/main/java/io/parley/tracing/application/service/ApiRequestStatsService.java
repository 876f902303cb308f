package io.parley.tracing.application.service;

import io.parley.kernel.Caller;
import io.parley.kernel.ForbiddenException;
import io.parley.tracing.application.port.in.ApiRequestStatsQuery;
import io.parley.tracing.application.port.in.ApiRequestStatsUseCase;
import io.parley.tracing.application.port.out.LoadApiRequestStatsPort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Request-log statistics for admins, computed by the database. */
@Singleton
public class ApiRequestStatsService implements ApiRequestStatsUseCase {

    private final LoadApiRequestStatsPort stats;

    public ApiRequestStatsService(LoadApiRequestStatsPort stats) {
        this.stats = stats;
    }

    @Override
    @Transactional(readOnly = true)
    public ApiRequestStats stats(ApiRequestStatsQuery query, Caller caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only admins see API request statistics.");
        }
        return new ApiRequestStats(query.window(), stats.stats(query.window(), query.endpoint()));
    }
}
