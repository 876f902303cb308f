package io.parley.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;

import java.time.Duration;

/**
 * {@code parley.live.*}: the bounds of the event streams. Defaults: a keep-alive comment every 15 s,
 * streams end after 30 min (clients reconnect with {@code Last-Event-ID}), at most 2,000 open streams per
 * instance and 8 per caller, 128 events queued per stream, 100 events per database read, 4 reader threads.
 * The listener reconnects after 100 ms, doubling up to 5 s, and checks an idle connection every 10 s.
 */
@ConfigurationProperties("parley.live")
public class LiveSettings {

    private Duration keepAlive = Duration.ofSeconds(15);
    private Duration maxDuration = Duration.ofMinutes(30);
    private int maxStreams = 2000;
    private int maxStreamsPerCaller = 8;
    private int buffer = 128;
    private int batchSize = 100;
    private int readerThreads = 4;
    private Duration reconnectMin = Duration.ofMillis(100);
    private Duration reconnectMax = Duration.ofSeconds(5);
    private Duration heartbeat = Duration.ofSeconds(10);

    /** Every interval each open stream without anything to send gets {@code : keep-alive}; also the tick of the other checks. */
    public Duration getKeepAlive() {
        return keepAlive;
    }

    public void setKeepAlive(Duration keepAlive) {
        this.keepAlive = positive("keep-alive", keepAlive);
    }

    /** A stream is ended (cleanly) after this long; the client reconnects with {@code Last-Event-ID}. */
    public Duration getMaxDuration() {
        return maxDuration;
    }

    public void setMaxDuration(Duration maxDuration) {
        this.maxDuration = positive("max-duration", maxDuration);
    }

    /** Open streams per instance; one more is 503. */
    public int getMaxStreams() {
        return maxStreams;
    }

    public void setMaxStreams(int maxStreams) {
        this.maxStreams = atLeastOne("max-streams", maxStreams);
    }

    /** Open streams per caller (a user's subject, a guest's session) on this instance; one more is 429. */
    public int getMaxStreamsPerCaller() {
        return maxStreamsPerCaller;
    }

    public void setMaxStreamsPerCaller(int maxStreamsPerCaller) {
        this.maxStreamsPerCaller = atLeastOne("max-streams-per-caller", maxStreamsPerCaller);
    }

    /** Events a stream queues for its client; reading from the database pauses while it is full. */
    public int getBuffer() {
        return buffer;
    }

    public void setBuffer(int buffer) {
        this.buffer = atLeastOne("buffer", buffer);
    }

    /** Events one database read returns at most. */
    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = atLeastOne("batch-size", batchSize);
    }

    /** Threads shared by every stream of the instance for their database reads. */
    public int getReaderThreads() {
        return readerThreads;
    }

    public void setReaderThreads(int readerThreads) {
        this.readerThreads = atLeastOne("reader-threads", readerThreads);
    }

    public Duration getReconnectMin() {
        return reconnectMin;
    }

    public void setReconnectMin(Duration reconnectMin) {
        this.reconnectMin = positive("reconnect-min", reconnectMin);
    }

    public Duration getReconnectMax() {
        return reconnectMax;
    }

    public void setReconnectMax(Duration reconnectMax) {
        this.reconnectMax = positive("reconnect-max", reconnectMax);
    }

    /** An idle notification connection runs {@code SELECT 1} this often, so a dead one is noticed. */
    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = positive("heartbeat", heartbeat);
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new ConfigurationException("parley.live." + name + " must be a positive duration");
        }
        return value;
    }

    private static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new ConfigurationException("parley.live." + name + " must be at least 1");
        }
        return value;
    }
}
