package io.parley.conversation.adapter.in.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.application.port.in.FeedbackStatsUseCase;
import io.parley.kernel.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;

import static io.parley.kernel.ApiDocs.BEARER;
import static io.parley.kernel.ApiDocs.FORBIDDEN;
import static io.parley.kernel.ApiDocs.FROM;
import static io.parley.kernel.ApiDocs.PROBLEM;
import static io.parley.kernel.ApiDocs.PROBLEM_JSON;
import static io.parley.kernel.ApiDocs.TAG_ADMIN;
import static io.parley.kernel.ApiDocs.TO;
import static io.parley.kernel.ApiDocs.UNAUTHORIZED;
import static io.parley.kernel.ApiDocs.UNPROCESSABLE;

/** docs/api.md "Operations": how customers rate their conversations, for admins. */
@Controller("/api/v1/admin/feedback")
@Tag(name = TAG_ADMIN)
@SecurityRequirement(name = BEARER)
class FeedbackStatsController {

    private final FeedbackStatsUseCase stats;
    private final Clock clock;

    FeedbackStatsController(FeedbackStatsUseCase stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Get("/stats")
    @Secured("admin")
    @Operation(operationId = "getFeedbackStats", summary = "How customers rate their conversations (admin)",
            description = "Window: to defaults to now, from to 30 days before, at most 366 days. CSAT is the share of ratings 4 or 5.")
    @ApiResponse(responseCode = "200", description = "The statistics", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "401", description = UNAUTHORIZED,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "403", description = FORBIDDEN,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    @ApiResponse(responseCode = "422", description = UNPROCESSABLE,
            content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM)))
    FeedbackStatsResponse stats(@Nullable @QueryValue @Parameter(description = FROM, schema = @Schema(format = "date-time")) String from,
                                @Nullable @QueryValue @Parameter(description = TO, schema = @Schema(format = "date-time")) String to,
                                @Parameter(hidden = true) Caller caller) {
        var result = stats.stats(FeedbackStatsUseCase.window(from, to, clock.instant()), caller);
        return new FeedbackStatsResponse(result.window().from(), result.window().to(), result.stats().count(),
                result.stats().averageRating(), result.stats().csatPercent());
    }

    /** The window actually used (defaults applied); average and CSAT are null when nobody rated. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "FeedbackStats", description = "The window actually used (defaults applied)")
    record FeedbackStatsResponse(Instant from, Instant to, long count,
                                 @Nullable @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "null when nobody rated") Double averageRating,
                                 @Nullable @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the share of ratings 4 or 5, in percent;"
                                         + " null when nobody rated") Double csatPercent) {
    }
}
