package io.parley.live;

import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream machinery without HTTP or a database: a source over an in-memory list stands for the
 * table, pokes for notifications, and the test drives the ticker's clock.
 */
class LiveStreamsTest {

    private static final String TOPIC = "c:test";

    private final LiveSettings settings = new LiveSettings();
    private final NotificationHub hub = new NotificationHub(JsonMapper.createDefault());
    private LiveStreams streams;

    /** The "table": event i has position i + 1. */
    private final List<String> rows = new CopyOnWriteArrayList<>();
    /** The positions reads asked for, and how many rows each returned. */
    private final List<int[]> reads = new CopyOnWriteArrayList<>();

    LiveStreams streams() {
        if (streams == null) {
            // the ticker would tick every hour: the test calls tick(now) itself
            settings.setKeepAlive(Duration.ofHours(1));
            streams = new LiveStreams(settings, hub, new PostgresListener(hub, settings, "", "", ""));
        }
        return streams;
    }

    @AfterEach
    void close() {
        if (streams != null) {
            streams.close();
        }
    }

    LiveSource<Long> table() {
        return (after, limit, changes) -> {
            List<LiveEvent<Long>> events = new ArrayList<>();
            for (int i = (int) (long) after; i < rows.size() && events.size() < limit; i++) {
                events.add(new LiveEvent<>("row", String.valueOf(i + 1), rows.get(i), i + 1L));
            }
            reads.add(new int[]{(int) (long) after, events.size()});
            return LiveBatch.of(events, after + events.size() < rows.size());
        };
    }

    Flux<Event<Object>> open(String caller, long start) {
        return streams().open(new StreamSpec<>(caller, Set.of(TOPIC), start, table()));
    }

    void append(int count) {
        for (int i = 0; i < count; i++) {
            rows.add("row " + (rows.size() + 1));
        }
        hub.publish(TOPIC);
    }

    @Test
    void a_stream_opens_with_a_comment_then_sends_what_came_after_its_start_in_order_then_what_comes_live() {
        append(3);
        Collector client = Collector.unbounded();
        open("alice", 1).subscribe(client);

        await(() -> client.ids().equals(List.of("2", "3")));
        assertEquals("open", client.events.get(0).getComment(), "the first item is a comment, so the headers go out at once");
        append(2);
        await(() -> client.ids().equals(List.of("2", "3", "4", "5")));
        assertEquals(List.of("row 2", "row 3", "row 4", "row 5"), client.data());
        assertEquals(List.of("row"), client.events.stream().filter(e -> e.getId() != null).map(Event::getName).distinct().toList());
    }

    @Test
    void pokes_that_arrive_together_or_twice_deliver_each_row_exactly_once() {
        Collector client = Collector.unbounded();
        open("alice", 0).subscribe(client);
        for (int i = 0; i < 50; i++) {
            rows.add("row " + (rows.size() + 1));
            hub.publish(TOPIC);
            hub.pokeAll();
        }
        await(() -> client.ids().size() == 50);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            expected.add(String.valueOf(i));
        }
        assertEquals(expected, client.ids());
    }

    @Test
    void a_client_that_takes_nothing_is_dropped_without_holding_up_another_and_its_queue_stays_bounded() {
        settings.setBuffer(8);
        settings.setBatchSize(4);
        Collector stuck = Collector.requesting(1);
        Collector fast = Collector.unbounded();
        open("stuck", 0).subscribe(stuck);
        open("fast", 0).subscribe(fast);

        append(100);
        await(() -> fast.ids().size() == 100);
        int readByStuck = reads.stream().filter(r -> r[0] < 100).mapToInt(r -> r[1]).sum() - 100;
        assertTrue(readByStuck <= settings.getBuffer(), "the stuck stream read no more than its queue holds: " + readByStuck);

        long now = System.nanoTime();
        streams.tick(now);
        streams.tick(now + 1);
        assertFalse(stuck.terminated(), "one visit without progress is not enough");
        streams.tick(now + 2);
        await(stuck::terminated);
        assertInstanceOf(LiveStream.SlowConsumerException.class, stuck.error);
        assertFalse(fast.terminated());
        append(1);
        await(() -> fast.ids().size() == 101);
        assertEquals(1, streams.openStreams());
    }

    @Test
    void a_slow_client_that_keeps_taking_is_never_dropped_and_reads_everything_at_its_pace() {
        settings.setBuffer(8);
        settings.setBatchSize(4);
        Collector slow = Collector.requesting(0);
        open("slow", 0).subscribe(slow);
        append(40);
        long now = System.nanoTime();
        for (int i = 0; i < 10_000 && slow.ids().size() < 40; i++) {
            slow.more(1);
            streams.tick(now + i);
            pause();
        }
        assertEquals(40, slow.ids().size());
        assertFalse(slow.terminated());
    }

    @Test
    void keep_alive_comments_go_out_when_nothing_else_waits() {
        Collector client = Collector.unbounded();
        open("alice", 0).subscribe(client);
        await(() -> client.events.size() == 1);
        streams().tick(System.nanoTime());
        streams.tick(System.nanoTime());
        await(() -> client.events.size() == 3);
        assertEquals(List.of("open", "keep-alive", "keep-alive"), client.events.stream().map(Event::getComment).toList());
    }

    @Test
    void a_stream_ends_cleanly_after_its_maximum_duration_and_gives_its_slot_back() {
        Collector client = Collector.unbounded();
        open("alice", 0).subscribe(client);
        await(() -> client.events.size() == 1);
        streams.tick(System.nanoTime() + settings.getMaxDuration().toNanos());
        await(client::terminated);
        assertEquals(null, client.error);
        await(() -> streams.openStreams() == 0);
    }

    @Test
    void limits_per_caller_and_per_instance_are_checked_before_the_stream_starts_and_released_when_it_ends() {
        settings.setMaxStreams(3);
        settings.setMaxStreamsPerCaller(2);
        Collector first = Collector.unbounded();
        open("alice", 0).subscribe(first);
        open("alice", 0).subscribe(Collector.unbounded());
        StreamLimitException perCaller = assertThrows(StreamLimitException.class, () -> open("alice", 0));
        assertEquals(StreamLimitException.Limit.CALLER, perCaller.limit());
        open("bob", 0).subscribe(Collector.unbounded());
        StreamLimitException perInstance = assertThrows(StreamLimitException.class, () -> open("carol", 0));
        assertEquals(StreamLimitException.Limit.INSTANCE, perInstance.limit());

        first.cancel();
        await(() -> streams.openStreams() == 2);
        open("alice", 0).subscribe(Collector.unbounded());
        assertEquals(3, streams.openStreams());
    }

    @Test
    void a_failed_read_is_retried_and_nothing_is_lost() {
        AtomicInteger calls = new AtomicInteger();
        LiveSource<Long> table = table();
        LiveSource<Long> flaky = (after, limit, changes) -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("database away");
            }
            return table.readAfter(after, limit, changes);
        };
        append(3);
        Collector client = Collector.unbounded();
        streams().open(new StreamSpec<>("alice", Set.of(TOPIC), 0L, flaky)).subscribe(client);
        await(() -> client.ids().equals(List.of("1", "2", "3")));
    }

    @Test
    void an_ended_source_completes_the_stream_after_its_last_events() {
        append(2);
        Collector client = Collector.unbounded();
        LiveSource<Long> table = table();
        streams().open(new StreamSpec<>("alice", Set.of(TOPIC), 0L, (after, limit, changes) -> {
            LiveBatch<Long> batch = table.readAfter(after, limit, changes);
            return new LiveBatch<>(batch.events(), false, true);
        })).subscribe(client);
        await(client::terminated);
        assertEquals(List.of("1", "2"), client.ids());
        // the slot is given back just after the client saw the end (Reactor disposes after onComplete)
        await(() -> streams.openStreams() == 0);
    }

    @Test
    void shutdown_completes_every_stream_and_refuses_new_ones() {
        Collector client = Collector.unbounded();
        open("alice", 0).subscribe(client);
        await(() -> client.events.size() == 1);
        streams.close();
        await(client::terminated);
        assertEquals(null, client.error);
        assertThrows(StreamLimitException.class, () -> open("bob", 0));
    }

    @Test
    void a_notification_pokes_its_kind_and_its_conversation_and_a_bad_one_is_ignored() {
        assertEquals(List.of("k:m", "c:7a0e"), hub.topicsOf("{\"k\":\"m\",\"c\":\"7a0e\",\"s\":3}"));
        assertEquals(List.of("k:t"), hub.topicsOf("{\"k\":\"t\",\"c\":null,\"q\":9}"));
        assertEquals(List.of(), hub.topicsOf("not json"));
        assertEquals(List.of(), hub.topicsOf("[1,2]"));
        AtomicInteger poked = new AtomicInteger();
        List<LiveChanges> told = new CopyOnWriteArrayList<>();
        NotificationHub.Following following = hub.follow(Set.of("c:7a0e"), changes -> {
            poked.incrementAndGet();
            told.add(changes);
        });
        hub.deliver("{\"k\":\"m\",\"c\":\"7a0e\",\"s\":3}");
        hub.deliver("{\"c\":\"7a0e\"}");
        following.close();
        hub.deliver("{\"k\":\"m\",\"c\":\"7a0e\",\"s\":4}");
        assertEquals(2, poked.get());
        assertEquals(List.of(LiveChanges.of("m"), LiveChanges.EVERYTHING), told, "the kind it names, or without one everything");
        assertEquals(0, hub.topicCount());
    }

    @Test
    void changes_merge_into_the_kinds_either_names_and_everything_absorbs_them() {
        assertEquals(LiveChanges.of("m"), LiveChanges.NONE.merge(LiveChanges.of("m")));
        assertEquals(LiveChanges.of("m"), LiveChanges.of("m").merge(LiveChanges.NONE));
        assertEquals(Set.of("m", "t"), LiveChanges.of("m").merge(LiveChanges.of("t")).kinds());
        assertEquals(LiveChanges.EVERYTHING, LiveChanges.of("m").merge(LiveChanges.EVERYTHING));
        assertEquals(LiveChanges.EVERYTHING, LiveChanges.EVERYTHING.merge(LiveChanges.of("t")));
        assertTrue(LiveChanges.NONE.isEmpty());
        assertFalse(LiveChanges.EVERYTHING.isEmpty());
    }

    /** The table, recording what each read was asked. */
    LiveSource<Long> telling(List<LiveChanges> asked) {
        LiveSource<Long> table = table();
        return (position, limit, changes) -> {
            asked.add(changes);
            return table.readAfter(position, limit, changes);
        };
    }

    @Test
    void a_source_is_asked_for_everything_first_then_for_what_the_notifications_named() {
        List<LiveChanges> asked = new CopyOnWriteArrayList<>();
        append(2);
        Collector client = Collector.unbounded();
        streams().open(new StreamSpec<>("alice", Set.of(TOPIC), 0L, telling(asked))).subscribe(client);
        await(() -> client.ids().size() == 2);
        assertEquals(List.of(LiveChanges.EVERYTHING), asked, "a stream that opens reads everything after its start");

        rows.add("row 3");
        hub.deliver("{\"k\":\"m\",\"c\":\"test\",\"s\":3}");
        await(() -> client.ids().size() == 3);
        rows.add("row 4");
        hub.deliver("{\"k\":\"t\",\"c\":\"test\",\"q\":1}");
        await(() -> client.ids().size() == 4);
        hub.pokeAll();
        await(() -> asked.size() == 4);
        assertEquals(List.of(LiveChanges.EVERYTHING, LiveChanges.of("m"), LiveChanges.of("t"), LiveChanges.EVERYTHING), asked);
        assertEquals(List.of("1", "2", "3", "4"), client.ids());
    }

    @Test
    void what_was_asked_stays_asked_across_a_full_queue_until_it_is_read_to_the_end() {
        settings.setBuffer(8);
        settings.setBatchSize(4);
        List<LiveChanges> asked = new CopyOnWriteArrayList<>();
        Collector slow = Collector.requesting(1);
        streams().open(new StreamSpec<>("slow", Set.of(TOPIC), 0L, telling(asked))).subscribe(slow);
        await(() -> slow.events.size() == 1);
        await(() -> asked.size() == 1);
        for (int i = 0; i < 30; i++) {
            rows.add("row " + (rows.size() + 1));
        }
        hub.publish(TOPIC, LiveChanges.of("m"));
        for (int i = 0; i < 10_000 && slow.ids().size() < 30; i++) {
            slow.more(1);
            pause();
        }
        assertEquals(30, slow.ids().size(), "the reads that resumed after the queue drained were still asked for the messages");
        assertTrue(asked.size() > 2, "the queue filled up in between: " + asked.size() + " reads");
        assertEquals(List.of(LiveChanges.of("m")), asked.subList(1, asked.size()).stream().distinct().toList());
    }

    @Test
    void a_failed_read_is_retried_with_what_it_was_asked() {
        List<LiveChanges> asked = new CopyOnWriteArrayList<>();
        LiveSource<Long> telling = telling(asked);
        AtomicInteger calls = new AtomicInteger();
        Collector client = Collector.unbounded();
        streams().open(new StreamSpec<>("alice", Set.of(TOPIC), 0L, (position, limit, changes) -> {
            if (calls.incrementAndGet() == 2) {
                asked.add(changes);
                throw new IllegalStateException("database away");
            }
            return telling.readAfter(position, limit, changes);
        })).subscribe(client);
        await(() -> asked.size() == 1);
        rows.add("row 1");
        hub.publish(TOPIC, LiveChanges.of("m"));
        await(() -> client.ids().size() == 1);
        assertEquals(List.of(LiveChanges.EVERYTHING, LiveChanges.of("m"), LiveChanges.of("m")), asked);
    }

    static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A client: requests as told and records what it got. */
    static final class Collector extends BaseSubscriber<Event<Object>> {
        final List<Event<Object>> events = new CopyOnWriteArrayList<>();
        final long initial;
        volatile boolean done;
        volatile Throwable error;

        private Collector(long initial) {
            this.initial = initial;
        }

        static Collector unbounded() {
            return new Collector(Long.MAX_VALUE);
        }

        static Collector requesting(long initial) {
            return new Collector(initial);
        }

        void more(long n) {
            request(n);
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (initial > 0) {
                subscription.request(initial);
            }
        }

        @Override
        protected void hookOnNext(Event<Object> value) {
            events.add(value);
        }

        @Override
        protected void hookOnComplete() {
            done = true;
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error = throwable;
            done = true;
        }

        boolean terminated() {
            return done;
        }

        List<String> ids() {
            return events.stream().filter(e -> e.getId() != null).map(Event::getId).toList();
        }

        List<Object> data() {
            return events.stream().filter(e -> e.getId() != null).map(Event::getData).toList();
        }
    }
}
