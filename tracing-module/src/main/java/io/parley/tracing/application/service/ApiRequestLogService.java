package io.parley.tracing.application.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.tracing.application.port.in.RecordApiRequestUseCase;
import io.parley.tracing.application.port.out.SaveApiRequestsPort;
import io.parley.tracing.domain.ApiRequest;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The API request log: requests hand their line to a bounded queue and go on; one background
 * writer stores the lines in batches, as soon as a batch is full or after the flush interval.
 *
 * <p>A request never waits for the database: {@link #record} only offers to the queue (and at most
 * wakes the writer without blocking). When the queue is full the line is dropped and counted in
 * {@code parley_request_log_dropped_total{reason="queue_full"}}; a batch the database refuses is
 * dropped and counted with {@code reason="write_failed"}. What is still queued at shutdown is stored.
 */
@Singleton
public class ApiRequestLogService implements RecordApiRequestUseCase {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRequestLogService.class);
    private static final long SHUTDOWN_WAIT_SECONDS = 5;

    private final SaveApiRequestsPort store;
    private final BlockingQueue<ApiRequest> queue;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final Counter droppedQueueFull;
    private final Counter droppedWriteFailed;
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean running;
    private volatile Thread writer;

    public ApiRequestLogService(SaveApiRequestsPort store, RequestLogSettings settings, MeterRegistry meters) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(settings.getCapacity());
        this.batchSize = settings.getBatchSize();
        this.flushIntervalNanos = settings.getFlushInterval().toNanos();
        Gauge.builder("parley.request.log.queue.depth", queue, BlockingQueue::size)
                .description("API request-log lines waiting to be stored")
                .register(meters);
        this.droppedQueueFull = dropped(meters, "queue_full");
        this.droppedWriteFailed = dropped(meters, "write_failed");
    }

    private static Counter dropped(MeterRegistry meters, String reason) {
        return Counter.builder("parley.request.log.dropped")
                .description("API request-log lines dropped instead of stored, by reason")
                .tag("reason", reason)
                .register(meters);
    }

    /** Starts the background writer. */
    @PostConstruct
    public void start() {
        running = true;
        Thread thread = new Thread(this::writeLoop, "parley-request-log-writer");
        thread.setDaemon(true);
        writer = thread;
        thread.start();
    }

    @Override
    public void record(ApiRequest request) {
        if (!queue.offer(request)) {
            droppedQueueFull.increment();
            return;
        }
        Thread thread = writer;
        if (thread != null && queue.size() >= batchSize) {
            LockSupport.unpark(thread);
        }
    }

    /** Lines waiting to be stored. */
    public int queued() {
        return queue.size();
    }

    /**
     * Stores everything queued now, in batches, and returns how many lines were stored. Waits for a
     * write already under way, so when it returns every line queued before the call has been handled.
     */
    public int flush() {
        return drainLocked(1);
    }

    /** Stops the writer and stores what is still queued (waiting a bounded time for a write under way). */
    @PreDestroy
    public void stop() {
        running = false;
        Thread thread = writer;
        writer = null;
        try {
            if (thread != null) {
                LockSupport.unpark(thread);
                thread.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_WAIT_SECONDS));
            }
            if (writing.tryLock(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                try {
                    drain(1);
                } finally {
                    writing.unlock();
                }
            } else {
                LOG.warn("request log: {} lines not stored at shutdown, the writer is stuck", queue.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLoop() {
        long nextFlush = System.nanoTime() + flushIntervalNanos;
        while (running) {
            // wakes at the interval, or early when record() sees a full batch waiting
            long wait = nextFlush - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
            }
            if (!running) {
                break;
            }
            try {
                if (System.nanoTime() - nextFlush >= 0) {
                    flush();
                    nextFlush = System.nanoTime() + flushIntervalNanos;
                } else {
                    // woken early: full batches only (see drain)
                    drainLocked(batchSize);
                }
            } catch (RuntimeException e) {
                LOG.warn("request log writer: {}", e.getClass().getName());
            }
        }
    }

    private int drainLocked(int whileQueued) {
        writing.lock();
        try {
            return drain(whileQueued);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Stores batches while at least {@code whileQueued} lines wait, and returns how many were stored. Woken
     * early, the writer asks for full batches only and leaves the rest for the interval: under load, storing
     * whatever waited would turn one batch of {@code batchSize} into many small transactions, each a commit
     * (a WAL flush) that competes with the requests being logged.
     */
    private int drain(int whileQueued) {
        int stored = 0;
        List<ApiRequest> batch = new ArrayList<>(batchSize);
        while (queue.size() >= whileQueued && queue.drainTo(batch, batchSize) > 0) {
            try {
                store.saveAll(batch);
                stored += batch.size();
            } catch (RuntimeException e) {
                droppedWriteFailed.increment(batch.size());
                LOG.warn("request log: a batch of {} lines was not stored ({})", batch.size(), e.getClass().getName());
            }
            batch.clear();
        }
        return stored;
    }
}
