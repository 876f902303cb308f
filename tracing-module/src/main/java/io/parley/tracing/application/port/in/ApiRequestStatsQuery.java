package io.parley.tracing.application.port.in;

import io.parley.kernel.FieldError;
import io.parley.kernel.RuleViolationException;
import io.parley.kernel.Text;
import io.parley.kernel.TimeWindow;
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
        if (endpoint != null && (endpoint.isEmpty() || endpoint.length() > ApiRequest.ENDPOINT_MAX || !Text.isCleanUnicode(endpoint))) {
            errors.add(new FieldError("endpoint", "must be a route template of 1 to " + ApiRequest.ENDPOINT_MAX + " characters"));
        }
        TimeWindow window = null;
        try {
            window = TimeWindow.of(rawFrom, rawTo, now, StatsWindow.DEFAULT_LENGTH, StatsWindow.MAX_LENGTH);
        } catch (RuleViolationException e) {
            errors.addAll(0, e.errors());
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException(errors);
        }
        return new ApiRequestStatsQuery(new StatsWindow(window.from(), window.to()), endpoint);
    }
}
