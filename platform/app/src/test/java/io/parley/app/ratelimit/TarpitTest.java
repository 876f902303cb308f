package io.parley.app.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tarpit over a hand-driven timer: which refusals are held back, that a held-back one is answered only
 * when the timer fires, and the cap. No clock is read and nothing sleeps.
 */
class TarpitTest {

    /** A timer that only records: the test fires the tasks. */
    private static final class HandTimer implements Tarpit.Timer {
        final List<Duration> delays = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void after(Duration delay, Runnable task) {
            delays.add(delay);
            tasks.add(task);
        }

        void fireAll() {
            List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    private final HandTimer timer = new HandTimer();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final HttpResponse<?> refusal = HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS);

    private Tarpit tarpit(String delay, int after, int maxPending) {
        Map<String, Object> properties = new HashMap<>(RateLimitWebTest.budgets());
        properties.put("parley.rate-limits.refusal-delay", delay);
        properties.put("parley.rate-limits.refusal-delay-after", Integer.toString(after));
        properties.put("parley.rate-limits.max-delayed-refusals", Integer.toString(maxPending));
        RateLimitSettings settings = new RateLimitSettings(new PropertySourcePropertyResolver(PropertySource.of("test", properties)));
        return new Tarpit(settings, meters, timer);
    }

    private double counted(String outcome) {
        return meters.get("parley.rate.limit.delayed.refusals").tag("outcome", outcome).counter().count();
    }

    private static boolean answered(CompletionStage<HttpResponse<?>> answer) {
        return answer.toCompletableFuture().isDone();
    }

    @Test
    void a_keys_first_refusals_are_answered_at_once_and_the_next_only_when_the_delay_is_over() {
        Tarpit tarpit = tarpit("750ms", 3, 10);
        for (int inARow = 1; inARow <= 3; inARow++) {
            assertTrue(answered(tarpit.answer(refusal, inARow)), "refusal " + inARow + " in a row is answered at once");
        }
        assertTrue(timer.tasks.isEmpty());

        CompletionStage<HttpResponse<?>> fourth = tarpit.answer(refusal, 4);

        assertFalse(answered(fourth), "the fourth refusal in a row waits for the timer");
        assertEquals(List.of(Duration.ofMillis(750)), timer.delays);
        assertEquals(1, tarpit.pending());
        assertEquals(1.0, counted("delayed"));
        timer.fireAll();
        assertTrue(answered(fourth));
        assertSame(refusal, fourth.toCompletableFuture().join());
        assertEquals(0, tarpit.pending());
    }

    @Test
    void beyond_the_cap_of_held_back_answers_a_refusal_is_answered_at_once() {
        Tarpit tarpit = tarpit("1s", 1, 2);
        CompletionStage<HttpResponse<?>> first = tarpit.answer(refusal, 5);
        CompletionStage<HttpResponse<?>> second = tarpit.answer(refusal, 6);

        CompletionStage<HttpResponse<?>> third = tarpit.answer(refusal, 7);

        assertFalse(answered(first));
        assertFalse(answered(second));
        assertTrue(answered(third), "two are held back already: the third goes out at once");
        assertEquals(2, tarpit.pending());
        assertEquals(1.0, counted("at_once_cap_reached"));
        timer.fireAll();
        assertEquals(0, tarpit.pending());
        assertFalse(answered(tarpit.answer(refusal, 8)), "the cap has room again");
    }

    @Test
    void a_delay_of_zero_turns_the_tarpit_off() {
        Tarpit tarpit = tarpit("0s", 1, 10);
        for (int inARow = 1; inARow <= 1000; inARow *= 10) {
            assertTrue(answered(tarpit.answer(refusal, inARow)));
        }
        assertTrue(timer.tasks.isEmpty());
        assertEquals(0.0, counted("delayed"));
    }

    @Test
    void a_timer_that_is_shut_down_answers_at_once() {
        Tarpit tarpit = new Tarpit(new RateLimitSettings(new PropertySourcePropertyResolver(PropertySource.of("test",
                new HashMap<>(RateLimitWebTest.budgets())))), meters, (delay, task) -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        });

        CompletableFuture<HttpResponse<?>> answer = tarpit.answer(refusal, 1000).toCompletableFuture();

        assertTrue(answer.isDone());
        assertEquals(0, tarpit.pending());
    }
}
