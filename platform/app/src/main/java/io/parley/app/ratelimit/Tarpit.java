package io.parley.app.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds back the 429 of a key that keeps asking after being refused: once one bucket has answered
 * {@code refusal-delay-after} refusals in a row, each further refusal is answered {@code refusal-delay} later
 * (the next allowed request of that bucket starts the count again). Nothing waits on a thread: the answer is
 * a future completed by a timer. A client that waits for each answer before sending the next (a browser, a
 * script, wrk) is thereby slowed to one request per delay and connection, and stops eating the CPU honest
 * callers need. A client that does not wait (open loop) is not slowed, only answered as cheaply as ever; the
 * delayed answers are capped ({@code max-delayed-refusals}, each holds a connection), and beyond the cap a
 * refusal is answered at once. Allowed requests and a key's first refusals are never delayed.
 */
@Singleton
@Requires(property = RateLimitSettings.ENABLED, notEquals = "false")
final class Tarpit {

    /** Runs a task after a delay, without blocking the caller. */
    @FunctionalInterface
    interface Timer {
        void after(Duration delay, Runnable task);
    }

    private final Duration delay;
    private final int after;
    private final int maxPending;
    private final Timer timer;
    private final ScheduledThreadPoolExecutor ownTimer;
    private final AtomicInteger pending = new AtomicInteger();
    private final Counter delayed;
    private final Counter atOnceOverCap;

    @Inject
    Tarpit(RateLimitSettings settings, MeterRegistry meters) {
        this(settings, meters, null);
    }

    /** With {@code timer} null, a daemon thread of its own schedules the delayed answers. */
    Tarpit(RateLimitSettings settings, MeterRegistry meters, Timer timer) {
        this.delay = settings.refusalDelay();
        this.after = settings.refusalDelayAfter();
        this.maxPending = settings.maxDelayedRefusals();
        if (timer == null) {
            this.ownTimer = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "parley-rate-limit-tarpit");
                thread.setDaemon(true);
                return thread;
            });
            this.ownTimer.setRemoveOnCancelPolicy(true);
            this.timer = (wait, task) -> ownTimer.schedule(task, wait.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            this.ownTimer = null;
            this.timer = timer;
        }
        this.delayed = Counter.builder("parley.rate.limit.delayed.refusals")
                .description("429 answers held back by the tarpit (a key refused again and again)")
                .tag("outcome", "delayed")
                .register(meters);
        this.atOnceOverCap = Counter.builder("parley.rate.limit.delayed.refusals")
                .description("429 answers held back by the tarpit (a key refused again and again)")
                .tag("outcome", "at_once_cap_reached")
                .register(meters);
        Gauge.builder("parley.rate.limit.delayed.refusals.pending", pending, AtomicInteger::get)
                .description("429 answers being held back now (at most max-delayed-refusals)")
                .register(meters);
    }

    /**
     * The refusal, now or after the delay.
     *
     * @param refusalsInARow the refusals in a row of the bucket that refused, this one included
     */
    CompletionStage<HttpResponse<?>> answer(HttpResponse<?> refusal, int refusalsInARow) {
        if (delay.isZero() || refusalsInARow <= after) {
            return CompletableFuture.completedFuture(refusal);
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            atOnceOverCap.increment();
            return CompletableFuture.completedFuture(refusal);
        }
        delayed.increment();
        CompletableFuture<HttpResponse<?>> answer = new CompletableFuture<>();
        try {
            timer.after(delay, () -> {
                pending.decrementAndGet();
                answer.complete(refusal);
            });
        } catch (RuntimeException e) {
            // the timer is shut down (the application stops): answer now
            pending.decrementAndGet();
            answer.complete(refusal);
        }
        return answer;
    }

    /** Answers held back now. */
    int pending() {
        return pending.get();
    }

    @PreDestroy
    void stop() {
        if (ownTimer != null) {
            // the answers already held back still go out when due (a delayed task outlives shutdown());
            // refusals from now on are answered at once
            ownTimer.shutdown();
        }
    }
}
