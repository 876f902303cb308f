package io.parley.tracing.application.service;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.tracing.application.port.out.SaveApiRequestsPort;
import io.parley.tracing.domain.ApiRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verifyNoInteractions;

@ExtendWith(MockitoExtension.class)
class ApiRequestLogServiceTest {

    @Mock
    SaveApiRequestsPort store;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    ApiRequestLogService log;
    /** What the store received, batch by batch (copied: the service reuses its batch list). */
    final List<List<ApiRequest>> batches = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void recordBatches() {
        org.mockito.Mockito.lenient().doAnswer(call -> {
            batches.add(List.copyOf(call.<List<ApiRequest>>getArgument(0)));
            return null;
        }).when(store).saveAll(anyList());
    }

    @AfterEach
    void stop() {
        if (log != null) {
            log.stop();
        }
    }

    private ApiRequestLogService service(int capacity, int batchSize, Duration interval) {
        RequestLogSettings settings = new RequestLogSettings();
        settings.setCapacity(capacity);
        settings.setBatchSize(batchSize);
        settings.setFlushInterval(interval);
        return new ApiRequestLogService(store, settings, meters);
    }

    private static ApiRequest line(int n) {
        return new ApiRequest(UUID.randomUUID(), "/api/v1/things/{id}", "GET", 200, n, "user", Instant.EPOCH);
    }

    /** The store keeps each batch, counts {@code stored} down, then waits for {@code release} (an open latch: no wait). */
    private void storeSignalling(CountDownLatch stored, CountDownLatch release) {
        doAnswer(call -> {
            batches.add(List.copyOf(call.<List<ApiRequest>>getArgument(0)));
            stored.countDown();
            release.await();
            return null;
        }).when(store).saveAll(anyList());
    }

    private double dropped(String reason) {
        return meters.get("parley.request.log.dropped").tag("reason", reason).counter().count();
    }

    private double depth() {
        return meters.get("parley.request.log.queue.depth").gauge().value();
    }

    @Test
    void recording_only_queues_the_line() {
        log = service(10, 5, Duration.ofHours(1)); // not started: nothing but record() runs

        log.record(line(1));
        log.record(line(2));

        verifyNoInteractions(store);
        assertEquals(2, log.queued());
        assertEquals(2.0, depth());
    }

    @Test
    void a_flush_stores_everything_queued_in_batches() {
        log = service(100, 3, Duration.ofHours(1));
        for (int i = 0; i < 7; i++) {
            log.record(line(i));
        }

        assertEquals(7, log.flush());

        assertEquals(List.of(3, 3, 1), batches.stream().map(List::size).toList());
        assertEquals(0.0, depth());
    }

    @Test
    void when_the_queue_is_full_lines_are_dropped_and_counted() {
        log = service(2, 10, Duration.ofHours(1));

        for (int i = 0; i < 5; i++) {
            log.record(line(i));
        }

        assertEquals(2, log.queued());
        assertEquals(3.0, dropped("queue_full"));
        log.flush();
        assertEquals(List.of(0.0, 1.0), batches.get(0).stream().map(ApiRequest::latencyMs).toList(), "the oldest lines are kept");
    }

    @Test
    void recording_never_waits_for_a_blocked_writer() throws Exception {
        log = service(2, 10, Duration.ofHours(1));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        storeSignalling(writing, release);
        log.record(line(0));
        Thread writer = new Thread(log::flush);
        writer.start();
        assertTrue(writing.await(30, TimeUnit.SECONDS), "the writer reached the store");

        for (int i = 1; i <= 3; i++) {
            log.record(line(i)); // returns although the store is blocked; the third finds the queue full
        }

        assertEquals(2, log.queued());
        assertEquals(1.0, dropped("queue_full"));
        release.countDown();
        writer.join();
    }

    @Test
    void a_batch_the_database_refuses_is_dropped_and_counted_and_the_next_one_still_goes() {
        log = service(10, 2, Duration.ofHours(1));
        doThrow(new IllegalStateException("database down")).doAnswer(call -> {
            batches.add(List.copyOf(call.<List<ApiRequest>>getArgument(0)));
            return null;
        }).when(store).saveAll(anyList());
        for (int i = 0; i < 3; i++) {
            log.record(line(i));
        }

        assertEquals(1, log.flush());

        assertEquals(2.0, dropped("write_failed"));
        assertEquals(1, batches.size());
    }

    @Test
    void the_background_writer_stores_a_full_batch_without_waiting_for_the_interval() throws Exception {
        log = service(100, 3, Duration.ofHours(1));
        CountDownLatch stored = new CountDownLatch(1);
        storeSignalling(stored, new CountDownLatch(0));
        log.start();

        for (int i = 0; i < 3; i++) {
            log.record(line(i));
        }

        // the interval is an hour: only the full batch can have woken the writer
        assertTrue(stored.await(30, TimeUnit.SECONDS), "a full batch was stored");
        assertEquals(3, batches.get(0).size());
    }

    @Test
    void woken_early_the_writer_stores_only_full_batches_and_leaves_the_rest_for_the_interval() throws Exception {
        log = service(100, 3, Duration.ofHours(1));
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        storeSignalling(writing, release);
        log.start();
        for (int i = 0; i < 3; i++) {
            log.record(line(i));
        }
        assertTrue(writing.await(30, TimeUnit.SECONDS), "the full batch woke the writer");

        for (int i = 3; i < 7; i++) {
            log.record(line(i)); // while the first batch is being written: one full batch and one line more
        }
        release.countDown();

        // flush() waits for the writer's round; the line it still finds queued was left for the interval
        assertEquals(1, log.flush(), "the writer stored no partial batch");
        assertEquals(List.of(3, 3, 1), batches.stream().map(List::size).toList());
    }

    @Test
    void stopping_stores_what_is_still_queued() {
        log = service(100, 50, Duration.ofHours(1));
        log.start();
        for (int i = 0; i < 4; i++) {
            log.record(line(i));
        }

        log.stop();

        assertEquals(4, batches.stream().mapToInt(List::size).sum());
        assertEquals(0, log.queued());
    }
}
