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

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.FROM;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_ADMIN;
import static io.parley.kernel.ApiDocs.TO;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;
import static io.parley.kernel.ApiDocs.UNPROCESSABLE;

/** docs/api.md "Operations": how the API behaves, per endpoint, for admins. */
@Controller("/api/v1/admin/api-requests")
@Tag(name = TAG_ADMIN)
@SecurityRequirement(name = BEARER)
class ApiRequestStatsController {

    private final ApiRequestStatsUseCase stats;
    private final Clock clock;

    ApiRequestStatsController(ApiRequestStatsUseCase stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Get("/stats")
    @Secured("admin")
    @Operation(operationId = "getApiRequestStats", summary = "How the API behaved, per endpoint (admin)",
            description = "The window [from, to): to defaults to now, from to 24 hours before to, at most 31 days. Every /api request is"
                    + " logged asynchronously (route template, method, status, latency, kind of caller), so the last half second may"
                    + " not be counted yet. Unmatched routes appear as (unmatched).")
    @ApiResponse(responseCode = "200", description = "The statistics, ordered by endpoint", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    ApiRequestStatsResponse stats(@Nullable @QueryValue @Parameter(description = FROM, schema = @Schema(format = "date-time")) String from,
                                  @Nullable @QueryValue @Parameter(description = TO, schema = @Schema(format = "date-time")) String to,
                                  @Nullable @QueryValue @Parameter(description = "keeps one route template", example = "/api/v1/conversations/{id}")
                                  String endpoint,
                                  @Parameter(hidden = true) Caller caller) {
        var result = stats.stats(ApiRequestStatsQuery.of(from, to, endpoint, clock.instant()), caller);
        return new ApiRequestStatsResponse(result.window().from(), result.window().to(),
                result.endpoints().stream().map(EndpointStatsResponse::of).toList());
    }

    /** The window actually used (defaults applied) and one item per endpoint and method, ordered by endpoint. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "ApiRequestStats", description = "The window actually used (defaults applied) and one item per endpoint and method")
    record ApiRequestStatsResponse(Instant from, Instant to, List<EndpointStatsResponse> items) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "EndpointStats")
    record EndpointStatsResponse(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "/api/v1/conversations/{id}",
                                         description = "a route template, or (unmatched)") String endpoint,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "GET") String method,
                         long count,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the share of 5xx") double errorRate,
                         @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the share of 4xx") double clientErrorRate,
                         double p50Ms, double p95Ms, double p99Ms) {
        static EndpointStatsResponse of(EndpointStats s) {
            return new EndpointStatsResponse(s.endpoint(), s.method(), s.count(), s.errorRate(), s.clientErrorRate(),
                    s.p50Ms(), s.p95Ms(), s.p99Ms());
        }
    }
}
