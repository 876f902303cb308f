package io.parley.app.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The token buckets of this instance (Bucket4j, lock-free, in memory), one per limit and caller key, kept in
 * a bounded Caffeine cache. A bucket nobody touched for as long as it takes to fill up is dropped: a new one
 * starts full, which is exactly the state the old one had reached.
 *
 * <p>A request may be charged to several buckets (a guest's address and session). It passes only if every
 * one has the tokens; when one refuses, the tokens already taken from the others are given back, so a
 * refused request costs no budget. Time comes from the application's {@link Clock}, so tests move it.
 *
 * <p>Each bucket also counts the refusals in a row it has answered (reset by the next request it allows):
 * the {@link Tarpit} delays the answers to a key that keeps asking after being told no.
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
    private final Cache<BucketKey, KeyedBucket> buckets;
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
            KeyedBucket entry = bucket(charge.limit(), charge.key(), budget);
            // a request larger than the whole burst (a span batch over a tiny budget) asks for the whole burst
            long tokens = Math.min(charge.tokens(), budget.capacity());
            ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(tokens);
            if (!probe.isConsumed()) {
                for (Taken earlier : taken) {
                    earlier.entry().bucket().addTokens(earlier.tokens());
                }
                refused.get(charge.limit()).increment();
                return Decision.refused(new Observation(charge.limit(), budget, probe.getRemainingTokens(),
                        seconds(probe.getNanosToWaitForReset())), Math.max(1, seconds(probe.getNanosToWaitForRefill())),
                        entry.refusalsInARow().incrementAndGet());
            }
            taken.add(new Taken(charge.limit(), budget, entry, tokens, probe));
        }
        List<Observation> observations = new ArrayList<>(taken.size());
        for (Taken done : taken) {
            done.entry().allowed();
            allowed.get(done.limit()).increment();
            observations.add(new Observation(done.limit(), done.budget(), done.probe().getRemainingTokens(),
                    seconds(done.probe().getNanosToWaitForReset())));
        }
        return Decision.allowed(observations);
    }

    /**
     * Whether one request of {@code key} could pass {@code limit} now, taking nothing: null if it could, else
     * the refusal (counted like any other). Lets a request be refused before anything else is done for it, by
     * the one bucket known that early; the request that passes is charged in full later by {@link #check}.
     */
    @Nullable
    Decision refuseAtOnce(Limit limit, String key) {
        Budget budget = settings.perInstance(limit);
        KeyedBucket entry = bucket(limit, key, budget);
        EstimationProbe probe = entry.bucket().estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            return null;
        }
        refused.get(limit).increment();
        long nanosPerToken = budget.refillPeriod().toNanos() / budget.refillTokens();
        long nanosToFull = probe.getNanosToWaitForRefill() + (budget.capacity() - 1) * nanosPerToken;
        return Decision.refused(new Observation(limit, budget, probe.getRemainingTokens(), seconds(nanosToFull)),
                Math.max(1, seconds(probe.getNanosToWaitForRefill())), entry.refusalsInARow().incrementAndGet());
    }

    private KeyedBucket bucket(Limit limit, String key, Budget budget) {
        return buckets.get(new BucketKey(limit, key), ignored -> new KeyedBucket(newBucket(budget), new AtomicInteger()));
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

    /**
     * Allowed (with every bucket's state) or refused (with the refusing bucket, when to retry, and how many
     * refusals in a row that bucket has now answered, this one included).
     */
    record Decision(boolean isAllowed, List<Observation> observations, long retryAfterSeconds, int refusalsInARow) {
        static Decision allowed(List<Observation> observations) {
            return new Decision(true, List.copyOf(observations), 0, 0);
        }

        static Decision refused(Observation refusing, long retryAfterSeconds, int refusalsInARow) {
            return new Decision(false, List.of(refusing), retryAfterSeconds, refusalsInARow);
        }

        Limit refusingLimit() {
            return isAllowed ? null : observations.get(0).limit();
        }
    }

    private record BucketKey(Limit limit, String key) {
    }

    private record Taken(Limit limit, Budget budget, KeyedBucket entry, long tokens, ConsumptionProbe probe) {
    }

    /** A bucket and the refusals in a row it has answered. */
    private record KeyedBucket(Bucket bucket, AtomicInteger refusalsInARow) {
        void allowed() {
            // read first: most allowed requests follow no refusal, and a plain read keeps the cache line shared
            if (refusalsInARow.get() != 0) {
                refusalsInARow.set(0);
            }
        }
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
