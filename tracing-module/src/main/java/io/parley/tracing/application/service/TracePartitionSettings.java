package io.parley.tracing.application.service;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.parley.tracing.application.port.out.PartitionLocks;
import io.parley.tracing.domain.PartitionPeriod;

import java.time.Duration;

/**
 * {@code parley.tracing.partitions.*}: the time partitions of {@code tracing.agent_traces} and
 * {@code tracing.api_requests}.
 *
 * <pre>
 * partitions:
 *   enabled: true        # the scheduled creation on this instance (retention drops partitions either way)
 *   period: day          # day | week | month, in UTC; the migration made daily partitions
 *   ahead-days: 3        # partitions exist from the period now in progress to this many days ahead
 *   interval: 1h         # how often the job looks (and once at startup)
 *   lock-timeout: 500ms  # the longest any partition DDL waits for a lock (and holds up queries queued behind it)
 *   lock-attempts: 10    # tries of one partition step before the job or retention run gives up
 *   lock-retry-pause: 1s
 * </pre>
 */
@ConfigurationProperties("parley.tracing.partitions")
public class TracePartitionSettings {

    public static final String ENABLED = "parley.tracing.partitions.enabled";

    private boolean enabled = true;
    private PartitionPeriod period = PartitionPeriod.DAY;
    private int aheadDays = 3;
    private Duration interval = Duration.ofHours(1);
    private Duration lockTimeout = Duration.ofMillis(500);
    private int lockAttempts = 10;
    private Duration lockRetryPause = Duration.ofSeconds(1);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public PartitionPeriod getPeriod() {
        return period;
    }

    public void setPeriod(String period) {
        this.period = PartitionPeriod.parse(period);
    }

    public int getAheadDays() {
        return aheadDays;
    }

    public void setAheadDays(int aheadDays) {
        if (aheadDays < 1 || aheadDays > 366) {
            throw new IllegalArgumentException("parley.tracing.partitions.ahead-days must be 1..366");
        }
        this.aheadDays = aheadDays;
    }

    /** Read by the job's @Scheduled expression; kept here so the configuration documents itself. */
    public Duration getInterval() {
        return interval;
    }

    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    public Duration getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(Duration lockTimeout) {
        this.lockTimeout = lockTimeout;
        locks();
    }

    public int getLockAttempts() {
        return lockAttempts;
    }

    public void setLockAttempts(int lockAttempts) {
        this.lockAttempts = lockAttempts;
        locks();
    }

    public Duration getLockRetryPause() {
        return lockRetryPause;
    }

    public void setLockRetryPause(Duration lockRetryPause) {
        this.lockRetryPause = lockRetryPause;
        locks();
    }

    /** The lock settings as one value; throws when they are out of range. */
    public PartitionLocks locks() {
        return new PartitionLocks(lockTimeout, lockAttempts, lockRetryPause);
    }
}
