package io.parley.tracing.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import io.parley.tracing.domain.StatsWindow;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ?from=&to=}: RFC 3339 timestamps (years 1970..9999); {@code to} defaults to now and
 * {@code from} to 24 hours before {@code to}; {@code from} must be before {@code to} and the window
 * at most 31 days. Anything else is a rule violation (422) naming the parameter.
 */
public record ApiRequestStatsQuery(StatsWindow window) {

    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public static ApiRequestStatsQuery of(String rawFrom, String rawTo, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant from = parse(rawFrom, "from", errors);
        Instant to = parse(rawTo, "to", errors);
        if (!errors.isEmpty()) {
            throw new RuleViolationException(errors);
        }
        to = to != null ? to : now;
        from = from != null ? from : to.minus(StatsWindow.DEFAULT_LENGTH);
        if (!from.isBefore(to)) {
            throw new RuleViolationException("from", "must be before to (to defaults to now)");
        }
        if (from.plus(StatsWindow.MAX_LENGTH).isBefore(to)) {
            throw new RuleViolationException("from", "the window from..to must be at most " + StatsWindow.MAX_LENGTH.toDays() + " days");
        }
        return new ApiRequestStatsQuery(new StatsWindow(from, to));
    }

    private static Instant parse(String raw, String field, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            if (raw.length() > 64) {
                throw new DateTimeException("too long");
            }
            Instant instant = OffsetDateTime.parse(raw.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                errors.add(new FieldError(field, "must be between 1970 and 9999"));
                return null;
            }
            return instant;
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "must be an RFC 3339 timestamp with an offset, e.g. 2026-11-23T10:15:30Z"));
            return null;
        }
    }
}
