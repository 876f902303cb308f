package io.parley.conversation.application.port.out;

import io.parley.conversation.domain.FeedbackStats;

import java.time.Instant;

public interface LoadFeedbackStatsPort {

    /** Ratings last given (updated_at) in {@code [from, to)}. */
    FeedbackStats stats(Instant from, Instant to);
}
