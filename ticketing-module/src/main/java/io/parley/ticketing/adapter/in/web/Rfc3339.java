package io.parley.ticketing.adapter.in.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps on the wire as docs/api.md shows them: RFC 3339, UTC, milliseconds ({@code 2026-11-23T10:15:30.123Z}). */
final class Rfc3339 {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Rfc3339() {
    }

    static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
