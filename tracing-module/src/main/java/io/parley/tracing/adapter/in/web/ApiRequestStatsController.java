package io.parley.tracing.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.kernel.Caller;
import io.parley.tracing.application.port.in.ApiRequestStatsQuery;
import io.parley.tracing.application.port.in.ApiRequestStatsUseCase;
import io.parley.tracing.domain.EndpointStats;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** API.md "Operations": how the API behaves, per endpoint, for admins. */
@Controller("/api/v1/admin/api-requests")
class ApiRequestStatsController {

    private final ApiRequestStatsUseCase stats;
    private final Clock clock;

    ApiRequestStatsController(ApiRequestStatsUseCase stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Get("/stats")
    @Secured("admin")
    StatsReply stats(@Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String endpoint,
                     Caller caller) {
        var result = stats.stats(ApiRequestStatsQuery.of(from, to, endpoint, clock.instant()), caller);
        return new StatsReply(result.window().from(), result.window().to(),
                result.endpoints().stream().map(EndpointReply::of).toList());
    }

    /** The window actually used (defaults applied) and one item per endpoint and method, ordered by endpoint. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StatsReply(Instant from, Instant to, List<EndpointReply> items) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record EndpointReply(String endpoint, String method, long count, double errorRate, double clientErrorRate,
                         double p50Ms, double p95Ms, double p99Ms) {
        static EndpointReply of(EndpointStats s) {
            return new EndpointReply(s.endpoint(), s.method(), s.count(), s.errorRate(), s.clientErrorRate(),
                    s.p50Ms(), s.p95Ms(), s.p99Ms());
        }
    }
}
