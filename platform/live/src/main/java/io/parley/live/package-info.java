/**
 * Live events for every module, like the kernel but allowed Micronaut, Reactor and JDBC: it knows no module.
 *
 * <ul>
 *   <li>{@link io.parley.live.PostgresListener}: one dedicated pgjdbc connection per instance that
 *       {@code LISTEN}s on {@link io.parley.live.LiveTopics#CHANNEL}, on one platform thread, re-established
 *       with backoff after a database restart. Database triggers send the notifications, so every write
 *       path is covered; a payload carries ids only, never data.</li>
 *   <li>{@link io.parley.live.NotificationHub}: turns a notification into pokes of the streams that follow
 *       its topics, each naming the notification's kind of change ({@link io.parley.live.LiveChanges}); after
 *       a reconnect it pokes every stream about everything (notifications may have been lost).</li>
 *   <li>{@link io.parley.live.LiveStreams}: opens a Server-Sent Event stream as a Reactor {@code Flux} of
 *       Micronaut {@code Event}s. A poke makes the stream read from PostgreSQL, after the last position it
 *       queued, what the pokes since its last read named ({@link io.parley.live.LiveSource}), so delivery is
 *       gap-free and exactly once even when notifications are coalesced or lost; bounded per-stream queues, keep-alive comments,
 *       a maximum duration, per-instance and per-caller limits, no thread per stream.</li>
 * </ul>
 */
package io.parley.live;
