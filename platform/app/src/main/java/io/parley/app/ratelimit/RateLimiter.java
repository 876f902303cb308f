package io.parley.app.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The token buckets of this instance (Bucket4j, lock-free, in memory), one per limit and caller key, kept in
 * a bounded Caffeine cache. A bucket nobody touched for as long as it takes to fill up is dropped: a new one
 * starts full, which is exactly the state the old one had reached.
 *
 * <p>A request may be charged to several buckets (a guest's address and session). It passes only if every
 * one has the tokens; when one refuses, the tokens already taken from the others are given back, so a
 * refused request costs no budget. Time comes from the application's {@link Clock}, so tests move it.
 *
 * <p>Several instances: each enforces its share of every budget ({@link RateLimitSettings#perInstance}),
 * so together they never grant more than the configured budget, with no shared state and no database work.
 */
@Singleton
@Requires(property = RateLimitSettings.ENABLED, notEquals = "false")
final class RateLimiter {

    /** Buckets kept at most; ~300 bytes each. Eviction only ever forgets a caller's spending, in their favour. */
    static final long MAX_BUCKETS = 100_000;

    private final RateLimitSettings settings;
    private final TimeMeter time;
    private final Cache<BucketKey, Bucket> buckets;
    private final Map<Limit, Counter> allowed = new EnumMap<>(Limit.class);
    private final Map<Limit, Counter> refused = new EnumMap<>(Limit.class);

    RateLimiter(RateLimitSettings settings, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.time = new ClockTimeMeter(clock);
        Duration longestFill = Duration.ofSeconds(1);
        for (Limit limit : Limit.values()) {
            Duration fill = settings.perInstance(limit).timeToFill();
            if (fill.compareTo(longestFill) > 0) {
                longestFill = fill;
            }
            allowed.put(limit, decisions(meters, limit, "allowed"));
            refused.put(limit, decisions(meters, limit, "refused"));
        }
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_BUCKETS)
                .expireAfterAccess(longestFill)
                .build();
    }

    private static Counter decisions(MeterRegistry meters, Limit limit, String outcome) {
        return Counter.builder("parley.rate.limit.decisions")
                .description("Rate-limit decisions by limit and outcome (refused: answered 429)")
                .tag("limit", limit.configName())
                .tag("outcome", outcome)
                .register(meters);
    }

    /** Takes every charge's tokens, or none. */
    Decision check(List<Charge> charges) {
        List<Taken> taken = new ArrayList<>(charges.size());
        for (Charge charge : charges) {
            Budget budget = settings.perInstance(charge.limit());
            Bucket bucket = buckets.get(new BucketKey(charge.limit(), charge.key()), key -> newBucket(budget));
            // a request larger than the whole burst (a span batch over a tiny budget) asks for the whole burst
            long tokens = Math.min(charge.tokens(), budget.capacity());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
            if (!probe.isConsumed()) {
                for (Taken earlier : taken) {
                    earlier.bucket().addTokens(earlier.tokens());
                }
                refused.get(charge.limit()).increment();
                return Decision.refused(new Observation(charge.limit(), budget, probe.getRemainingTokens(),
                        seconds(probe.getNanosToWaitForReset())), Math.max(1, seconds(probe.getNanosToWaitForRefill())));
            }
            taken.add(new Taken(charge.limit(), budget, bucket, tokens, probe));
        }
        List<Observation> observations = new ArrayList<>(taken.size());
        for (Taken done : taken) {
            allowed.get(done.limit()).increment();
            observations.add(new Observation(done.limit(), done.budget(), done.probe().getRemainingTokens(),
                    seconds(done.probe().getNanosToWaitForReset())));
        }
        return Decision.allowed(observations);
    }

    private Bucket newBucket(Budget budget) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(budget.capacity()).refillGreedy(budget.refillTokens(), budget.refillPeriod()))
                .withCustomTimePrecision(time)
                .build();
    }

    private static long seconds(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        return nanos / 1_000_000_000L + (nanos % 1_000_000_000L == 0 ? 0 : 1);
    }

    /** One request's claim on one bucket. */
    record Charge(Limit limit, String key, long tokens) {
        static Charge one(Limit limit, String key) {
            return new Charge(limit, key, 1);
        }
    }

    /** A bucket's state after a decision: what the {@code RateLimit} header reports. */
    record Observation(Limit limit, Budget budget, long remaining, long resetSeconds) {
    }

    /** Allowed (with every bucket's state) or refused (with the refusing bucket and when to retry). */
    record Decision(boolean isAllowed, List<Observation> observations, long retryAfterSeconds) {
        static Decision allowed(List<Observation> observations) {
            return new Decision(true, List.copyOf(observations), 0);
        }

        static Decision refused(Observation refusing, long retryAfterSeconds) {
            return new Decision(false, List.of(refusing), retryAfterSeconds);
        }

        Limit refusingLimit() {
            return isAllowed ? null : observations.get(0).limit();
        }
    }

    private record BucketKey(Limit limit, String key) {
    }

    private record Taken(Limit limit, Budget budget, Bucket bucket, long tokens, ConsumptionProbe probe) {
    }

    /** Bucket4j's time source, read from the application clock. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
