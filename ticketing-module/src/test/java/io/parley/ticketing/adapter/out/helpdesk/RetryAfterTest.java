package io.parley.ticketing.adapter.out.helpdesk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RetryAfterTest {

    @Test
    void seconds_and_http_dates_are_read_and_garbage_is_ignored() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", Requests.CLOCK));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Mon, 23 Nov 2026 10:00:30 GMT", Requests.CLOCK));
        assertEquals(Duration.ZERO, RetryAfter.parse("Mon, 23 Nov 2026 09:00:00 GMT", Requests.CLOCK), "a date in the past means now");
        assertNull(RetryAfter.parse(null, Requests.CLOCK));
        assertNull(RetryAfter.parse("", Requests.CLOCK));
        assertNull(RetryAfter.parse("-5", Requests.CLOCK));
        assertNull(RetryAfter.parse("soon", Requests.CLOCK));
    }
}
