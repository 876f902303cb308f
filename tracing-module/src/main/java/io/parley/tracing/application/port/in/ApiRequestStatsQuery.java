package io.parley.tracing.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import io.parley.tracing.domain.StatsWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ?from=&to=}: RFC 3339 timestamps (years 1970..9999); {@code to} defaults to now and
 * {@code from} to 24 hours before {@code to}; {@code from} must be before {@code to} and the window
 * at most 31 days. Anything else is a rule violation (422) naming the parameter.
 */
public record ApiRequestStatsQuery(StatsWindow window) {

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
        Instant instant = Timestamps.parse(raw).orElse(null);
        if (instant == null) {
            errors.add(new FieldError(field, Timestamps.FORMAT_MESSAGE));
            return null;
        }
        if (!Timestamps.inRange(instant)) {
            errors.add(new FieldError(field, Timestamps.RANGE_MESSAGE));
            return null;
        }
        return instant;
    }
}
