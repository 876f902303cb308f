package io.parley.kernel;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one clock reading every module records changes at. */
class TimestampsTest {

    @Test
    void now_is_the_clocks_instant_in_the_milliseconds_the_api_shows() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-05T10:15:30.123456789Z"), ZoneOffset.UTC);

        assertEquals(Instant.parse("2026-12-05T10:15:30.123Z"), Timestamps.now(clock));
    }
}
