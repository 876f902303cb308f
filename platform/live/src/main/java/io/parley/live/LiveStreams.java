package io.parley.live;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import reactor.core.publisher.Flux;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens Server-Sent Event streams and keeps them within bounds: at most {@code max-streams} per instance
 * (503 beyond) and {@code max-streams-per-caller} per caller (429 beyond), checked before the response
 * starts. No thread per stream: database reads run on {@code reader-threads} shared threads, keep-alives,
 * the maximum duration and slow clients are handled by one ticker thread visiting every stream each
 * keep-alive interval. On shutdown every stream is completed, so clients see a clean end and reconnect
 * (with {@code Last-Event-ID}) to another instance.
 */
@Singleton
public class LiveStreams implements ApplicationEventListener<ShutdownEvent> {

    private final LiveSettings settings;
    private final NotificationHub hub;
    private final PostgresListener listener;
    private final Set<LiveStream<?>> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> perCaller = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ThreadPoolExecutor readers;
    private final ScheduledThreadPoolExecutor ticker;
    private volatile boolean ticking;
    private volatile boolean closing;

    public LiveStreams(LiveSettings settings, NotificationHub hub, PostgresListener listener) {
        this.settings = settings;
        this.hub = hub;
        this.listener = listener;
        this.readers = new ThreadPoolExecutor(settings.getReaderThreads(), settings.getReaderThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons("parley-live-reader-"));
        this.readers.allowCoreThreadTimeOut(true);
        this.ticker = new ScheduledThreadPoolExecutor(1, daemons("parley-live-ticker"));
        this.ticker.setRemoveOnCancelPolicy(true);
    }

    /**
     * A stream for {@code spec}, counted against the limits now (so a refusal is an ordinary error
     * response) and released when the stream ends however it ends.
     *
     * @throws StreamLimitException when this instance or this caller holds its maximum of streams
     */
    public <P> Flux<Event<Object>> open(StreamSpec<P> spec) {
        acquire(spec.caller());
        LiveStream<P> stream = new LiveStream<>(this, spec, System.nanoTime());
        streams.add(stream);
        listener.ensureStarted();
        startTicking();
        if (closing) {
            stream.complete();
        }
        return stream.flux();
    }

    /** Streams open on this instance now. */
    public int openStreams() {
        return open.get();
    }

    /**
     * The application is stopping: complete every stream now, before any bean (the server's executors
     * among them) is destroyed, so each client gets a clean end of its response.
     */
    @Override
    public void onApplicationEvent(ShutdownEvent event) {
        close();
    }

    /** Completes every stream and refuses new ones. */
    @PreDestroy
    public void close() {
        closing = true;
        streams.forEach(LiveStream::complete);
        ticker.shutdownNow();
        readers.shutdownNow();
    }

    LiveSettings settings() {
        return settings;
    }

    NotificationHub hub() {
        return hub;
    }

    Executor readers() {
        return readers;
    }

    /** A read failed {@code failures} times in a row: poke again after 250 ms, doubling up to 30 s. */
    void retryLater(Runnable poke, int failures) {
        long delay = Math.min(30_000L, 250L << Math.min(7, Math.max(0, failures - 1)));
        try {
            ticker.schedule(poke, delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // shutting down
        }
    }

    void closed(LiveStream<?> stream) {
        if (streams.remove(stream)) {
            perCaller.computeIfPresent(stream.caller(), (caller, count) -> count <= 1 ? null : count - 1);
            open.decrementAndGet();
        }
    }

    private void acquire(String caller) {
        if (closing) {
            throw new StreamLimitException(StreamLimitException.Limit.INSTANCE);
        }
        boolean[] granted = {false};
        perCaller.compute(caller, (key, count) -> {
            int held = count == null ? 0 : count;
            if (held >= settings.getMaxStreamsPerCaller()) {
                return count;
            }
            granted[0] = true;
            return held + 1;
        });
        if (!granted[0]) {
            throw new StreamLimitException(StreamLimitException.Limit.CALLER);
        }
        if (open.incrementAndGet() > settings.getMaxStreams()) {
            open.decrementAndGet();
            perCaller.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
            throw new StreamLimitException(StreamLimitException.Limit.INSTANCE);
        }
    }

    private void startTicking() {
        if (ticking) {
            return;
        }
        synchronized (this) {
            if (ticking || closing) {
                return;
            }
            long every = settings.getKeepAlive().toNanos();
            ticker.scheduleAtFixedRate(() -> tick(System.nanoTime()), every, every, TimeUnit.NANOSECONDS);
            ticking = true;
        }
    }

    /** One visit of every stream (package-private so tests can drive the clock). */
    void tick(long now) {
        for (LiveStream<?> stream : streams) {
            try {
                stream.tick(now);
            } catch (RuntimeException e) {
                // one stream's trouble never stops the visits of the others
            }
        }
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix.endsWith("-") ? prefix + count.incrementAndGet() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }
}
