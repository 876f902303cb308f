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

import java.time.Clock;
import java.time.Instant;

/** API.md "Operations": how customers rate their conversations, for admins. */
@Controller("/api/v1/admin/feedback")
class FeedbackStatsController {

    private final FeedbackStatsUseCase stats;
    private final Clock clock;

    FeedbackStatsController(FeedbackStatsUseCase stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @Get("/stats")
    @Secured("admin")
    StatsReply stats(@Nullable @QueryValue String from, @Nullable @QueryValue String to, Caller caller) {
        var result = stats.stats(FeedbackStatsUseCase.window(from, to, clock.instant()), caller);
        return new StatsReply(result.window().from(), result.window().to(), result.stats().count(),
                result.stats().averageRating(), result.stats().csatPercent());
    }

    /** The window actually used (defaults applied); average and CSAT are null when nobody rated. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StatsReply(Instant from, Instant to, long count, Double averageRating, Double csatPercent) {
    }
}
