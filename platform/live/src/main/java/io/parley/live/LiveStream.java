package io.parley.live;

import io.micronaut.http.sse.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One open stream: a bounded queue between its database reads and its client.
 *
 * <p>Reads run on the shared reader threads, one at a time per stream (a poke while a read runs asks for
 * one more read, so pokes coalesce, and so do the kinds of change they name: a read asks its source for
 * what the pokes since the last read named, everything at first). A read takes what its source finds
 * after the stream's position and queues it; a full queue pauses reading (the database is the buffer: nothing is lost, the stream reads
 * on when its client has taken half). The queue drains only as far as the client requests (Micronaut asks
 * for more as bytes reach the socket), so a slow client never slows another. A client that takes nothing
 * for two ticks while events wait is dropped (its connection closed); it may reconnect with
 * {@code Last-Event-ID} and lose nothing, since ids are positions in the database.
 */
final class LiveStream<P> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

    private static final int IDLE = 0;
    private static final int READING = 1;
    private static final int READ_AGAIN = 2;

    /** The first thing sent: Micronaut sends the response headers with the first item, so a stream is "open" at once. */
    private static final Event<Object> OPENED = Event.<Object>of("").comment("open");
    static final Event<Object> KEEP_ALIVE = Event.<Object>of("").comment("keep-alive");

    private final LiveStreams owner;
    private final StreamSpec<P> spec;
    private final long openedAt;
    private final Queue<Event<Object>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicInteger reading = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Consumer<LiveChanges> poke = this::poke;
    /** What pokes named since a read last took it: everything at first (whatever came after the start position). */
    private final AtomicReference<LiveChanges> pending = new AtomicReference<>(LiveChanges.EVERYTHING);

    private volatile FluxSink<Event<Object>> sink;
    private volatile boolean wantsRead;
    private volatile boolean completeWhenDrained;
    /** Items handed to the client so far; written only inside {@link #drain()}. */
    private volatile long delivered;
    private volatile NotificationHub.Following following;

    /** Touched only by the reader of the moment (reads are serialized by {@link #reading}). */
    private P position;
    /** What the reader was asked and has not read to the end yet (kept across a full queue and a failure). */
    private LiveChanges asked = LiveChanges.NONE;
    private int failures;
    /** Touched only by the ticker thread. */
    private long deliveredAtLastTick;
    private int stalledTicks;

    LiveStream(LiveStreams owner, StreamSpec<P> spec, long openedAt) {
        this.owner = owner;
        this.spec = spec;
        this.openedAt = openedAt;
        this.position = spec.start();
    }

    String caller() {
        return spec.caller();
    }

    Flux<Event<Object>> flux() {
        return Flux.create(this::attach, FluxSink.OverflowStrategy.IGNORE);
    }

    private void attach(FluxSink<Event<Object>> subscriber) {
        subscriber.onDispose(this::finish);
        if (finished.get()) {
            subscriber.complete();
            return;
        }
        sink = subscriber;
        subscriber.onRequest(n -> drain());
        following = owner.hub().follow(spec.topics(), poke);
        if (finished.get()) {
            // finished between the check and the follow (shutdown): do not stay a follower
            following.close();
            return;
        }
        enqueue(OPENED);
        // whatever was committed after the start position (all of it when resuming, a race's worth when starting now)
        poke();
        drain();
    }

    /** Read again soon what is still asked; coalesces with a read that is running or queued. */
    void poke() {
        poke(LiveChanges.NONE);
    }

    /** Read {@code changes} soon; coalesces with a read that is running or queued. */
    void poke(LiveChanges changes) {
        if (!changes.isEmpty()) {
            // before the read is scheduled, so the read that runs after this poke sees it
            pending.accumulateAndGet(changes, LiveChanges::merge);
        }
        while (!finished.get()) {
            int state = reading.get();
            if (state == IDLE) {
                if (reading.compareAndSet(IDLE, READING)) {
                    try {
                        owner.readers().execute(this::read);
                    } catch (RejectedExecutionException e) {
                        reading.set(IDLE);
                    }
                    return;
                }
            } else if (state == READING) {
                if (reading.compareAndSet(READING, READ_AGAIN)) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    private void read() {
        for (;;) {
            boolean read = finished.get() || readWhileThereIsRoom();
            if (!read) {
                reading.set(IDLE);
                owner.retryLater(this::poke, failures);
                return;
            }
            if (reading.compareAndSet(READING, IDLE)) {
                return;
            }
            reading.set(READING);
        }
    }

    /** @return false when the source failed (the database is away): try again later */
    private boolean readWhileThereIsRoom() {
        int capacity = owner.settings().getBuffer();
        while (!finished.get() && !completeWhenDrained) {
            int room = capacity - queued.get();
            if (room <= 0) {
                wantsRead = true;
                if (queued.get() > lowWater()) {
                    return true;
                }
                wantsRead = false;
                continue;
            }
            asked = asked.merge(pending.getAndSet(LiveChanges.NONE));
            if (asked.isEmpty()) {
                // a poke whose change an earlier read already took
                return true;
            }
            LiveBatch<P> batch;
            try {
                batch = spec.source().readAfter(position, Math.min(room, owner.settings().getBatchSize()), asked);
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1) {
                    LOG.debug("a live stream could not read its source ({}); retrying", e.getClass().getSimpleName());
                }
                return false;
            }
            for (LiveEvent<P> event : batch.events()) {
                position = event.position();
                enqueue(Event.of(event.data()).id(event.id()).name(event.name()));
            }
            if (batch.ended()) {
                completeWhenDrained = true;
            }
            drain();
            if (!batch.more()) {
                asked = LiveChanges.NONE;
                return true;
            }
        }
        return true;
    }

    private int lowWater() {
        return owner.settings().getBuffer() / 2;
    }

    private void enqueue(Event<Object> event) {
        queue.offer(event);
        queued.incrementAndGet();
    }

    /** Hands queued events to the client as far as it requested; one thread at a time, the others leave a note. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        for (;;) {
            FluxSink<Event<Object>> subscriber = sink;
            if (subscriber != null && !finished.get()) {
                while (subscriber.requestedFromDownstream() > 0) {
                    Event<Object> event = queue.poll();
                    if (event == null) {
                        break;
                    }
                    queued.decrementAndGet();
                    delivered++;
                    subscriber.next(event);
                }
                if (completeWhenDrained && queue.isEmpty()) {
                    subscriber.complete();
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                break;
            }
        }
        if (wantsRead && queued.get() <= lowWater()) {
            wantsRead = false;
            poke();
        }
    }

    /**
     * The ticker's visit, every keep-alive interval: end a stream past its maximum duration, drop a client
     * that took nothing since the last visit while events waited (twice in a row), send a keep-alive comment
     * when nothing waits.
     */
    void tick(long now) {
        if (finished.get()) {
            return;
        }
        FluxSink<Event<Object>> subscriber = sink;
        if (subscriber == null) {
            if (now - openedAt > owner.settings().getMaxDuration().toNanos()) {
                // opened but never subscribed (the client went before the response started): give the slot back
                finish();
            }
            return;
        }
        if (now - openedAt >= owner.settings().getMaxDuration().toNanos()) {
            subscriber.complete();
            return;
        }
        long taken = delivered;
        if (queued.get() > 0 && taken == deliveredAtLastTick) {
            if (++stalledTicks >= 2) {
                LOG.info("dropped a live stream whose client took nothing for {} while events waited",
                        owner.settings().getKeepAlive().multipliedBy(2));
                subscriber.error(new SlowConsumerException());
                return;
            }
        } else {
            stalledTicks = 0;
        }
        deliveredAtLastTick = taken;
        if (queued.get() == 0) {
            enqueue(KEEP_ALIVE);
            drain();
        }
    }

    /** Ends the stream cleanly (the application stops). */
    void complete() {
        FluxSink<Event<Object>> subscriber = sink;
        if (subscriber != null) {
            subscriber.complete();
        } else {
            finish();
        }
    }

    private void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        NotificationHub.Following follows = following;
        if (follows != null) {
            follows.close();
        }
        queue.clear();
        queued.set(0);
        owner.closed(this);
    }

    boolean isFinished() {
        return finished.get();
    }

    /** Ends a stream whose client stopped taking events; no stack trace: it is not a fault of the server. */
    static final class SlowConsumerException extends RuntimeException {
        SlowConsumerException() {
            super("the client took no events for two keep-alive intervals", null, false, false);
        }
    }
}
