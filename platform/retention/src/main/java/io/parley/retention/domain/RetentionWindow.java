package io.parley.retention.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How long a policy keeps its rows, in whole days; disabled, they are kept forever. */
public record RetentionWindow(boolean enabled, int days) {

    public RetentionWindow {
        if (days < 1) {
            throw new IllegalArgumentException("a retention window is at least one day, not " + days);
        }
    }

    /**
     * The cutoff for a run at {@code now}: {@code days} before it, rounded down to the whole second; rows
     * strictly older go, a row exactly at the cutoff stays. Rounding down never takes a row younger than
     * the window, and the cutoff a report shows is the one that was applied. Null when disabled.
     */
    public Instant cutoff(Instant now) {
        return enabled ? now.minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS) : null;
    }
}
