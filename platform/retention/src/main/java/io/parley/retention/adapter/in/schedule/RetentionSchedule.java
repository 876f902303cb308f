package io.parley.retention.adapter.in.schedule;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.parley.retention.application.port.in.RetentionLockHeldException;
import io.parley.retention.application.port.in.RunRetentionCommand;
import io.parley.retention.application.port.in.RunRetentionUseCase;
import jakarta.inject.Singleton;

/**
 * The nightly trigger: every instance fires it, the advisory lock lets one of them run. Off with
 * {@code parley.retention.enabled: false} (the admin endpoint and the CLI still work). The cron is in UTC.
 */
@Singleton
@Requires(property = "parley.retention.enabled", notEquals = "false")
class RetentionSchedule {

    private final RunRetentionUseCase job;

    RetentionSchedule(RunRetentionUseCase job) {
        this.job = job;
    }

    @Scheduled(cron = "${parley.retention.cron:0 30 3 * * *}", zoneId = "UTC")
    void nightly() {
        try {
            job.run(RunRetentionCommand.REAL);
        } catch (RetentionLockHeldException skipped) {
            // another instance runs it tonight; the job logged the skip
        } catch (RuntimeException failed) {
            // logged and counted by the job; what it committed stays done and tomorrow's run continues from there
        }
    }
}
