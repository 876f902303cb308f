package io.parley.ticketing.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** PostgreSQL keeps microseconds: times are cut to them before use, so what is returned is what is stored. */
final class Now {

    private Now() {
    }

    static Instant of(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
