package io.parley.app.ratelimit;

import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/**
 * One limit's token bucket: at most {@code capacity} tokens (the burst), {@code refillTokens} added back
 * every {@code refillPeriod} (the sustained rate), refilled continuously ("greedy"), not in steps.
 */
record Budget(long capacity, long refillTokens, Duration refillPeriod) {

    Budget {
        if (capacity < 1 || refillTokens < 1) {
            throw new IllegalArgumentException("capacity and refill-tokens must be at least 1");
        }
        if (refillPeriod == null || refillPeriod.isNegative() || refillPeriod.isZero()) {
            throw new IllegalArgumentException("refill-period must be positive");
        }
    }

    /**
     * This instance's share when {@code instances} instances split the budget: the burst divided (at least one
     * token) and the same refill tokens over a period {@code instances} times as long, so that the instances
     * together never grant more than the configured budget.
     */
    Budget share(int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1");
        }
        return instances == 1 ? this : new Budget(Math.max(1, capacity / instances), refillTokens, refillPeriod.multipliedBy(instances));
    }

    /**
     * The policy window in whole seconds: the time in which the bucket refills from empty to full. A bucket of
     * {@code q} tokens refilled at {@code q} per {@code w} seconds is exactly "q per w seconds, q at once".
     */
    long windowSeconds() {
        double seconds = (double) capacity * refillPeriod.toNanos() / refillTokens / 1e9;
        return Math.max(1, (long) Math.ceil(seconds - 1e-9));
    }

    /** How long an untouched bucket takes to be full again (after which forgetting it changes nothing). */
    Duration timeToFill() {
        return Duration.ofNanos((long) Math.ceil((double) capacity * refillPeriod.toNanos() / refillTokens));
    }

    BucketConfiguration configuration() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(refillTokens, refillPeriod))
                .build();
    }
}
