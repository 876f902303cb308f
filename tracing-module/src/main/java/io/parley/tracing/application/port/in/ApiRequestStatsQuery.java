package io.parley.tracing.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Text;
import io.parley.tracing.domain.ApiRequest;
import io.parley.tracing.domain.StatsWindow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ?from=&to=&endpoint=}: RFC 3339 timestamps (years 1970..9999); {@code to} defaults to now and
 * {@code from} to 24 hours before {@code to}; {@code from} must be before {@code to} and the window
 * at most 31 days. {@code endpoint}, optional, keeps one route template. Anything else is a rule
 * violation (422) naming the parameter.
 */
public record ApiRequestStatsQuery(StatsWindow window, String endpoint) {

    public static ApiRequestStatsQuery of(String rawFrom, String rawTo, Instant now) {
        return of(rawFrom, rawTo, null, now);
    }

    public static ApiRequestStatsQuery of(String rawFrom, String rawTo, String endpoint, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant from = parse(rawFrom, "from", errors);
        Instant to = parse(rawTo, "to", errors);
        if (endpoint != null && (endpoint.isEmpty() || endpoint.length() > ApiRequest.ENDPOINT_MAX || !Text.isCleanUnicode(endpoint))) {
            errors.add(new FieldError("endpoint", "must be a route template of 1 to " + ApiRequest.ENDPOINT_MAX + " characters"));
        }
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
        return new ApiRequestStatsQuery(new StatsWindow(from, to), endpoint);
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
