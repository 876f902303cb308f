package io.parley.conversation.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time a change is recorded at, in the precision the API shows (milliseconds), so what is stored is what is returned. */
final class Now {

    private Now() {
    }

    static Instant of(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
