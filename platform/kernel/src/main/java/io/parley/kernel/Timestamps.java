package io.parley.kernel;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Timestamps of the API: the time a change is recorded at ({@link #now}), and RFC 3339 timestamps as
 * clients send them (an offset is required, years 1970..9999: PostgreSQL and humans agree on those).
 */
public final class Timestamps {

    public static final String FORMAT_MESSAGE = "must be an RFC 3339 timestamp with an offset, e.g. 2026-11-23T10:15:30.123Z";
    public static final String RANGE_MESSAGE = "must be between 1970 and 9999";

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Timestamps() {
    }

    /**
     * The time a change is recorded at: the clock's instant in the precision the API shows (milliseconds),
     * so what is stored is exactly what is returned, and a cursor built from a returned value finds its row.
     */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The instant, or empty when the text is not RFC 3339 with an offset (check {@link #inRange} separately). */
    public static Optional<Instant> parse(String raw) {
        if (raw == null || raw.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(raw.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }
}
