package io.parley.conversation.domain;

/**
 * Feedback over a time window: how many ratings, their average, and CSAT — the share of ratings of
 * 4 or 5 (satisfied) among all ratings, in percent. Without ratings there is no average and no CSAT.
 */
public record FeedbackStats(long count, Double averageRating, Double csatPercent) {

    public static final int SATISFIED_FROM = 4;

    public static FeedbackStats of(long count, long ratingSum, long satisfied) {
        if (count == 0) {
            return new FeedbackStats(0, null, null);
        }
        return new FeedbackStats(count, (double) ratingSum / count, 100.0 * satisfied / count);
    }
}
