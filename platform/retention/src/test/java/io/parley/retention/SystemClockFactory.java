package io.parley.retention;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The clock platform/app's configuration gives every module; tests that control time replace it with a MutableClock. */
@Factory
class SystemClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
