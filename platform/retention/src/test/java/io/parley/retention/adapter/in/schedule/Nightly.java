package io.parley.retention.adapter.in.schedule;

import io.parley.retention.application.port.in.RunRetentionUseCase;

/** For tests: the nightly trigger, fired now. */
public final class Nightly {

    private Nightly() {
    }

    public static void fire(RunRetentionUseCase job) {
        new RetentionSchedule(job).nightly();
    }
}
