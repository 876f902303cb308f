package io.parley.conversation.application.port.in;

import io.parley.conversation.domain.FeedbackStats;
import io.parley.kernel.Caller;
import io.parley.kernel.TimeWindow;

import java.time.Duration;
import java.time.Instant;

/** docs/api.md "Operations": {@code GET /api/v1/admin/feedback/stats?from&to} — count, average rating, CSAT %. Admins only. */
public interface FeedbackStatsUseCase {

    Duration DEFAULT_WINDOW = Duration.ofDays(30);
    Duration MAX_WINDOW = Duration.ofDays(366);

    Result stats(TimeWindow window, Caller caller);

    /** The window from the raw query parameters: last 30 days by default, at most 366 days. */
    static TimeWindow window(String rawFrom, String rawTo, Instant now) {
        return TimeWindow.of(rawFrom, rawTo, now, DEFAULT_WINDOW, MAX_WINDOW);
    }

    record Result(TimeWindow window, FeedbackStats stats) {
    }
}
